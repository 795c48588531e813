import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { afterCommit, isTransaction, withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, UnprocessableError } from '../../../platform/errors.ts';
import { isEmailAddress } from '../../../platform/mail/mail-job.ts';
import { normalisePhone } from '../../../platform/sms/phone.ts';
import {
  REQUEST_CATEGORY_LABELS,
  type RequestCategory,
  type RequestCreate,
  type RequestReceipt,
} from '../../../../shared/requests/requests.schemas.ts';
import type { ThrottleHandle } from '../../../platform/http/rate-limit.ts';
import { notify } from '../../notifications/index.ts';
import { attachUploads } from '../attachments/request-attachments.ts';
import { requests } from '../requests.tables.ts';
import { insertRequestWithHistory, REFERENCE_MARK, type NewRequest } from './request-insert.ts';
import type { RequestsContext } from '../requests-context.ts';
import { routeRequest, routingOf, type RequestPlace } from './request-routing.ts';
import { hashToken, trackingToken, trackingUrl } from '../tracking/tracking-token.ts';
import { replyAddressFor } from '../email-intake/reply-address.ts';

export const RECEIPT_NOTIFICATION_KIND = 'request.receipt';

/** Who relayed a web submission when it is not our own form (an Open311 client application): kept in the first event and the audit. */
export interface RequestOrigin {
  open311Client: { id: string; name: string };
}

export interface Idempotency {
  client: string;
  key: string;
}

interface CleanContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export function cleanContact(input: Pick<RequestCreate, 'contact' | 'anonymity'>): CleanContact {
  const name = input.contact?.name?.trim() || null;
  const email = input.contact?.email?.trim().toLowerCase() || null;
  const rawPhone = input.contact?.phone?.trim() || null;
  if (input.anonymity === 'anonymous' && name)
    throw new BadRequestError(
      'Une demande anonyme ne peut pas porter de nom : retirez-le ou choisissez une autre option.',
      [{ pointer: '/contact/name', message: 'Nom interdit pour une demande anonyme.' }],
    );
  if (email && !isEmailAddress(email))
    throw new BadRequestError('Adresse e-mail invalide.', [
      { pointer: '/contact/email', message: 'Adresse e-mail invalide.' },
    ]);
  let phone: string | null = null;
  if (rawPhone) {
    const normalised = normalisePhone(rawPhone);
    if (!normalised.ok)
      throw new BadRequestError(`Numéro de téléphone invalide : ${normalised.message}`, [
        { pointer: '/contact/phone', message: normalised.message },
      ]);
    phone = normalised.e164;
  }
  return { name, email, phone };
}

/** Same body, same fingerprint (keys sorted): a retry is recognised, another body under the same key is not. */
function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/** The description of any request, whatever the channel: at least 10 characters once trimmed. */
export function checkDescription(text: string): string {
  const description = text.trim();
  if (description.length < 10)
    throw new BadRequestError('Décrivez la situation en 10 caractères au moins.', [
      { pointer: '/description', message: '10 caractères au moins.' },
    ]);
  return description;
}

export function receiptOf(
  ctx: RequestsContext,
  row: Pick<typeof requests.$inferSelect, 'id' | 'reference' | 'status' | 'sectorId' | 'departmentId'>,
  sector: RequestPlace['sector'],
  confirmationSent: boolean,
): RequestReceipt {
  const token = trackingToken(ctx.key, row.id);
  return {
    reference: row.reference,
    trackingUrl: trackingUrl(ctx.publicUrl, token),
    trackingToken: token,
    status: row.status,
    routing: routingOf(row),
    sector: sector ? { code: sector.code, name: sector.name } : null,
    confirmationSent,
  };
}

async function replay(
  ctx: RequestsContext,
  tx: Executor,
  idempotency: Idempotency,
  print: string,
): Promise<{ id: string; receipt: RequestReceipt }> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.idempotencyClient, idempotency.client), eq(requests.idempotencyKey, idempotency.key)));
  if (row.idempotencyFingerprint !== print)
    throw new UnprocessableError(
      'Cette clé d’idempotence a déjà servi pour une autre demande : utilisez une nouvelle clé.',
    );
  return { id: row.id, receipt: receiptOf(ctx, row, null, !!row.contactEmail) };
}

