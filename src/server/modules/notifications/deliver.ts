import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.ts';
import type { JobDefinition } from '../../platform/jobs/job-runner.ts';
import { SmsError } from '../../platform/sms/sms-provider.ts';
import { PushError } from './push-sender.ts';
import type { NotificationChannels, NotificationsSettings } from './notification-channels.ts';
import { DELIVER_CHUNK, DELIVER_JOB } from './notifications.service.ts';
import { notificationDeliveries, notifications, type FailureKind } from './notifications.tables.ts';
import { OUTCOME_UNKNOWN, createSweeper, recoverLeftovers } from './sweep-deliveries.ts';
import { TokenBucket } from './token-bucket.ts';
import { createDeliveryAnnouncer } from './delivery-events.ts';

export const RETRY_JOB = 'notifications-retry';
export { OUTCOME_UNKNOWN };
/** A send that waited this long for the rate cap renews its claim, so the sweep never takes it for abandoned. */
const RENEW_CLAIM_AFTER_MS = 1000;
const MAX_BACKOFF_MS = 3_600_000;
/** Sends in flight per deliver job at most; the token bucket still caps SMS per second. */
const SEND_CONCURRENCY = 16;
/** SMS per second one lane surely keeps up with (a claim, a provider call and a finish each). */
const SENDS_PER_LANE = 20;
/** Messages kept in memory per worker, briefly (retention may still delete one). */
const MESSAGE_CACHE_SIZE = 100;
const MESSAGE_CACHE_MS = 60_000;
/** Deliver jobs claimed together: a backlog drains without waiting for pg-boss's poll between jobs. */
const DELIVER_JOB_BATCH = 4;
/**
 * A claimed batch must finish well within pg-boss's expiry (15 min) or its jobs would run twice
 * side by side: under a low cap (a Twilio trial account sends 1 SMS/s) jobs are claimed one by one.
 */
const BATCH_BUDGET_SECONDS = 600;

export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed';

interface Failure {
  kind: FailureKind;
  retriable: boolean;
  outcomeUnknown: boolean;
  message: string;
  retryAfterMs?: number;
}

/** SmsError already speaks our language; SMTP errors are sorted by their reply code. */
function classify(error: unknown): Failure {
  if (error instanceof SmsError || error instanceof PushError) {
    return {
      kind: error.kind,
      retriable: error.retriable,
      outcomeUnknown: error.outcomeUnknown,
      message: error.message,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterMs: error.retryAfterSeconds * 1000 } : {}),
    };
  }
  const code = (error as { responseCode?: unknown })?.responseCode;
  if (typeof code === 'number' && code >= 500)
    return {
      kind: 'permanent',
      retriable: false,
      outcomeUnknown: false,
      message: `Le serveur de messagerie refuse le message (code ${code}).`,
    };
  if (typeof code === 'number')
    return {
      kind: 'temporary',
      retriable: true,
      outcomeUnknown: false,
      message: `Le serveur de messagerie demande de réessayer plus tard (code ${code}).`,
    };
  // Connection refused, DNS…: nothing left, retrying is safe (a duplicate e-mail is the worst case).
  return { kind: 'technical', retriable: true, outcomeUnknown: false, message: 'Serveur de messagerie injoignable.' };
}

export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, 2 ** attempts * baseMs);
}

export interface Deliverer {
  deliver(id: string): Promise<DeliveryOutcome>;
  deliverAll(ids: string[]): Promise<Record<DeliveryOutcome, number>>;
  /** Retries whose time has come, orphans, and sends a dead worker left unfinished. */
  sweep(): Promise<Record<DeliveryOutcome, number>>;
  /** The outbox relay: sends the queued deliveries that are due (written due at once by statements, retries). */
  relay(): Promise<Record<DeliveryOutcome, number>>;
  /** At start-up: sweeps what a crashed process left, as soon as it is stale. */
  recover(): Promise<void>;
  /** Deliver jobs a worker claims at once, given the SMS cap. */
  jobBatchSize: number;
}

