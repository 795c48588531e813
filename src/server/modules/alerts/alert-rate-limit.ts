import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { TooManyRequestsError } from '../../platform/errors.ts';
import { alerts } from './alerts.tables.ts';

/**
 * Alerts one account created in the last minute, counted in the database so that every process
 * sees the same number: one indexed count (alerts_created_by_idx), no counter table. Called
 * first, before any territory or contact work, and again under a per-account lock inside the
 * creating transaction so that concurrent requests cannot slip past the limit together.
 * Refused requests cost this one query and are not counted.
 */
export async function assertAlertRate(db: Executor, userId: string, perMinute: number): Promise<void> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      // Seconds until the oldest alert of the window leaves it, computed on the database clock.
      retryAfter: sql<
        number | null
      >`ceil(extract(epoch from min(${alerts.createdAt}) + interval '60 seconds' - now()))::int`,
    })
    .from(alerts)
    .where(and(eq(alerts.createdBy, userId), sql`${alerts.createdAt} > now() - interval '60 seconds'`));
  if (!row || row.count < perMinute) return;
  throw tooMany(perMinute, Math.max(1, Number(row.retryAfter ?? 60)));
}

const tooMany = (perMinute: number, retryAfter: number) =>
  new TooManyRequestsError(
    `Trop d'alertes envoyées : au plus ${perMinute} par minute et par compte. Réessayez dans ${retryAfter} seconde(s).`,
    retryAfter,
  );

const MEMO_LIMIT = 10_000;

/**
 * The route's guard: the database count, plus a per-process memo of its refusals. Until the
 * oldest alert of the window ages out, the database can only refuse again (other processes can
 * only add alerts), so a flood from one account costs no query after its first 429.
 */
export function createAlertRateGuard(perMinute: number) {
  const refusedUntil = new Map<string, number>();
  return async (db: Executor, userId: string): Promise<void> => {
    const until = refusedUntil.get(userId);
    if (until !== undefined) {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left > 0) throw tooMany(perMinute, left);
      refusedUntil.delete(userId);
    }
    try {
      await assertAlertRate(db, userId, perMinute);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        if (refusedUntil.size >= MEMO_LIMIT) refusedUntil.clear();
        refusedUntil.set(userId, Date.now() + error.retryAfterSeconds * 1000);
      }
      throw error;
    }
  };
}

/** Serialises one account's alert creations (transaction-scoped advisory lock). */
export async function lockAccountAlerts(tx: Executor, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`alerts:${userId}`}, 0))`);
}
