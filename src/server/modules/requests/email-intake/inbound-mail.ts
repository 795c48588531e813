import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { systemActor, type Actor } from '../../../platform/access/actor.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { AppError, NotFoundError } from '../../../platform/errors.ts';
import { isEmailAddress } from '../../../platform/mail/mail-job.ts';
import { territoryPathOf } from '../../territory/index.ts';
import { receiptOf, sendReceipt } from '../intake/request-intake.ts';
import { insertRequestWithHistory, type NewRequest } from '../intake/request-insert.ts';
import {
  checkAttachment,
  EMAIL_TYPES,
  MAX_ATTACHMENTS,
  storeAttachment,
  type CheckedFile,
} from '../attachments/request-attachments.ts';
import { hitThrottle, type ThrottleRule } from '../../../platform/throttle/throttle.ts';
import { addResidentReply } from '../tracking/request-tracking.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { hashToken, trackingToken } from '../tracking/tracking-token.ts';
import { findMailbox } from './mailboxes.ts';
import { parseReplyAddress } from './reply-address.ts';
import { htmlToText, stripQuotedHistory, toDescription } from './mail-text.ts';

export const EMAIL_ACTOR = systemActor('inbound-smtp');
/**
 * Who a reply came through (the audit's actor: `inbound-smtp` or `inbound-imap`) and what to write
 * in its transaction (the reply is written by the tracking's `addResidentReply`, which opens its own).
 */
export interface MailVia {
  actor?: Actor;
  alongside?: (tx: Tx) => Promise<void>;
}

export type Target =
  | { kind: 'mailbox'; address: string; sectorId: string | null; departmentId: string }
  | { kind: 'reply'; requestId: string };

/** A refusal the SMTP client sees: 4xx (try later) or 5xx (never). */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** What an RCPT TO names: one of our mailboxes, a signed reply address, or nothing we receive (550). */
export async function resolveRecipient(ctx: RequestsContext, address: string): Promise<Target> {
  const lower = address.trim().toLowerCase();
  if (ctx.settings.inbound.replyAddress) {
    const reply = parseReplyAddress(ctx.key, ctx.settings.inbound.replyAddress, lower);
    if (reply === 'invalid') throw new SmtpRefusal(550, '5.1.1 Adresse de réponse invalide ou expirée');
    if (reply) {
      const [row] = await ctx.database.db.select({ id: requests.id }).from(requests).where(eq(requests.id, reply));
      if (!row) throw new SmtpRefusal(550, '5.1.1 Demande inconnue');
      return { kind: 'reply', requestId: reply };
    }
  }
  const mailbox = await findMailbox(ctx.database.db, lower);
  if (!mailbox) throw new SmtpRefusal(550, '5.1.1 Adresse inconnue sur ce serveur');
  return { kind: 'mailbox', address: mailbox.address, sectorId: mailbox.sectorId, departmentId: mailbox.departmentId };
}

export const senderRule = (ctx: RequestsContext): ThrottleRule => ({
  limit: ctx.settings.inbound.perSenderPerHour,
  windowSeconds: 3600,
  message: 'Trop de messages de cette adresse.',
});
export const senderKey = (ctx: RequestsContext, sender: string) =>
  `mail:${crypto.createHmac('sha256', ctx.key).update(`mail:${sender.toLowerCase()}`).digest('base64url').slice(0, 22)}`;

/** Errors of the platform become SMTP answers: too many → 451, anything else refused → 550. */
export function toSmtpRefusal(error: unknown): SmtpRefusal | undefined {
  if (error instanceof SmtpRefusal) return error;
  if (error instanceof AppError)
    return error.status === 429
      ? new SmtpRefusal(451, `4.7.1 ${error.detail}`)
      : new SmtpRefusal(550, `5.7.1 ${error.detail}`);
  return undefined;
}

interface Checked {
  kept: CheckedFile[];
  refused: Array<{ name: string; reason: string }>;
}

async function checkMailAttachments(mail: ParsedMail, maxBytes: number): Promise<Checked> {
  const result: Checked = { kept: [], refused: [] };
  for (const attachment of mail.attachments) {
    const name = attachment.filename || 'sans nom';
    if (result.kept.length >= MAX_ATTACHMENTS) {
      result.refused.push({ name, reason: `${MAX_ATTACHMENTS} pièces jointes au plus par demande.` });
      continue;
    }
    try {
      result.kept.push(await checkAttachment(attachment.content, attachment.filename, EMAIL_TYPES, maxBytes));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.refused.push({ name, reason: error.detail });
    }
  }
  return result;
}

/** The accepted files on the request; each refused one noted in the internal history (the message itself is kept). */
async function keepAttachments(tx: Executor, requestId: string, files: Checked): Promise<void> {
  for (const file of files.kept) await storeAttachment(tx, requestId, file, 'email');
  for (const refused of files.refused) {
    await tx.insert(requestEvents).values({
      requestId,
      kind: 'note',
      visibility: 'internal',
      authorType: 'system',
      body: `Pièce jointe « ${refused.name} » non conservée : ${refused.reason}`,
    });
  }
}

const senderOf = (mail: ParsedMail, envelopeFrom: string) => {
  const from = mail.from?.value[0];
  const email = (from?.address ?? envelopeFrom).trim().toLowerCase();
  return isEmailAddress(email)
    ? { email, name: from?.name?.trim().slice(0, 120) || null }
    : { email: envelopeFrom.toLowerCase(), name: null };
};