export function createDeliverer(
  database: Database,
  channels: NotificationChannels,
  settings: NotificationsSettings,
): Deliverer {
  const db = database.db;
  const smsBucket = new TokenBucket(settings.smsPerSecond);
  // No more lanes than the SMS cap needs: a lane waiting for a token holds a claimed delivery.
  const lanes = Math.max(1, Math.min(SEND_CONCURRENCY, Math.ceil(settings.smsPerSecond / SENDS_PER_LANE)));

  // Prepared once (SQL built once, planned once per connection): it runs for every recipient.
  const claimStatement = db
    .update(notificationDeliveries)
    .set({
      status: 'sending',
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      updatedAt: sql`${sql.placeholder('now')}::timestamptz`,
    })
    .where(
      and(
        eq(notificationDeliveries.id, sql.placeholder('id')),
        eq(notificationDeliveries.status, 'queued'),
        sql`(${notificationDeliveries.nextAttemptAt} is null or ${notificationDeliveries.nextAttemptAt} <= now())`,
      ),
    )
    .returning()
    .prepare('notifications_claim_delivery');

  // A message never changes once written: a fan-out reads it once, not once per recipient.
  const messages = new Map<string, { message: typeof notifications.$inferSelect; at: number }>();
  async function loadMessage(id: string) {
    const cached = messages.get(id);
    if (cached && Date.now() - cached.at < MESSAGE_CACHE_MS) return cached.message;
    const [message] = await db.select().from(notifications).where(eq(notifications.id, id));
    if (messages.size >= MESSAGE_CACHE_SIZE) messages.delete(messages.keys().next().value as string);
    if (message) messages.set(id, { message, at: Date.now() });
    return message;
  }

  /** This attempt's claim, still held: not moved on by a receipt, nor re-claimed after the sweep. */
  const stillMine = (claim: { id: string; attempts: number }) =>
    and(
      eq(notificationDeliveries.id, claim.id),
      eq(notificationDeliveries.status, 'sending'),
      eq(notificationDeliveries.attempts, claim.attempts),
    );

  async function finish(
    claim: { id: string; attempts: number },
    values: Partial<typeof notificationDeliveries.$inferInsert>,
  ) {
    // A receipt that already moved the row on (or a later attempt) is never overwritten.
    await db
      .update(notificationDeliveries)
      .set({ ...values, updatedAt: new Date() })
      .where(stillMine(claim));
  }

  const announcer = createDeliveryAnnouncer(db);

  async function deliver(id: string): Promise<DeliveryOutcome> {
    // The claim is the at-most-once point: only one worker moves a row out of 'queued', and a
    // replayed job finds it 'sending' or 'sent' and leaves it alone.
    const [claimed] = await claimStatement.execute({ id, now: new Date() });
    if (!claimed) return 'skipped';
    const message = await loadMessage(claimed.notificationId);
    try {
      let providerId: string;
      if (claimed.channel === 'sms') {
        const claimedAt = Date.now();
        await smsBucket.take();
        if (Date.now() - claimedAt > RENEW_CLAIM_AFTER_MS) {
          const [renewed] = await db
            .update(notificationDeliveries)
            .set({ updatedAt: new Date() })
            .where(stillMine(claimed))
            .returning({ id: notificationDeliveries.id });
          if (!renewed) return 'skipped';
        }
        const result = await channels.sms.send({
          to: claimed.address,
          body: message.body,
          idempotencyKey: claimed.idempotencyKey,
          // The delivery id in the URL (signed by the provider) matches receipts that overtake our own record of the send.
          ...(channels.smsReceiptsUrl ? { statusCallbackUrl: `${channels.smsReceiptsUrl}?d=${claimed.id}` } : {}),
        });
        providerId = result.providerId;
      } else if (claimed.channel === 'push') {
        // The address of a push delivery is the subscription id (push-sender.ts).
        providerId = await channels.push.send(claimed.address, {
          deliveryId: claimed.id,
          kind: message.kind,
          subject: message.subject,
          body: message.body,
        });
      } else {
        providerId = (
          await channels.email.send({
            to: claimed.address,
            subject: message.subject,
            text: message.body,
            kind: 'notification',
            ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          })
        ).id;
      }
      await finish(claimed, {
        status: 'sent',
        providerId,
        sentAt: new Date(),
        lastError: null,
        failureKind: null,
        nextAttemptAt: null,
      });
      return 'sent';
    } catch (error) {
      const failure = classify(error);
      if (failure.outcomeUnknown) {
        // The provider may have taken it: sending again could deliver the alert twice.
        await finish(claimed, { status: 'failed', failureKind: 'technical', lastError: OUTCOME_UNKNOWN });
        return 'failed';
      }
      if (failure.retriable && claimed.attempts < settings.maxAttempts) {
        const delay = Math.max(backoffMs(claimed.attempts, settings.retryBaseMs), failure.retryAfterMs ?? 0);
        await finish(claimed, {
          status: 'queued',
          lastError: failure.message,
          nextAttemptAt: new Date(Date.now() + delay),
        });
        return 'retry';
      }
      await finish(claimed, {
        status: 'failed',
        failureKind: failure.retriable ? 'temporary' : failure.kind,
        lastError: failure.message,
      });
      return 'failed';
    } finally {
      // The sender's page (an alert's recipients) follows each delivery without reloading.
      if (message) announcer.announce(message.id, message.createdBy);
    }
  }

  /**
   * Up to `lanes` sends in flight: one at a time, a provider round trip plus two queries per
   * message cap a worker far below 500 messages/s. Each delivery keeps its own claim.
   */
  async function deliverAll(ids: string[]) {
    const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0 };
    let next = 0;
    let error: unknown;
    const lane = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        try {
          counts[await deliver(id)] += 1;
        } catch (caught) {
          // The other lanes finish their sends; the job then fails and its replay skips claimed rows.
          error ??= caught;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, ids.length) }, lane));
    if (error !== undefined) throw error;
    return counts;
  }

  const sweeper = createSweeper(database, channels, settings);
  async function sweep() {
    return deliverAll(await sweeper.collect());
  }

  const jobBatchSize = Math.max(
    1,
    Math.min(DELIVER_JOB_BATCH, Math.floor((settings.smsPerSecond * BATCH_BUDGET_SECONDS) / DELIVER_CHUNK)),
  );
  async function relay() {
    return deliverAll(await sweeper.due());
  }

  return {
    deliver,
    deliverAll,
    sweep,
    relay,
    recover: () => recoverLeftovers(sweeper, sweep, settings.staleSendingMs),
    jobBatchSize,
  };
}

