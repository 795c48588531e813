import { and, eq } from 'drizzle-orm';
import { can, type Actor, type UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import {
  bumpCacheVersion,
  createVersionedCache,
  invalidateLocal,
  type VersionedCache,
} from '../../../platform/cache/versioned-cache.ts';
import type { Database, Executor, Tx } from '../../../platform/db/client.ts';
import { afterCommit, withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../../shared/requests/requests.schemas.ts';
import {
  checkCategoryTargets,
  type CategoryTargetUpdate,
  type EffectiveTarget,
  type EffectiveTargetList,
  type TargetSource,
} from '../../../../shared/requests/targets.schemas.ts';
import { userSummaries } from '../../identity/index.ts';
import { territoryPathOf } from '../../territory/index.ts';
import { targetBook, type CategoryTarget, type CategoryTargets, type TargetBook } from './request-deadlines.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestCategoryTargets as table } from './request-targets.tables.ts';
import { departmentsWith } from '../request-access.ts';

/** Bumped by every administrator's change: each process reloads the table (NOTIFY, else a poll every CACHE_POLL_MS). */
export const TARGETS_CACHE_KEY = 'request-targets';
/** Change a département's targets: its administrators (held on the département). */
export const MANAGE_TARGETS = 'requests.targets.manage' as const;

const CATEGORIES = Object.keys(REQUEST_CATEGORY_LABELS) as RequestCategory[];
type Row = typeof table.$inferSelect;
/** Every row of the table, by département then category. */
type Stored = ReadonlyMap<string, ReadonlyMap<RequestCategory, Row>>;
const NONE: ReadonlyMap<RequestCategory, Row> = new Map();

const caches = new WeakMap<Database, Promise<VersionedCache<Stored>>>();

/** The table's rows, held per process and database, reloaded after any process changed them. */
function storedTargets(database: Database, pollMs: number): Promise<VersionedCache<Stored>> {
  let cache = caches.get(database);
  if (!cache) {
    cache = createVersionedCache(
      database,
      TARGETS_CACHE_KEY,
      async () => {
        const stored = new Map<string, Map<RequestCategory, Row>>();
        for (const row of await database.db.select().from(table)) {
          const categories = stored.get(row.departmentId) ?? new Map<RequestCategory, Row>();
          categories.set(row.category, row);
          stored.set(row.departmentId, categories);
        }
        return stored;
      },
      pollMs,
    );
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

/** The book of one loaded version and one set of settings, built once (the inbox asks on every page). */
const merged = new WeakMap<Stored, { base: CategoryTargets; book: TargetBook }>();

/**
 * The targets in force, per département (`book.of(request.departmentId)`): the département's
 * administrators' row, else REQUEST_TARGETS, else the code's default; unrouted requests take the
 * last two. From memory except after a change (one query then): cheap enough for every inbox page,
 * the overdue filter's SQL, Open311 and the digest, which all take the same object.
 */
export async function effectiveTargets(ctx: RequestsContext): Promise<TargetBook> {
  const stored = await (await storedTargets(ctx.database, ctx.cachePollMs)).get();
  const base = ctx.settings.targets;
  const known = merged.get(stored);
  if (known?.base === base) return known.book;
  const departments = new Map<string, CategoryTargets>();
  for (const [departmentId, rows] of stored) {
    const targets = { ...base };
    for (const [category, row] of rows) targets[category] = { ackHours: row.ackHours, answerHours: row.answerHours };
    departments.set(departmentId, targets);
  }
  const book = targetBook(base, departments);
  merged.set(stored, { base, book });
  return book;
}

/** The départements in which the actor holds the permission somewhere (a sector is enough to read). */
/**
 * Which département's targets a call is about, checked: the one asked for (404 if unknown, 403
 * if the actor may not: reading takes `requests.read` anywhere in it, changing takes
 * `requests.targets.manage` on the département itself), else the actor's only one (400 if several).
 */
export async function targetsDepartment(
  db: Executor,
  actor: Actor,
  permission: 'requests.read' | typeof MANAGE_TARGETS,
  requested: string | undefined,
): Promise<string> {
  const reaches = async (departmentId: string) => {
    if (permission === MANAGE_TARGETS) return can(actor, permission, { departmentId });
    const found = await departmentsWith(db, actor, permission);
    return found === 'all' || found.includes(departmentId);
  };
  if (requested) {
    if (!(await territoryPathOf(db, 'department', requested))) throw new NotFoundError('Département introuvable.');
    if (!(await reaches(requested)))
      throw new ForbiddenError(
        permission === MANAGE_TARGETS
          ? 'Seuls les administrateurs de ce département peuvent modifier ses délais cibles.'
          : 'Vous n’intervenez pas dans ce département.',
      );
    return requested;
  }
  const found = await departmentsWith(db, actor, permission);
  const candidates = found === 'all' ? [] : found;
  const mine =
    permission === MANAGE_TARGETS
      ? candidates.filter((departmentId) => can(actor, permission, { departmentId }))
      : candidates;
  if (mine.length === 1) return mine[0];
  if (mine.length === 0) throw new ForbiddenError();
  throw new BadRequestError('Vous intervenez dans plusieurs départements : précisez lequel (paramètre departmentId).', [
    { pointer: 'querystring/departmentId', message: 'Choisissez le département.' },
  ]);
}

const pick = ({ ackHours, answerHours }: CategoryTarget): CategoryTarget => ({ ackHours, answerHours });

function describe(
  ctx: RequestsContext,
  category: RequestCategory,
  row: Row | undefined,
  names: Map<string, { displayName: string }>,
): EffectiveTarget {
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

/** Every category's targets in force in the département, with their source and what a reset would go back to. */
export async function listEffectiveTargets(ctx: RequestsContext, departmentId: string): Promise<EffectiveTarget[]> {
  const stored = (await (await storedTargets(ctx.database, ctx.cachePollMs)).get()).get(departmentId) ?? NONE;
  const names = await userSummaries(
    ctx.database.db,
    [...stored.values()].flatMap((row) => (row.updatedBy ? [row.updatedBy] : [])),
  );
  return CATEGORIES.map((category) => describe(ctx, category, stored.get(category), names));
}

/** `GET`: the targets in force in the département asked for (or the caller's only one), checked as `targetsDepartment` says. */
export async function targetsIn(
  ctx: RequestsContext,
  actor: Actor,
  requested: string | undefined,
): Promise<EffectiveTargetList> {
  const departmentId = await targetsDepartment(ctx.database.db, actor, 'requests.read', requested);
  return { departmentId, items: await listEffectiveTargets(ctx, departmentId) };
}

/**
 * One change, its audit event (targets before and after, with their sources) and the cache
 * version in one transaction; once it commits this process reloads at once, the others on the
 * NOTIFY. Answers the category's targets as they stand in that transaction.
 */
async function writeTarget(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  departmentId: string,
  category: RequestCategory,
  action: string,
  change: (tx: Tx) => Promise<Row | undefined>,
): Promise<EffectiveTarget> {
  const fallback = () => ({
    ...pick(ctx.settings.targets[category]),
    source: ctx.settings.targetSources[category] as TargetSource,
  });
  return withTransaction(executor, async (tx) => {
    const [before] = await tx
      .select()
      .from(table)
      .where(and(eq(table.departmentId, departmentId), eq(table.category, category)))
      .for('update');
    const after = await change(tx);
    if (before || after) {
      await recordAudit(tx, actor, {
        action,
        recordType: 'request_category',
        recordId: category,
        details: {
          departmentId,
          category,
          before: before ? { ...pick(before), source: 'admin' } : fallback(),
          after: after ? { ...pick(after), source: 'admin' } : fallback(),
        },
      });
      await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
      await afterCommit(tx, () => invalidateLocal(TARGETS_CACHE_KEY));
    }
    const names = await userSummaries(tx, after?.updatedBy ? [after.updatedBy] : []);
    return describe(ctx, category, after, names);
  });
}

/** Sets a category's targets in a département (whole hours, 1 ≤ acknowledgement ≤ answer ≤ 8760); the caller checked the département. */
export async function setCategoryTarget(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  departmentId: string,
  category: RequestCategory,
  input: CategoryTargetUpdate,
): Promise<EffectiveTarget> {
  const problems = checkCategoryTargets(input);
  if (problems.length)
    throw new BadRequestError(
      problems[0].message,
      problems.map((problem) => ({ pointer: `body/${problem.field}`, message: problem.message })),
    );
  const values = {
    ackHours: input.ackHours,
    answerHours: input.answerHours,
    updatedAt: new Date(),
    updatedBy: actor.id,
  };
  return writeTarget(ctx, executor, actor, departmentId, category, 'request.target.updated', async (tx) => {
    const [row] = await tx
      .insert(table)
      .values({ departmentId, category, ...values })
      .onConflictDoUpdate({ target: [table.departmentId, table.category], set: values })
      .returning();
    return row;
  });
}

/** The département's category back to REQUEST_TARGETS or the default; nothing to undo: no event. */
export async function resetCategoryTarget(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  departmentId: string,
  category: RequestCategory,
): Promise<EffectiveTarget> {
  return writeTarget(ctx, executor, actor, departmentId, category, 'request.target.reset', async (tx) => {
    await tx.delete(table).where(and(eq(table.departmentId, departmentId), eq(table.category, category)));
    return undefined;
  });
}
