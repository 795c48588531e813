import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../../platform/errors.ts';
import type { RequestStatus, TrackView } from '../../../../shared/requests/requests.schemas.ts';
import { sectorSummaries } from '../../territory/index.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { assertUnderThrottle, hitThrottle, type ThrottleRule } from '../../../platform/throttle/throttle.ts';
import { hashToken, isTokenShaped } from './tracking-token.ts';

export type RequestRow = typeof requests.$inferSelect;
const iso = (date: Date | null) => date?.toISOString() ?? null;

const trackRule = (ctx: RequestsContext): ThrottleRule => ({
  limit: ctx.settings.trackFailuresPerIp,
  windowSeconds: ctx.settings.windowMinutes * 60,
  message: 'Trop de liens de suivi invalides depuis votre connexion.',
});

/**
 * The request a tracking link names. Unknown tokens cost the source address one failure; past
 * the limit it gets 429 before any lookup, so tokens cannot be enumerated.
 */
export async function findByToken(ctx: RequestsContext, source: string, token: string): Promise<RequestRow> {
  const db = ctx.database.db;
  await assertUnderThrottle(db, `track:${source}`, trackRule(ctx));
  const [row] = isTokenShaped(token)
    ? await db
        .select()
        .from(requests)
        .where(eq(requests.trackingTokenHash, hashToken(token)))
    : [];
  if (!row) {
    await hitThrottle(db, `track:${source}`, trackRule(ctx));
    throw new NotFoundError('Lien de suivi invalide ou expiré.');
  }
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

/**
 * A resident's reply threads into the request; a closed request takes no more replies (409).
 * `alongside` writes what came with it (an e-mail's attachments) in the same transaction.
 */
export async function addResidentReply(
  ctx: RequestsContext,
  actor: Actor,
  source: string,
  row: RequestRow,
  text: string,
  alongside?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const body = text.trim();
  if (!body) throw new BadRequestError('Votre message est vide.', [{ pointer: '/text', message: 'Message vide.' }]);
  await ctx.database.db.transaction(async (tx) => {
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
