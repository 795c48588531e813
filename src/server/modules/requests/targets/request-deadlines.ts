import { sql, type SQL } from 'drizzle-orm';
import { checkCategoryTargets } from '../../../../shared/requests/targets.schemas.ts';
import {
  REQUEST_CATEGORY_LABELS,
  type RequestCategory,
  type RequestStatus,
} from '../../../../shared/requests/requests.schemas.ts';
import { requests } from '../requests.tables.ts';

/** Target times of one category, in hours from the request's creation. */
export interface CategoryTarget {
  ackHours: number;
  answerHours: number;
}
export type CategoryTargets = Record<RequestCategory, CategoryTarget>;

const HOUR_MS = 3_600_000;
const CATEGORIES = Object.keys(REQUEST_CATEGORY_LABELS) as RequestCategory[];
/** Still waiting for an answer: overdue once the answer target is past. */
const OPEN: readonly RequestStatus[] = ['new', 'acknowledged', 'in_progress'];

/** Urgent categories get shorter targets; the others take REQUEST_ACK_HOURS / REQUEST_ANSWER_HOURS. */
const URGENT: Partial<CategoryTargets> = {
  drug_dealing: { ackHours: 24, answerHours: 168 },
  burglary: { ackHours: 24, answerHours: 120 },
  motorbike_rodeo: { ackHours: 48, answerHours: 168 },
};

/** Where a category's targets come from before any administrator's change. */
export type SettingSource = 'setting' | 'default';

/**
 * The targets of every category, with their source (shown to administrators): the code's
 * defaults, then `REQUEST_TARGETS` (`category=ack/answer` pairs separated by commas, e.g.
 * `noise=48/240,burglary=12/72`). A malformed value stops the start-up with a French message.
 */
export function readCategoryTargetSettings(
  env: NodeJS.ProcessEnv,
  ackHours: number,
  answerHours: number,
): { targets: CategoryTargets; sources: Record<RequestCategory, SettingSource> } {
  const targets = Object.fromEntries(
    CATEGORIES.map((c) => [c, URGENT[c] ?? { ackHours, answerHours }]),
  ) as CategoryTargets;
  const sources = Object.fromEntries(CATEGORIES.map((c) => [c, 'default'])) as Record<RequestCategory, SettingSource>;
  const raw = env.REQUEST_TARGETS?.trim();
  if (!raw) return { targets, sources };
  for (const pair of raw.split(',')) {
    const match = /^\s*([a-z_]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(pair);
    const category = match?.[1] as RequestCategory | undefined;
    const ack = Number(match?.[2]);
    const answer = Number(match?.[3]);
    // The same rule as an administrator's targets (whole hours, 1 ≤ acknowledgement ≤ answer ≤ 8 760).
    if (
      !match ||
      !CATEGORIES.includes(category as RequestCategory) ||
      checkCategoryTargets({ ackHours: ack, answerHours: answer }).length > 0
    )
      throw new Error(
        `REQUEST_TARGETS : « ${pair.trim()} » n’est pas de la forme ` +
          `catégorie=heures_prise_en_compte/heures_réponse (catégories : ` +
          `${CATEGORIES.join(', ')} ; 1 ≤ prise en compte ≤ réponse ≤ 8760)`,
      );
    targets[category as RequestCategory] = { ackHours: ack, answerHours: answer };
    sources[category as RequestCategory] = 'setting';
  }
  return { targets, sources };
}

type Timed = { category: RequestCategory; status: RequestStatus; createdAt: Date };

/**
 * The targets in force, per département: a département's administrators' rows over `base`
 * (REQUEST_TARGETS, else the code's default). A request without a département (unrouted) and a
 * département without rows take `base`.
 */
export interface TargetBook {
  readonly base: CategoryTargets;
  /** The départements that have rows, with their merged targets (every category). */
  readonly departments: ReadonlyMap<string, CategoryTargets>;
  of(departmentId: string | null): CategoryTargets;
}

export function targetBook(base: CategoryTargets, departments: ReadonlyMap<string, CategoryTargets>): TargetBook {
  return { base, departments, of: (departmentId) => (departmentId !== null && departments.get(departmentId)) || base };
}

/** Due dates computed on read: a change of targets applies at once to every open request. Pass `book.of(row.departmentId)`. */
export function deadlinesOf(row: Timed, targets: CategoryTargets, now: Date) {
  const target = targets[row.category];
  const ackDueAt = new Date(row.createdAt.getTime() + target.ackHours * HOUR_MS);
  const answerDueAt = new Date(row.createdAt.getTime() + target.answerHours * HOUR_MS);
  const overdue = (row.status === 'new' && now > ackDueAt) || (OPEN.includes(row.status) && now > answerDueAt);
  return { ackDueAt: ackDueAt.toISOString(), answerDueAt: answerDueAt.toISOString(), overdue };
}

const before = (now: Date, hours: number) =>
  sql`${new Date(now.getTime() - hours * HOUR_MS).toISOString()}::timestamptz`;

/**
 * The creation time before which a request is late. The départements that have rows come first,
 * as a CASE on the département then on the category, holding only the categories that differ from
 * `base` (null otherwise); every other request falls to the base CASE on the category.
 */
function cutoff(book: TargetBook, now: Date, key: keyof CategoryTarget): SQL {
  const baseArms = CATEGORIES.map((c) => sql`when ${c} then ${before(now, book.base[c][key])}`);
  const base = sql`(case ${requests.category} ${sql.join(baseArms, sql` `)} end)`;
  const departmentArms = [...book.departments].flatMap(([departmentId, targets]) => {
    const arms = CATEGORIES.filter((c) => targets[c][key] !== book.base[c][key]).map(
      (c) => sql`when ${c} then ${before(now, targets[c][key])}`,
    );
    return arms.length
      ? [sql`when ${departmentId}::uuid then (case ${requests.category} ${sql.join(arms, sql` `)} end)`]
      : [];
  });
  if (departmentArms.length === 0) return base;
  return sql`coalesce((case ${requests.departmentId} ${sql.join(departmentArms, sql` `)} end), ${base})`;
}

/** The same rule as deadlinesOf, in SQL, for the « en retard » filter and the digest. */
export function overdueCondition(book: TargetBook, now: Date): SQL {
  const open = sql.join(
    OPEN.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`((${requests.status} = 'new' and ${requests.createdAt} < ${cutoff(book, now, 'ackHours')}) or (${requests.status} in (${open}) and ${requests.createdAt} < ${cutoff(book, now, 'answerHours')}))`;
}
