import type { Executor } from '../db/client.ts';
import type { JobDefinition, JobRunner } from '../jobs/job-runner.ts';
import type { MailMessage, Mailer } from './mailer.ts';

export const MAIL_JOB = 'mail-send';

// Deliberately loose: the relay is the real judge, this only catches a name or an empty field
// stored by mistake, and anything that could smuggle extra headers (spaces, line breaks, commas).
const EMAIL = /^[^\s@<>,;"()[\]\\]+@[^\s@<>,;"()[\]\\]+\.[^\s@<>,;"()[\]\\]+$/;
const MAX_SUBJECT = 250;
const KIND = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class InvalidMailError extends Error {}

/** Whether a relay would be handed this as an address (the same loose check as a message's `to`). */
export const isEmailAddress = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 254 && EMAIL.test(value);

/** Throws unless the message can be sent; returns a copy holding only the known fields. */
export function validateMailMessage(message: MailMessage): MailMessage {
  const { to, subject, text, html, kind, replyTo } = message ?? ({} as MailMessage);
  if (!isEmailAddress(to)) throw new InvalidMailError('mail: "to" is not an e-mail address');
  if (typeof subject !== 'string' || subject.trim() === '') throw new InvalidMailError('mail: empty subject');
  if (subject.length > MAX_SUBJECT || /[\r\n]/.test(subject))
    throw new InvalidMailError('mail: subject too long or multi-line');
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidMailError('mail: empty text');
  if (html !== undefined && typeof html !== 'string') throw new InvalidMailError('mail: html must be a string');
  if (kind !== undefined && (typeof kind !== 'string' || !KIND.test(kind)))
    throw new InvalidMailError('mail: kind must be a short slug');
  if (replyTo !== undefined && !isEmailAddress(replyTo))
    throw new InvalidMailError('mail: "replyTo" is not an e-mail address');
  return {
    to,
    subject,
    text,
    ...(html !== undefined ? { html } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
  };
}

/**
 * The worker side: a thrown error (relay down, 4xx/5xx) fails the job and pg-boss retries it.
 * The payload is validated again because it comes back from the database.
 */
export function createMailJob(mailer: Mailer): JobDefinition<MailMessage> {
  return {
    name: MAIL_JOB,
    async handler(data) {
      await mailer.send(validateMailMessage(data));
    },
  };
}

/**
 * Outbox: the job row is written in `tx`, so the mail leaves only if the caller's change commits
 * (no invitation mail for an invitation that was rolled back). Validation happens here, in the
 * request, so that a bad address is a caller error and not a job failing in the background.
 */
export async function enqueueMail(jobs: JobRunner, tx: Executor, message: MailMessage): Promise<void> {
  await jobs.enqueue(tx, MAIL_JOB, validateMailMessage(message));
}