export const OUTBOX_JOB = 'notifications-outbox';

export function createDeliverJobs(
  deliverer: Deliverer,
  settings: Pick<NotificationsSettings, 'outboxPollMs'>,
): JobDefinition[] {
  const deliverJob: JobDefinition<{ deliveryIds?: unknown }> = {
    name: DELIVER_JOB,
    batchSize: deliverer.jobBatchSize,
    async handler(data) {
      const ids = Array.isArray(data.deliveryIds)
        ? data.deliveryIds.filter((id): id is string => typeof id === 'string')
        : [];
      await deliverer.deliverAll(ids);
    },
  };
  // pg-boss cron has minute granularity: a 20 s backoff becomes up to a minute, which is fine.
  // At start-up too: a worker restarted after a crash recovers its sends without waiting for the cron.
  const retryJob: JobDefinition = {
    name: RETRY_JOB,
    cron: '* * * * *',
    handler: async () => void (await deliverer.sweep()),
    onStart: () => deliverer.recover(),
  };
  // Deliveries written by a caller's own statement (statement-message.ts) have no queued job:
  // the relay finds them due within a poll, as it does retries whose time has come.
  const outboxJob: JobDefinition = {
    name: OUTBOX_JOB,
    everyMs: settings.outboxPollMs,
    handler: async () => void (await deliverer.relay()),
  };
  return [deliverJob as JobDefinition, retryJob, outboxJob];
}
