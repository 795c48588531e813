import crypto from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { BadRequestError } from '../../platform/errors.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { isEmailAddress } from '../../platform/mail/mail-job.ts';
import { normalisePhone } from '../../platform/sms/phone.ts';
import { emailsOfUsers } from '../identity/index.ts';
import { announceInApp } from './announce-in-app.ts';
import { insertNotification } from './insert-notification.ts';
import { planDeliveries } from './plan-deliveries.ts';
import { notificationDeliveries, type Channel } from './notifications.tables.ts';

export const DELIVER_JOB = 'notifications-deliver';
/** pg-boss payloads stay small: a message to a whole département is several jobs. */
export const DELIVER_CHUNK = 500;

export interface NotifyRecipient {
  userId?: string;
  email?: string;
  phone?: string;
}

export interface NotifyInput {
  kind: string;
  subject: string;
  body: string;
  recipients: NotifyRecipient[];
  channels: Channel[];
  /** Reply-To of the e-mails (e.g. a request's signed reply address). */
  replyTo?: string;
}

export interface NotifyResult {
  notificationId: string;
  deliveryIds: string[];
}

type DeliveryRow = typeof notificationDeliveries.$inferInsert;

/** Fills a missing e-mail from the user account, so callers may pass just user ids. */
async function userEmails(tx: Tx, recipients: NotifyRecipient[]): Promise<Map<string, string>> {
  const ids = [...new Set(recipients.filter((r) => r.userId && !r.email).map((r) => r.userId as string))];
  if (ids.length === 0) return new Map();
  return emailsOfUsers(tx, ids);
}

function addressFor(
  channel: Channel,
  recipient: NotifyRecipient,
  index: number,
  emails: Map<string, string>,
): string | undefined {
  if (channel === 'in_app') return recipient.userId;
  if (channel === 'email') {
    const email = recipient.email ?? (recipient.userId ? emails.get(recipient.userId) : undefined);
    if (email === undefined) return undefined;
    // Same rules as the mail job, checked here so a bad address fails the caller, not a background job.
    if (!isEmailAddress(email))
      throw new BadRequestError(`Adresse e-mail invalide pour le destinataire n° ${index + 1}.`, [
        { index, message: 'Adresse e-mail invalide.' },
      ]);
    return email.toLowerCase();
  }
  if (recipient.phone === undefined) return undefined;
  const phone = normalisePhone(recipient.phone);
  if (!phone.ok)
    throw new BadRequestError(`Destinataire n° ${index + 1} : ${phone.message}`, [{ index, message: phone.message }]);
  return phone.e164;
}

/**
 * Asks for a message inside the caller's transaction: the rows and the job commit with the
 * caller's change or not at all (nothing sent on rollback, nothing lost after commit).
 */
export async function notify(tx: Tx, jobs: JobRunner, actor: Actor, input: NotifyInput): Promise<NotifyResult> {
  if (input.subject.trim() === '' || input.body.trim() === '')
    throw new BadRequestError('Le sujet et le texte de la notification sont obligatoires.');
  if (/[\r\n]/.test(input.subject)) throw new BadRequestError('Le sujet de la notification doit tenir sur une ligne.');
  const emails = input.channels.includes('email') ? await userEmails(tx, input.recipients) : new Map<string, string>();
  // Chosen here, not by the database: the idempotency keys need it before the one insert statement.
  const notificationId = crypto.randomUUID();

  const rows = new Map<string, DeliveryRow>();
  const now = new Date();
  // Each person's channel choices, phone, push browsers and quiet hours (plan-deliveries.ts).
  const plan = await planDeliveries(tx, input, now);
  plan.recipients.forEach(({ recipient, channels, notBefore }, index) => {
    for (const channel of channels) {
      const address = addressFor(channel, recipient, index, emails);
      if (address === undefined) continue;
      const idempotencyKey = `${notificationId}:${channel}:${address}`;
      // In-app messages need no transport: the recipient reads them in the app.
      const inApp = channel === 'in_app';
      rows.set(idempotencyKey, {
        notificationId,
        channel,
        recipientUserId: recipient.userId ?? null,
        address,
        idempotencyKey,
        status: inApp ? 'sent' : 'queued',
        sentAt: inApp ? now : null,
        nextAttemptAt: inApp ? null : notBefore,
      });
    }
  });
  for (const row of plan.pushRows(notificationId)) rows.set(row.idempotencyKey, row);

  const notification = {
    id: notificationId,
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    replyTo: input.replyTo ?? null,
    channels: input.channels,
  };
  const inserted = await insertNotification(tx, actor, notification, [...rows.values()]);
  const toSend = inserted.filter((row) => row.channel !== 'in_app').map((row) => row.id);
  const payloads: Array<{ deliveryIds: string[] }> = [];
  for (let start = 0; start < toSend.length; start += DELIVER_CHUNK)
    payloads.push({ deliveryIds: toSend.slice(start, start + DELIVER_CHUNK) });
  if (payloads.length) await jobs.enqueueMany(tx, DELIVER_JOB, payloads);
  if (input.channels.includes('in_app')) await announceInApp(tx, notificationId);
  return { notificationId, deliveryIds: inserted.map((row) => row.id) };
}
