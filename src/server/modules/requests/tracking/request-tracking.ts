import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../../platform/errors.ts';
import type { RequestStatus, TrackView } from '../../../../shared/requests/requests.schemas.ts';
import { sectorSummaries } from '../../territory/index.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { hitThrottle, sourceKey } from '../../../platform/throttle/throttle.ts';
import { hashToken, isTokenShaped } from './tracking-token.ts';

export type RequestRow = typeof requests.$inferSelect;
const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * The request a tracking link names; an unknown or malformed token is a 404 (which the routes'
 * rate limit counts against the source address: past the limit, 429 before any lookup).
 */
export async function findByToken(db: Executor, token: string): Promise<RequestRow> {
  const [row] = isTokenShaped(token)
    ? await db
        .select()
        .from(requests)
        .where(eq(requests.trackingTokenHash, hashToken(token)))
    : [];
  if (!row) throw new NotFoundError('Lien de suivi invalide ou expiré.');
  return row;
}

/** What the resident sees: statuses, answers, their own replies, the reason of a rejection; no internal note, no staff name. */
export async function loadTrackView(db: Executor, row: RequestRow): Promise<TrackView> {
  const events = await db
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, row.id), eq(requestEvents.visibility, 'resident')))
    .orderBy(asc(requestEvents.createdAt), asc(requestEvents.id));
  const [sector] = (await sectorSummaries(db, [row.sectorId])).map(({ name }) => ({ name }));
  return {
    reference: row.reference,
    category: row.category,
    description: row.description,
    status: row.status,
    closeReason: row.closeReason,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    answeredAt: iso(row.answeredAt),
    closedAt: iso(row.closedAt),
    sector: sector ?? null,
    canReply: row.status !== 'closed',
    history: events.flatMap((e) =>
      e.kind === 'created' || e.kind === 'status' || e.kind === 'answer' || e.kind === 'reply' || e.kind === 'redirect'
        ? [
            {
              at: e.createdAt.toISOString(),
              kind: e.kind,
              status: (e.toStatus as RequestStatus | null) ?? null,
              text: e.kind === 'redirect' ? null : e.body,
            },
          ]
        : [],
    ),
  };
}

export interface ResidentReply {
  row: RequestRow;
  text: string;
  /** Whose replies are counted (REQUEST_REPLIES_PER_IP): a keyed hash of the source address, or the e-mail's sender. */
  source: string;
  /** Writes what came with it (an e-mail's attachments) in the reply's transaction. */
  alongside?: (tx: Tx) => Promise<void>;
}

/** A reply from the tracking page: the request its token names, the reply counted against the source address. */
export async function replyByToken(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  input: { token: string; text: string; ip: string },
): Promise<RequestRow> {
  const row = await findByToken(executor, input.token);
  await recordResidentReply(ctx, executor, actor, { row, text: input.text, source: sourceKey(ctx.key, input.ip) });
  return row;
}

/**
 * A resident's reply threads into the request; a closed request takes no more replies (409). The
 * reply is counted against its source in its own transaction: a refused one uses up nothing.
 */
export async function recordResidentReply(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  reply: ResidentReply,
): Promise<void> {
  const { row, source, alongside } = reply;
  const body = reply.text.trim();
  if (!body) throw new BadRequestError('Votre message est vide.', [{ pointer: '/text', message: 'Message vide.' }]);
  await withTransaction(executor, async (tx) => {
    await hitThrottle(tx, `reply:${source}`, {
      limit: ctx.settings.repliesPerIp,
      windowSeconds: ctx.settings.windowMinutes * 60,
      message: 'Trop de messages envoyés depuis votre connexion.',
    });
    const [current] = await tx
      .select({ status: requests.status })
      .from(requests)
      .where(eq(requests.id, row.id))
      .for('update');
    // Deleted meanwhile (retention): refused, never a TypeError (the SMTP listener answers 550 to a NotFoundError).
    if (!current) throw new NotFoundError('Demande introuvable.');
    if (current.status === 'closed')
      throw new ConflictError('Cette demande est close : pour un fait nouveau, déposez une nouvelle demande.');
    await tx
      .insert(requestEvents)
      .values({ requestId: row.id, kind: 'reply', visibility: 'resident', body, authorType: 'resident' });
    await alongside?.(tx);
    await tx.update(requests).set({ updatedAt: new Date() }).where(eq(requests.id, row.id));
    await recordAudit(tx, actor, {
      action: 'request.reply',
      recordType: 'request',
      recordId: row.id,
      details: { length: body.length },
    });
  });
}

/**
 * The reply before the write convention, for callers not converted yet (the e-mail intake):
 * `recordResidentReply` on the module's database. To be removed once they call it.
 */
export const addResidentReply = (
  ctx: RequestsContext,
  actor: Actor,
  source: string,
  row: RequestRow,
  text: string,
  alongside?: (tx: Tx) => Promise<void>,
): Promise<void> =>
  recordResidentReply(ctx, ctx.database.db, actor, { row, text, source, ...(alongside ? { alongside } : {}) });
