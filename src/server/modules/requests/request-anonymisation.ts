import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { requestAttachments } from './attachments/request-attachments.tables.ts';
import { requestEvents, requests } from './requests.tables.ts';
import { scrubContactDetails } from './contact-scrub.ts';

export const ANONYMISATION_BATCH = 200;
const REMOVED_TEXT = '[Texte retiré lors de l’anonymisation de la demande.]';

/**
 * One batch of closed requests past their period, in one transaction: contact details and the
 * typed place go, the description and every text of the history (replies, answers, notes) are
 * replaced, the closing note is scrubbed of contact details, the point is rounded to ~100 m, the
 * tracking link stops working (its hash is replaced by one no token has), the idempotency
 * fingerprint (a hash of the submitted contact) goes, attachments are deleted. What remains —
 * category, dates, statuses, territory — still feeds the statistics. Returns the batch's size.
 */
async function anonymiseBatch(executor: Executor, cutoff: Date, limit: number): Promise<number> {
  return withTransaction(executor, async (tx) => {
    // `skip locked`: two workers running the rule at once share the work instead of waiting.
    const batch = await tx
      .select({ id: requests.id, closeNote: requests.closeNote })
      .from(requests)
      .where(
        and(
          eq(requests.status, 'closed'),
          isNotNull(requests.closedAt),
          lt(requests.closedAt, cutoff),
          isNull(requests.anonymisedAt),
        ),
      )
      .orderBy(asc(requests.closedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!batch.length) return 0;
    const ids = batch.map((row) => row.id);
    await tx
      .update(requests)
      .set({
        contactName: null,
        contactEmail: null,
        contactPhone: null,
        placeLabel: null,
        description: sql`'Demande anonymisée après sa clôture.'`,
        lon: sql`round(${requests.lon}::numeric, 3)::float8`,
        lat: sql`round(${requests.lat}::numeric, 3)::float8`,
        trackingTokenHash: sql`'anonymised:' || ${requests.id}::text`,
        idempotencyFingerprint: null,
        anonymisedAt: sql`now()`,
      })
      .where(inArray(requests.id, ids));
    for (const row of batch.filter((r) => r.closeNote))
      await tx
        .update(requests)
        .set({ closeNote: scrubContactDetails(row.closeNote!) })
        .where(eq(requests.id, row.id));
    await tx
      .update(requestEvents)
      .set({ body: REMOVED_TEXT })
      .where(and(inArray(requestEvents.requestId, ids), isNotNull(requestEvents.body)));
    await tx.delete(requestAttachments).where(inArray(requestAttachments.requestId, ids));
    return batch.length;
  });
}

/**
 * Retention rule: requests closed more than `afterDays` days ago are anonymised, batch after
 * batch, each in its own transaction (never every id at once; one transaction when `executor` is
 * the caller's), idempotently (an anonymised request is not touched again). `actor`: the
 * retention job, which audits the counts of all its rules (`retention.purged`): no event per batch.
 */
export async function anonymiseClosedRequests(
  executor: Executor,
  _actor: Actor,
  now: Date,
  afterDays: number,
  batchSize = ANONYMISATION_BATCH,
): Promise<number> {
  const cutoff = new Date(now.getTime() - afterDays * 86_400_000);
  let total = 0;
  for (;;) {
    const done = await anonymiseBatch(executor, cutoff, batchSize);
    total += done;
    if (done < batchSize) return total;
  }
}
