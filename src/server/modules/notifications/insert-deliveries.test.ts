import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { insertDeliveries } from './insert-deliveries.ts';
import { DELIVER_CHUNK, DELIVER_JOB, notify } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { useEnqueueOnly } from './notifications.test-helpers.ts';

const actor = systemActor('test-fanout');
/** 20,000 SMS rows × 7 columns: 140,000 values, twice PostgreSQL's limit of bind parameters. */
const RECIPIENTS = 20_000;
let database: Database;
let jobs: JobRunner;

// Enqueue only: the jobs stay in the queue, where the test counts them.
useEnqueueOnly((db, runner) => {
  database = db;
  jobs = runner;
});

const recipients = (offset: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ phone: `061${String(offset + i).padStart(7, '0')}` }));
const message = {
  kind: 'bulletin',
  subject: 'Bulletin de prévention',
  body: 'Fermez portes et fenêtres.',
  channels: ['sms' as const],
};

async function queuedJobs(notificationIds: string[]) {
  const rows = await database.query<{ ids: string[] }>(
    "select data->'deliveryIds' as ids from pgboss.job where name = $1",
    [DELIVER_JOB],
  );
  const wanted = new Set(notificationIds);
  const ids = rows.flatMap((row) => row.ids);
  const owners = ids.length
    ? await database.query<{ notification_id: string }>(
        'select notification_id from notification_deliveries where id = any($1::uuid[])',
        [ids],
      )
    : [];
  return { jobs: rows.length, ids, mine: owners.filter((row) => wanted.has(row.notification_id)).length };
}

describe('notify() to many recipients', () => {
  it(`writes ${RECIPIENTS} deliveries and their jobs in the caller's transaction`, async () => {
    const { notificationId, deliveryIds } = await database.db.transaction((tx) =>
      notify(tx, jobs, actor, { ...message, recipients: recipients(0, RECIPIENTS) }),
    );
    expect(deliveryIds).toHaveLength(RECIPIENTS);
    const [{ n }] = await database.db
      .select({ n: count() })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, notificationId));
    expect(n).toBe(RECIPIENTS);
    const queued = await queuedJobs([notificationId]);
    expect(queued.jobs).toBe(RECIPIENTS / DELIVER_CHUNK);
    expect(new Set(queued.ids)).toEqual(new Set(deliveryIds));
  }, 60_000);

  it('leaves neither rows nor jobs when the transaction rolls back', async () => {
    const before = await queuedJobs([]);
    let id = '';
    await database.db
      .transaction(async (tx) => {
        ({ notificationId: id } = await notify(tx, jobs, actor, {
          ...message,
          recipients: recipients(RECIPIENTS, 5_000),
        }));
        tx.rollback();
      })
      .catch(() => {});
    expect(id).not.toBe('');
    expect(await database.db.select().from(notifications).where(eq(notifications.id, id))).toHaveLength(0);
    expect((await queuedJobs([])).jobs).toBe(before.jobs);
  }, 60_000);
});

describe('insertDeliveries', () => {
  it('keeps column defaults for rows that leave a column out, and skips known idempotency keys', async () => {
    const [notification] = await database.db
      .insert(notifications)
      .values({ kind: 'k', subject: 's', body: 'b', createdBy: 'test' })
      .returning();
    const key = (n: number) => `${notification.id}:sms:+3361000000${n}`;
    const base = { notificationId: notification.id, channel: 'sms' as const, address: '+33610000000' };
    const userId = crypto.randomUUID();
    const sentAt = new Date('2026-01-02T03:04:05.678Z');
    const first = await database.db.transaction((tx) =>
      insertDeliveries(tx, [
        { ...base, idempotencyKey: key(1) },
        { ...base, idempotencyKey: key(2), status: 'sent', sentAt, recipientUserId: userId, nextAttemptAt: undefined },
      ]),
    );
    expect(first).toHaveLength(2);
    const again = await database.db.transaction((tx) =>
      insertDeliveries(tx, [
        { ...base, idempotencyKey: key(2) },
        { ...base, idempotencyKey: key(3) },
      ]),
    );
    expect(again.map((row) => row.channel)).toEqual(['sms']);

    const rows = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, notification.id));
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row]));
    expect(byKey.get(key(1))).toMatchObject({ status: 'queued', attempts: 0, sentAt: null, recipientUserId: null });
    expect(byKey.get(key(2))).toMatchObject({ status: 'sent', sentAt, recipientUserId: userId });
    expect(byKey.get(key(3))?.id).toBe(again[0].id);
  });
});
