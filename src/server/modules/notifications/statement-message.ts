import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { auditInsertFrom } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { BadRequestError } from '../../platform/errors.ts';
import { isEmailAddress } from '../../platform/mail/mail-job.ts';

/**
 * A message to one address that is not a user account (a resident's receipt): no preferences,
 * no quiet hours, no push. Its rows are written by the caller's own statement, so that a record
 * and the message announcing it cost one round trip and commit together or not at all.
 */
export interface StatementMessage {
  kind: string;
  /** Reply-To of the e-mail (e.g. a request's signed reply address). */
  replyTo: string | null;
  /** Lower-case e-mail address, checked by `statementMessageParams`. */
  email: string;
}

/** The names of the placeholders the CTEs below read; `statementMessageParams` fills them. */
const P = {
  id: sql.placeholder('message_id'),
  kind: sql.placeholder('message_kind'),
  replyTo: sql.placeholder('message_reply_to'),
  address: sql.placeholder('message_address'),
  key: sql.placeholder('message_idempotency_key'),
  actorType: sql.placeholder('message_actor_type'),
  actorId: sql.placeholder('message_actor_id'),
};

/**
 * Three data-modifying CTEs (`msg_n`, `msg_d`, `msg_a`) for the caller's WITH: the notification,
 * its e-mail delivery and its `notification.created` audit event (counts only, as notify() writes
 * it), written only when the caller's CTE `after` returned a row. `subject` and `body` are SQL
 * expressions that may read that row's columns (e.g. a reference numbered by the same statement).
 *
 * The delivery is the outbox: it is due at once (`next_attempt_at = now()`), and the outbox relay
 * of the worker (deliver.ts, every NOTIFICATION_OUTBOX_POLL_MS) sends it — no queue insert here.
 */
export function statementMessageCtes(db: Executor, after: string, subject: SQL, body: SQL) {
  const source = sql.raw(after);
  const n = db.$with('msg_n', { id: sql<string>`id` }).as(sql`
    insert into notifications (id, kind, subject, body, created_by, reply_to)
    select ${P.id}::uuid, ${P.kind}::text, ${subject}, ${body}, ${P.actorId}::text, ${P.replyTo}::text from ${source}
    returning id`);
  const d = db.$with('msg_d', { id: sql<string>`id` }).as(sql`
    insert into notification_deliveries (notification_id, channel, address, idempotency_key, status, next_attempt_at)
    select msg_n.id, 'email', ${P.address}::text, ${P.key}::text, 'queued', now() from msg_n
    returning id`);
  const audit = auditInsertFrom(
    {
      actorType: sql`${P.actorType}::text`,
      actorId: sql`${P.actorId}::text`,
      action: sql`'notification.created'`,
      recordType: sql`'notification'`,
      recordId: sql`msg_n.id::text`,
      details: sql`jsonb_build_object('kind', ${P.kind}::text, 'deliveries', jsonb_build_object('email', (select count(*) from msg_d)))`,
    },
    sql`msg_n`,
  );
  const a = db.$with('msg_a', { n: sql<number>`n` }).as(sql`${audit} returning 1 as n`);
  return [n, d, a];
}

/** Values of the placeholders of `statementMessageCtes`; a bad address fails the caller (400), not a later send. */
export function statementMessageParams(actor: Actor, message: StatementMessage): Record<string, unknown> {
  if (!isEmailAddress(message.email))
    throw new BadRequestError('Adresse e-mail invalide.', [
      { pointer: '/contact/email', message: 'Adresse e-mail invalide.' },
    ]);
  const id = crypto.randomUUID();
  const address = message.email.toLowerCase();
  return {
    message_id: id,
    message_kind: message.kind,
    message_reply_to: message.replyTo,
    message_address: address,
    message_idempotency_key: `${id}:email:${address}`,
    message_actor_type: actor.type,
    message_actor_id: actor.id,
  };
}
