import type { Actor } from '../../platform/access/actor.ts';
import { AUDIT_INSERT, recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/client.ts';
import { queryNamed } from '../../platform/db/named-query.ts';
import { insertDeliveries, type InsertedDelivery } from './insert-deliveries.ts';
import { notifications, type Channel, type notificationDeliveries } from './notifications.tables.ts';

type DeliveryRow = typeof notificationDeliveries.$inferInsert;

export interface NewNotification {
  /** Chosen by the caller (random UUID): the deliveries' idempotency keys are built from it before the insert. */
  id: string;
  kind: string;
  subject: string;
  body: string;
  replyTo: string | null;
  /** Every channel asked for: the audit event counts each one, even at zero. */
  channels: Channel[];
}

/**
 * Up to this many deliveries, the message is ONE statement (the common case: a receipt, a reply,
 * a digest). Above it (alerts to a whole area), the batched path keeps each JSON parameter bounded.
 */
export const ONE_STATEMENT_DELIVERIES = 1_000;

/** Counts only: the audit log must not copy addresses or the message itself. */
function auditDetails(kind: string, channels: Channel[], inserted: InsertedDelivery[]) {
  return {
    kind,
    deliveries: Object.fromEntries(
      channels.map((channel) => [channel, inserted.filter((row) => row.channel === channel).length]),
    ),
  };
}

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/**
 * The notification, its deliveries and its `notification.created` audit event in one statement
 * (data-modifying CTEs, as request-insert.ts does): one round trip instead of three inside the
 * caller's transaction, and a constant text, prepared once per connection. A delivery whose
 * idempotency key exists already is skipped; the audit event counts the deliveries actually
 * written, per channel asked for.
 */
const INSERT_AT_ONCE = `
  with n as (
    insert into notifications (id, kind, subject, body, created_by, reply_to)
    values ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text)
    returning id
  ), d as (
    insert into notification_deliveries (notification_id, channel, recipient_user_id, address, idempotency_key, status, sent_at, next_attempt_at)
    select n.id, t.channel, t.recipient_user_id, t.address, t.idempotency_key, t.status, t.sent_at, t.next_attempt_at
    from n, json_to_recordset($7::json) as t(channel text, recipient_user_id uuid, address text, idempotency_key text, status text, sent_at timestamptz, next_attempt_at timestamptz)
    on conflict do nothing
    returning id, channel
  ), a as (
    ${AUDIT_INSERT}
    select $8::text, $5::text, 'notification.created', 'notification', n.id::text,
      jsonb_build_object('kind', $2::text, 'deliveries', coalesce(
        (select jsonb_object_agg(c.channel, (select count(*) from d where d.channel = c.channel)) from json_array_elements_text($9::json) as c(channel)),
        '{}'::jsonb))
    from n
    returning 1
  )
  select id, channel from d`;

async function insertAtOnce(
  tx: Tx,
  actor: Actor,
  notification: NewNotification,
  rows: DeliveryRow[],
): Promise<InsertedDelivery[]> {
  const records = rows.map((row) => ({
    channel: row.channel,
    recipient_user_id: row.recipientUserId ?? null,
    address: row.address,
    idempotency_key: row.idempotencyKey,
    status: row.status ?? 'queued',
    sent_at: iso(row.sentAt),
    next_attempt_at: iso(row.nextAttemptAt),
  }));
  const { rows: inserted } = await queryNamed<InsertedDelivery>(tx, INSERT_AT_ONCE, [
    notification.id,
    notification.kind,
    notification.subject,
    notification.body,
    actor.id,
    notification.replyTo,
    JSON.stringify(records),
    actor.type,
    JSON.stringify(notification.channels),
  ]);
  return inserted;
}

/** Large audiences: the notification, then the deliveries in bounded slices, then the audit event. */
async function insertInSteps(
  tx: Tx,
  actor: Actor,
  notification: NewNotification,
  rows: DeliveryRow[],
): Promise<InsertedDelivery[]> {
  await tx.insert(notifications).values({
    id: notification.id,
    kind: notification.kind,
    subject: notification.subject,
    body: notification.body,
    createdBy: actor.id,
    replyTo: notification.replyTo,
  });
  const inserted = await insertDeliveries(tx, rows);
  await recordAudit(tx, actor, {
    action: 'notification.created',
    recordType: 'notification',
    recordId: notification.id,
    details: auditDetails(notification.kind, notification.channels, inserted),
  });
  return inserted;
}

/** Writes a message, its deliveries and its audit event in the caller's transaction; returns the deliveries written. */
export async function insertNotification(
  tx: Tx,
  actor: Actor,
  notification: NewNotification,
  rows: DeliveryRow[],
): Promise<InsertedDelivery[]> {
  return rows.length <= ONE_STATEMENT_DELIVERIES
    ? insertAtOnce(tx, actor, notification, rows)
    : insertInSteps(tx, actor, notification, rows);
}