/** A message to a sector mailbox, read and checked, ready to become a request (nothing written yet). */
export interface MailRequest {
  target: Extract<Target, { kind: 'mailbox' }>;
  envelopeFrom: string;
  values: NewRequest;
  contactEmail: string;
  files: Checked;
}

/**
 * Reads a message to a sector mailbox as a request: channel e-mail, category « autre », the
 * sender as contact, the mailbox's sector, « Objet : » and the text; its attachments checked
 * (metadata stripped), the refused ones kept aside to be noted. Only reads: the slow work is done
 * before any transaction opens.
 */
export async function readMailRequest(
  ctx: RequestsContext,
  target: Extract<Target, { kind: 'mailbox' }>,
  envelopeFrom: string,
  mail: ParsedMail,
): Promise<MailRequest> {
  const text = mail.text?.trim() || (mail.html ? htmlToText(mail.html) : '');
  const description = toDescription(mail.subject?.trim() ?? '', text);
  const contact = senderOf(mail, envelopeFrom);
  const files = await checkMailAttachments(mail, ctx.settings.attachmentMaxBytes);
  const path = target.sectorId ? await territoryPathOf(ctx.database.db, 'sector', target.sectorId) : undefined;
  const id = crypto.randomUUID();
  const values: NewRequest = {
    id,
    channel: 'email',
    category: 'other',
    description,
    sectorId: target.sectorId,
    municipalityId: path?.municipalityId ?? null,
    departmentId: target.departmentId,
    contactName: contact.name,
    contactEmail: contact.email,
    anonymity: 'named',
    trackingTokenHash: hashToken(trackingToken(ctx.key, id)),
  };
  return { target, envelopeFrom, values, contactEmail: contact.email, files };
}

/**
 * One message to a sector mailbox becomes one request, with its checked attachments, the refused
 * ones noted in the history, the audit event and the acknowledgement, all in one transaction
 * (the caller's, when it records the message alongside: the IMAP fetch) that also counts the
 * message against the sender's hourly limit. `actor`: `inbound-smtp` or `inbound-imap`.
 */
export async function createRequestFromMail(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  message: MailRequest,
): Promise<{ id: string; reference: string }> {
  const { target, envelopeFrom, values, files } = message;
  const id = values.id!;
  const routing = target.sectorId ? 'sector' : 'department';
  return withTransaction(executor, async (tx) => {
    await hitThrottle(tx, senderKey(ctx, envelopeFrom), senderRule(ctx));
    const row = await insertRequestWithHistory(
      tx,
      actor,
      values,
      { channel: 'email', routing, mailbox: target.address },
      {
        channel: 'email',
        category: 'other',
        routing,
        mailbox: target.address,
        sectorId: target.sectorId,
        departmentId: target.departmentId,
        attachments: files.kept.length,
        refusedAttachments: files.refused.length,
      },
      { inTransaction: true },
    );
    if (!row) throw new Error('request insert returned no row');
    await keepAttachments(tx, id, files);
    await sendReceipt(
      tx,
      ctx,
      actor,
      row,
      { email: message.contactEmail },
      receiptOf(ctx, row, null, true).trackingUrl,
    );
    return { id, reference: row.reference };
  });
}

/**
 * A reply to a signed address threads into its request, as a reply from the tracking page does, with its checked attachments.
 * `via.alongside` runs in the reply's transaction (the IMAP fetch records the message there).
 */
export async function threadReply(
  ctx: RequestsContext,
  requestId: string,
  envelopeFrom: string,
  mail: ParsedMail,
  via: MailVia = {},
): Promise<void> {
  const text = stripQuotedHistory(mail.text?.trim() || (mail.html ? htmlToText(mail.html) : ''));
  const files = await checkMailAttachments(mail, ctx.settings.attachmentMaxBytes);
  const [row] = await ctx.database.db.select().from(requests).where(eq(requests.id, requestId));
  // Deleted since RCPT TO (or the IMAP lookup): refused for good (SMTP 550, IMAP flagged), never retried.
  if (!row) throw new NotFoundError('Demande inconnue : elle a peut-être été supprimée.');
  // A reply of only a photo still has something to say.
  const body = text.slice(0, 5000) || (files.kept.length ? '(photo ou document joint)' : '');
  const sender = senderKey(ctx, envelopeFrom);
  await addResidentReply(ctx, via.actor ?? EMAIL_ACTOR, sender, row, body, async (tx) => {
    // Counted in the reply's transaction, as a new request's message is: a reply that fails uses up nothing.
    await hitThrottle(tx, sender, senderRule(ctx));
    await keepAttachments(tx, requestId, files);
    await via.alongside?.(tx);
  });
}

/** A raw message, parsed the same way for the SMTP listener and the IMAP fetch (HTML reduced to text later, never kept). */
export const parseMail = (raw: Buffer): Promise<ParsedMail> =>
  simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });

/** Parses the message once and hands it to each target (the first mailbox, every reply address). */
export async function receiveMail(
  ctx: RequestsContext,
  envelopeFrom: string,
  targets: Target[],
  raw: Buffer,
): Promise<void> {
  const mail = await parseMail(raw);
  const mailbox = targets.find((t) => t.kind === 'mailbox');
  if (mailbox && mailbox.kind === 'mailbox')
    await createRequestFromMail(
      ctx,
      ctx.database.db,
      EMAIL_ACTOR,
      await readMailRequest(ctx, mailbox, envelopeFrom, mail),
    );
  for (const target of targets)
    if (target.kind === 'reply') await threadReply(ctx, target.requestId, envelopeFrom, mail);
}
