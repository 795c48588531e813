import { eq } from 'drizzle-orm';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bumpCacheVersion, createVersionedCache, invalidateLocal, type VersionedCache } from '../../platform/cache/versioned-cache.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { BadRequestError } from '../../platform/errors.ts';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../shared/requests.schemas.ts';
import { checkCategoryTargets, type CategoryTargetUpdate, type EffectiveTarget, type TargetSource } from '../../../shared/request-targets.schemas.ts';
import { userSummaries } from '../identity/index.ts';
import type { CategoryTarget, CategoryTargets } from './request-deadlines.ts';
import type { RequestsContext } from './requests-context.ts';
import { requestCategoryTargets as table } from './request-targets.tables.ts';

/** Bumped by every administrator's change: each process reloads the table (NOTIFY, else a poll every CACHE_POLL_MS). */
export const TARGETS_CACHE_KEY = 'request-targets';
/** Change the national targets: administrators (the access model has no national scope, see README). */
export const MANAGE_TARGETS = 'requests.targets.manage' as const;

const CATEGORIES = Object.keys(REQUEST_CATEGORY_LABELS) as RequestCategory[];
type Row = typeof table.$inferSelect;
type Stored = ReadonlyMap<RequestCategory, Row>;

const caches = new WeakMap<Database, Promise<VersionedCache<Stored>>>();

/** The table's rows, held per process and database, reloaded after any process changed them. */
function storedTargets(database: Database, pollMs: number): Promise<VersionedCache<Stored>> {
  let cache = caches.get(database);
  if (!cache) {
    cache = createVersionedCache(database, TARGETS_CACHE_KEY, async () => {
      const rows = await database.db.select().from(table);
      return new Map(rows.map((row) => [row.category, row]));
    }, pollMs);
    caches.set(database, cache);
    cache.catch(() => caches.delete(database));
  }
  return cache;
}

export async function closeTargetsCache(database: Database): Promise<void> {
  const cache = caches.get(database);
  caches.delete(database);
  if (cache) await (await cache).close();
}

/** The merged targets of one loaded version and one set of settings, built once (the inbox asks on every page). */
const merged = new WeakMap<Stored, { base: CategoryTargets; targets: CategoryTargets }>();

/**
 * The targets in force: an administrator's row, else REQUEST_TARGETS, else the code's default.
 * From memory except after a change (one query then): cheap enough for every inbox page, the
 * overdue filter's SQL, Open311 and the digest, which all take the same object.
 */
export async function effectiveTargets(ctx: RequestsContext): Promise<CategoryTargets> {
  const stored = await (await storedTargets(ctx.database, ctx.cachePollMs)).get();
  const base = ctx.settings.targets;
  const known = merged.get(stored);
  if (known?.base === base) return known.targets;
  const targets = { ...base };
  for (const [category, row] of stored) targets[category] = { ackHours: row.ackHours, answerHours: row.answerHours };
  merged.set(stored, { base, targets });
  return targets;
}

const pick = ({ ackHours, answerHours }: CategoryTarget): CategoryTarget => ({ ackHours, answerHours });

function describe(ctx: RequestsContext, category: RequestCategory, row: Row | undefined, names: Map<string, { displayName: string }>): EffectiveTarget {
  const fallback = { ...pick(ctx.settings.targets[category]), source: ctx.settings.targetSources[category] };
  const author = row?.updatedBy ? names.get(row.updatedBy) : undefined;
  return {
    category,
    ...(row ? pick(row) : pick(fallback)),
    source: row ? 'admin' : (fallback.source satisfies TargetSource),
    fallback,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    updatedBy: row?.updatedBy && author ? { id: row.updatedBy, displayName: author.displayName } : null,
  };
}

/** Every category's targets in force, with their source and what a reset would go back to. */
export async function listEffectiveTargets(ctx: RequestsContext): Promise<EffectiveTarget[]> {
  const stored = await (await storedTargets(ctx.database, ctx.cachePollMs)).get();
  const names = await userSummaries(ctx.database.db, [...stored.values()].flatMap((row) => (row.updatedBy ? [row.updatedBy] : [])));
  return CATEGORIES.map((category) => describe(ctx, category, stored.get(category), names));
}

async function effectiveTarget(ctx: RequestsContext, category: RequestCategory): Promise<EffectiveTarget> {
  return (await listEffectiveTargets(ctx)).find((item) => item.category === category)!;
}

/**
 * One change, its audit event (targets before and after, with their sources) and the cache
 * version in one transaction; this process reloads at once, the others on the NOTIFY.
 */
async function writeTarget(ctx: RequestsContext, actor: UserActor, category: RequestCategory, action: string, change: (tx: Tx) => Promise<Row | undefined>): Promise<EffectiveTarget> {
  const fallback = () => ({ ...pick(ctx.settings.targets[category]), source: ctx.settings.targetSources[category] as TargetSource });
  await ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(table).where(eq(table.category, category)).for('update');
    const after = await change(tx);
    if (!before && !after) return;
    await recordAudit(tx, actor, {
      action,
      recordType: 'request_category',
      recordId: category,
      details: { category, before: before ? { ...pick(before), source: 'admin' } : fallback(), after: after ? { ...pick(after), source: 'admin' } : fallback() },
    });
    await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
  });
  invalidateLocal(TARGETS_CACHE_KEY);
  return effectiveTarget(ctx, category);
}

/** Sets a category's national targets (whole hours, 1 ≤ acknowledgement ≤ answer ≤ 8760). */
export async function setCategoryTarget(ctx: RequestsContext, actor: UserActor, category: RequestCategory, input: CategoryTargetUpdate): Promise<EffectiveTarget> {
  const problems = checkCategoryTargets(input);
  if (problems.length) throw new BadRequestError(problems[0].message, problems.map((problem) => ({ pointer: `body/${problem.field}`, message: problem.message })));
  const values = { ackHours: input.ackHours, answerHours: input.answerHours, updatedAt: new Date(), updatedBy: actor.id };
  return writeTarget(ctx, actor, category, 'request.target.updated', async (tx) => {
    const [row] = await tx.insert(table).values({ category, ...values }).onConflictDoUpdate({ target: table.category, set: values }).returning();
    return row;
  });
}

/** Back to REQUEST_TARGETS or the default; nothing to undo: no event. */
export async function resetCategoryTarget(ctx: RequestsContext, actor: UserActor, category: RequestCategory): Promise<EffectiveTarget> {
  return writeTarget(ctx, actor, category, 'request.target.reset', async (tx) => {
    await tx.delete(table).where(eq(table.category, category));
    return undefined;
  });
}
