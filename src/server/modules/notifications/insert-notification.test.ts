import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { auditEvents } from '../../platform/db/platform.tables.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { insertNotification, ONE_STATEMENT_DELIVERIES, type NewNotification } from './insert-notification.ts';
import { DELIVER_JOB, notify } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { useEnqueueOnly } from './notifications.test-helpers.ts';

const actor = systemActor('test-insert-notification');
let database: Database;
let jobs: JobRunner;
useEnqueueOnly((db, runner) => {
  database = db;
  jobs = runner;
});

const auditOf = async (id: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'notification.created'), eq(auditEvents.recordId, id)));
const jobsFor = (ids: string[]) =>
  database.query<{ ids: string[] }>(
    "select data->'deliveryIds' as ids from pgboss.job where name = $1 and data->'deliveryIds' ?| $2::text[]",
    [DELIVER_JOB, ids],
  );

function smsRows(notificationId: string, n: number, extra: Partial<typeof notificationDeliveries.$inferInsert> = {}) {
  return Array.from({ length: n }, (_, i) => {
    const address = `+3361${String(i).padStart(7, '0')}`;
    return {
      notificationId,
      channel: 'sms' as const,
      recipientUserId: null,
      address,
      idempotencyKey: `${notificationId}:sms:${address}`,
      status: 'queued' as const,
      sentAt: null,
      nextAttemptAt: null,
      ...extra,
    };
  });
}
const message = (id: string): NewNotification => ({
  id,
  kind: 'bulletin',
  subject: 'Bulletin',
  body: 'Fermez les fenêtres.',
  replyTo: null,
  channels: ['sms', 'email'],
});

describe('notify() for a few recipients', () => {
  it('writes the message, its deliveries, its job and its counts-only audit event with the caller', async () => {
    const result = await database.db.transaction((tx) =>
      notify(tx, jobs, actor, {
        kind: 'bulletin',
        subject: 'Rappel',
        body: 'Texte.',
        channels: ['email', 'sms'],
        replyTo: 'r@example.fr',
        recipients: [{ email: 'A@example.fr' }, { phone: '0612345678' }],
      }),
    );
    expect(result.deliveryIds).toHaveLength(2);
    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, result.notificationId));
    expect(row).toMatchObject({
      kind: 'bulletin',
      subject: 'Rappel',
      body: 'Texte.',
      createdBy: actor.id,
      replyTo: 'r@example.fr',
    });
    const deliveries = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, result.notificationId));
    expect(deliveries.map((d) => [d.channel, d.address, d.status]).sort()).toEqual([
      ['email', 'a@example.fr', 'queued'],
      ['sms', '+33612345678', 'queued'],
    ]);
    const [audit] = await auditOf(result.notificationId);
    expect(audit).toMatchObject({
      actorType: actor.type,
      actorId: actor.id,
      recordType: 'notification',
      details: { kind: 'bulletin', deliveries: { email: 1, sms: 1 } },
    });
    const queued = await jobsFor(result.deliveryIds);
    expect(queued.flatMap((job) => job.ids).sort()).toEqual([...result.deliveryIds].sort());
  });

  it('leaves no message, delivery, audit event or job when the caller rolls back', async () => {
    let id = '';
    await database.db
      .transaction(async (tx) => {
        ({ notificationId: id } = await notify(tx, jobs, actor, {
          kind: 'bulletin',
          subject: 'Rappel',
          body: 'Texte.',
          channels: ['email'],
          recipients: [{ email: 'b@example.fr' }],
        }));
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await database.db.select().from(notifications).where(eq(notifications.id, id))).toEqual([]);
    expect(
      await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, id)),
    ).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });
});

describe('insertNotification', () => {
  it('keeps times and statuses, skips a used idempotency key and counts only what ' +
    'it wrote, on both paths', async () => {
    const later = new Date('2030-01-01T06:30:00.000Z');
    for (const n of [3, ONE_STATEMENT_DELIVERIES + 1]) {
      const id = crypto.randomUUID();
      const rows = smsRows(id, n, { nextAttemptAt: later });
      // A key written before (same message re-sent): the unique index skips it.
      const inserted = await database.db.transaction(async (tx) => {
        await tx
          .insert(notifications)
          .values({ id: crypto.randomUUID(), kind: 'x', subject: 's', body: 'b' })
          .returning()
          .then(([other]) => tx.insert(notificationDeliveries).values({ ...rows[0], notificationId: other.id }));
        return insertNotification(tx, actor, message(id), rows);
      });
      expect(inserted).toHaveLength(n - 1);
      expect(inserted.every((row) => row.channel === 'sms')).toBe(true);
      const written = await database.db
        .select()
        .from(notificationDeliveries)
        .where(eq(notificationDeliveries.notificationId, id));
      expect(written).toHaveLength(n - 1);
      expect(
        written.every(
          (row) => row.nextAttemptAt?.getTime() === later.getTime() && row.status === 'queued' && row.sentAt === null,
        ),
      ).toBe(true);
      const [audit] = await auditOf(id);
      expect(audit.details).toEqual({ kind: 'bulletin', deliveries: { sms: n - 1, email: 0 } });
    }
  }, 60_000);

  it('writes a message without deliveries, audited with no counts', async () => {
    const id = crypto.randomUUID();
    expect(
      await database.db.transaction((tx) => insertNotification(tx, actor, { ...message(id), channels: [] }, [])),
    ).toEqual([]);
    expect((await auditOf(id))[0].details).toEqual({ kind: 'bulletin', deliveries: {} });
  });

  it('writes an in-app delivery as sent, with its time', async () => {
    const id = crypto.randomUUID();
    const sentAt = new Date('2026-11-26T10:00:00.123Z');
    const userId = crypto.randomUUID();
    await database.db.transaction((tx) =>
      insertNotification(tx, actor, { ...message(id), channels: ['in_app'] }, [
        {
          notificationId: id,
          channel: 'in_app',
          recipientUserId: userId,
          address: userId,
          idempotencyKey: `${id}:in_app:${userId}`,
          status: 'sent',
          sentAt,
          nextAttemptAt: null,
        },
      ]),
    );
    const [row] = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, id));
    expect(row).toMatchObject({
      channel: 'in_app',
      recipientUserId: userId,
      status: 'sent',
      sentAt,
      nextAttemptAt: null,
    });
    expect((await auditOf(id))[0].details).toEqual({ kind: 'bulletin', deliveries: { in_app: 1 } });
  });
});