/** The checked and routed submission, ready to write; its errors are the submitter's (400). */
async function prepareSubmission(
  ctx: RequestsContext,
  actor: Actor,
  input: RequestCreate,
  channel: 'web',
  id: string,
  token: string,
  idempotency: Idempotency | undefined,
) {
  const description = checkDescription(input.description);
  const contact = cleanContact(input);
  const print = fingerprint({ ...input, website: undefined });
  const place = await routeRequest(
    ctx.database,
    input.point.lon,
    input.point.lat,
    ctx.settings.routingRadiusKm,
    ctx.cachePollMs,
  );
  const values: NewRequest = {
    id,
    channel,
    category: input.category,
    description,
    timeOfDay: input.timeOfDay ?? null,
    recurring: input.recurring ?? null,
    lon: input.point.lon,
    lat: input.point.lat,
    placeLabel: input.placeLabel?.trim() || null,
    sectorId: place.sectorId,
    municipalityId: place.municipalityId,
    departmentId: place.departmentId,
    outsideSectors: place.outsideSectors,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone,
    noAnswerWanted: input.noAnswerWanted ?? false,
    anonymity: input.anonymity,
    confidential: input.confidential ?? false,
    trackingTokenHash: hashToken(token),
    idempotencyClient: idempotency?.client ?? null,
    idempotencyKey: idempotency?.key ?? null,
    idempotencyFingerprint: idempotency ? print : null,
    createdBy: actor.type === 'user' ? actor.id : null,
  };
  return { values, place, contact, print };
}

export interface SubmitOptions {
  idempotency?: Idempotency;
  origin?: RequestOrigin;
  /**
   * The submitter's per-address counter (the route's `rateLimit`, counted by the module): counted
   * by the request's own statement when the submission gets that far, and marked `counted` once
   * that count is committed. A submission refused before (or whose transaction rolled back) is
   * left uncounted here, and the platform counts it before its error: every attempt counts.
   */
  throttle?: ThrottleHandle;
}

export type Submission = { id: string; receipt: RequestReceipt; replayed: boolean };

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * The public form (`POST /api/requests`): refuses a filled honeypot (`website`, a field people
 * never see: nothing is stored) and a malformed Idempotency-Key with a plain French 400, then
 * submits the request as `submitWebRequest` does, the key scoped to the form (`web`).
 */
export async function submitPublicForm(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  input: RequestCreate,
  options: { idempotencyKey?: string; throttle?: ThrottleHandle },
): Promise<Submission> {
  if (input.website) throw new BadRequestError("Votre demande n'a pas pu être enregistrée.");
  const key = options.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
    throw new BadRequestError(
      'En-tête Idempotency-Key invalide : 8 à 200 caractères parmi lettres, chiffres, « _ . : - ».',
    );
  return submitWebRequest(ctx, executor, actor, input, {
    throttle: options.throttle,
    ...(key ? { idempotency: { client: 'web', key } } : {}),
  });
}

/**
 * Records a request of the web channel (the form, an Open311 client) and, atomically, its first
 * event, the audit event, the submitter's count and the receipt e-mail (outbox): ONE statement,
 * no transaction, unless photos are attached (then a transaction, joined when `executor` is the
 * caller's). With an Idempotency-Key, a retry returns the first request: the unique index decides,
 * so two concurrent submissions with one key still make one request. The place is routed before
 * any transaction: the sector resolver reads through the database's own connection, which a
 * single-connection database (PGlite) cannot lend to a caller's open transaction.
 */
