import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.ts';
import type { NotificationChannels, NotificationsSettings } from './notification-channels.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';

export const OUTCOME_UNKNOWN = "Issue inconnue : vérifier chez l'opérateur avant tout renvoi.";
export const RESENT_AFTER_CRASH = "Envoi interrompu (processus arrêté) et absent chez l'opérateur : renvoyé.";
/** Rows handled per pass; the next pass (or the next minute) takes the rest. */
const SWEEP_LIMIT = 1000;
/**
 * The provider stamps messages with its own clock, to the second (Twilio's date_created): a
 * message sent right after the claim may look a little older than it.
 */
const CLOCK_SKEW_MS = 30_000;
/** Start-up recovery gives up after this many passes (a later minute sweep carries on). */
const RECOVERY_PASSES = 20;

type Stale = { id: string; channel: string; address: string; attempts: number; updatedAt: Date; body: string };

export interface Sweeper {
  /** Settles abandoned sends and returns the ids to (re)send now: due retries, orphans, resends. */
  collect(): Promise<string[]>;
  /**
   * What a dead process left behind (sends it had claimed, queued rows its jobs held) before
   * this one started: swept now, then again as soon as those rows become stale.
   */
  leftoversSince(startedAt: Date): Promise<Date | undefined>;
  /** Queued deliveries whose time has come (outbox rows written due at once, retries): the relay's cheap poll. */
  due(): Promise<string[]>;
}

export function createSweeper(
  database: Database,
  channels: NotificationChannels,
  settings: NotificationsSettings,
): Sweeper {
  const db = database.db;
  const d = notificationDeliveries;
  /** Same claim the row was left in: a worker or sweeper that moved it meanwhile wins. */
  const unchanged = (row: Stale) => and(eq(d.id, row.id), eq(d.status, 'sending'), eq(d.attempts, row.attempts));

  async function markUnknown(rows: Stale[]) {
    for (const row of rows) {
      await db
        .update(d)
        .set({ status: 'failed', failureKind: 'technical', lastError: OUTCOME_UNKNOWN, updatedAt: new Date() })
        .where(unchanged(row));
    }
  }

  /**
   * Asks the provider. Found: the dead worker's send went through, record it (no resend). Not
   * found: it never left, since the threshold exceeds the provider timeout — queue it again, with
   * the same idempotency key. The lookup failing leaves it 'failed' for a human, never resent.
   */
  async function settleSms(row: Stale): Promise<string | undefined> {
    const sms = channels.sms;
    if (!sms.findSent) return void (await markUnknown([row]));
    let providerId: string | undefined;
    try {
      providerId = await sms.findSent({
        to: row.address,
        body: row.body,
        since: new Date(row.updatedAt.getTime() - CLOCK_SKEW_MS),
      });
    } catch {
      return void (await markUnknown([row]));
    }
    const now = new Date();
    if (providerId) {
      await db
        .update(d)
        .set({
          status: 'sent',
          providerId,
          sentAt: now,
          lastError: null,
          failureKind: null,
          nextAttemptAt: null,
          updatedAt: now,
        })
        .where(unchanged(row));
      return undefined;
    }
    const [requeued] = await db
      .update(d)
      .set({ status: 'queued', lastError: RESENT_AFTER_CRASH, nextAttemptAt: now, updatedAt: now })
      .where(unchanged(row))
      .returning({ id: d.id });
    return requeued?.id;
  }

  async function collect(): Promise<string[]> {
    const cutoff = new Date(Date.now() - settings.staleSendingMs);
    const stale: Stale[] = await db
      .select({
        id: d.id,
        channel: d.channel,
        address: d.address,
        attempts: d.attempts,
        updatedAt: d.updatedAt,
        body: notifications.body,
      })
      .from(d)
      .innerJoin(notifications, eq(notifications.id, d.notificationId))
      .where(and(eq(d.status, 'sending'), sql`${d.updatedAt} < ${cutoff.toISOString()}::timestamptz`))
      .orderBy(d.updatedAt)
      .limit(SWEEP_LIMIT);
    // E-mail (SMTP) and push offer no way to ask whether a message left: a human decides.
    await markUnknown(stale.filter((row) => row.channel !== 'sms'));
    const resend: string[] = [];
    for (const row of stale.filter((r) => r.channel === 'sms')) {
      const id = await settleSms(row);
      if (id) resend.push(id);
    }
    // Queued with no retry date and older than the threshold: its job died with its worker
    // (pg-boss would only expire it much later) or was lost. Claims are exclusive, so taking a
    // row a live job is about to take costs nothing.
    const due = await db
      .select({ id: d.id })
      .from(d)
      .where(
        and(
          eq(d.status, 'queued'),
          sql`(${d.nextAttemptAt} <= now() or (${d.nextAttemptAt} is null and ${d.createdAt} < ${cutoff.toISOString()}::timestamptz))`,
        ),
      )
      .orderBy(d.createdAt)
      .limit(SWEEP_LIMIT);
    return [...new Set([...resend, ...due.map((row) => row.id)])];
  }

  async function leftoversSince(startedAt: Date): Promise<Date | undefined> {
    const before = `${startedAt.toISOString()}`;
    const [row] = await db
      .select({
        oldest: sql<string | null>`min(case when ${d.status} = 'sending' then ${d.updatedAt} else ${d.createdAt} end)`,
      })
      .from(d)
      .where(
        and(
          inArray(d.status, ['sending', 'queued']),
          sql`((${d.status} = 'sending' and ${d.updatedAt} < ${before}::timestamptz) or (${d.status} = 'queued' and ${d.nextAttemptAt} is null and ${d.createdAt} < ${before}::timestamptz))`,
        ),
      );
    return row?.oldest ? new Date(row.oldest) : undefined;
  }

  // Indexed (notification_deliveries_due_idx: queued rows by next_attempt_at), so an idle poll
  // costs one index probe even while a large fan-out waits in the queue with no retry date.
  const dueStatement = db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.status, 'queued'), sql`${d.nextAttemptAt} <= now()`))
    .orderBy(d.nextAttemptAt)
    .limit(SWEEP_LIMIT)
    .prepare('notifications_due_deliveries');
  async function due(): Promise<string[]> {
    return (await dueStatement.execute()).map((row) => row.id);
  }

  return { collect, leftoversSince, due };
}

/** Sweeps until nothing from before `startedAt` is left, waiting for rows to become stale. */
export async function recoverLeftovers(
  sweeper: Sweeper,
  sweep: () => Promise<unknown>,
  staleSendingMs: number,
): Promise<void> {
  const startedAt = new Date();
  for (let pass = 0; pass < RECOVERY_PASSES; pass += 1) {
    await sweep();
    const oldest = await sweeper.leftoversSince(startedAt);
    if (!oldest) return;
    const wait = Math.min(staleSendingMs, Math.max(100, oldest.getTime() + staleSendingMs - Date.now() + 100));
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}