export async function submitWebRequest(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  input: RequestCreate,
  options: SubmitOptions = {},
): Promise<Submission> {
  const channel = 'web';
  const { idempotency, origin, throttle } = options;
  const id = crypto.randomUUID();
  const token = trackingToken(ctx.key, id);
  const { values, place, contact, print } = await prepareSubmission(ctx, actor, input, channel, id, token, idempotency);
  const eventDetails = { channel, routing: place.routing, ...origin };
  const auditDetails = {
    channel,
    category: input.category,
    routing: place.routing,
    sectorId: place.sectorId,
    departmentId: place.departmentId,
    contact: { email: !!contact.email, phone: !!contact.phone },
    ...origin,
  };
  const link = trackingUrl(ctx.publicUrl, token);
  const receipt = contact.email
    ? {
        kind: RECEIPT_NOTIFICATION_KIND,
        email: contact.email,
        replyTo: receiptReplyTo(ctx, id),
        ...receiptText(REFERENCE_MARK, input.category, values.noAnswerWanted ?? false, link),
      }
    : undefined;
  const photos = input.attachmentIds ?? [];
  const write = async (db: Executor, inTransaction: boolean): Promise<Submission> => {
    const row = await insertRequestWithHistory(db, actor, values, eventDetails, auditDetails, {
      inTransaction,
      throttle,
      receipt,
    });
    // The statement counted the attempt: once committed (at once outside a transaction; with the
    // request otherwise, so that a refused upload rolling it back leaves it to be counted again).
    if (throttle) await afterCommit(db, () => void (throttle.counted = true));
    // The key was used before (or by a concurrent twin, whose commit the insert waited for): answer with it.
    if (!row) return { ...(await replay(ctx, db, idempotency!, print)), replayed: true };
    if (photos.length) await attachUploads(db as Tx, id, photos);
    return { id, receipt: receiptOf(ctx, row, place.sector, !!contact.email), replayed: false };
  };
  // Photos are attached by a second statement, hence a transaction; otherwise one statement is atomic on its own.
  if (!photos.length && !isTransaction(executor)) return write(executor, false);
  return withTransaction(executor, (tx) => write(tx, true));
}

/**
 * The intake before the write convention, for callers not converted yet (Open311's submission):
 * `submitWebRequest` on the module's database. To be removed once they call it.
 */
export const submitRequest = (
  ctx: RequestsContext,
  actor: Actor,
  input: RequestCreate,
  _channel: 'web',
  options: SubmitOptions = {},
): Promise<Submission> => submitWebRequest(ctx, ctx.database.db, actor, input, options);

/** Answering the receipt adds to the request (signed reply address of the SMTP listener), when configured. */
const receiptReplyTo = (ctx: RequestsContext, requestId: string) =>
  ctx.settings.inbound.replyAddress ? replyAddressFor(ctx.key, ctx.settings.inbound.replyAddress, requestId) : null;

/** The receipt e-mail's subject and text. */
function receiptText(reference: string, category: RequestCategory, noAnswerWanted: boolean, link: string) {
  return {
    subject: `Votre demande ${reference} a bien été reçue`,
    body: [
      'Bonjour,',
      '',
      `Votre demande « ${REQUEST_CATEGORY_LABELS[category]} » a bien été enregistrée sous la référence ${reference}.`,
      noAnswerWanted
        ? 'Vous avez indiqué ne pas souhaiter de réponse ; vous pouvez néanmoins suivre son traitement.'
        : 'Les services de police du secteur vous répondront dans les meilleurs délais.',
      '',
      `Suivre votre demande (lien personnel, ne le partagez pas) : ${link}`,
      '',
      'En cas d’urgence, composez le 17 ou le 112.',
    ].join('\n'),
  };
}

/** The acknowledgement with the tracking link: by e-mail, or by SMS when only a phone is known (staff intake). */
export async function sendReceipt(
  tx: Tx,
  ctx: RequestsContext,
  actor: Actor,
  row: Pick<typeof requests.$inferSelect, 'id' | 'reference' | 'category' | 'noAnswerWanted'>,
  to: { email: string } | { phone: string },
  link: string,
) {
  if ('phone' in to) {
    await notify(tx, ctx.jobs(), actor, {
      kind: RECEIPT_NOTIFICATION_KIND,
      subject: `Demande ${row.reference} reçue`,
      body: `Police - votre demande ${row.reference} est enregistrée. Suivi : ${link}`,
      recipients: [to],
      channels: ['sms'],
    });
    return;
  }
  const replyTo = receiptReplyTo(ctx, row.id);
  await notify(tx, ctx.jobs(), actor, {
    kind: RECEIPT_NOTIFICATION_KIND,
    ...receiptText(row.reference, row.category, row.noAnswerWanted, link),
    recipients: [to],
    channels: ['email'],
    ...(replyTo ? { replyTo } : {}),
  });
}
