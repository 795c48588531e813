import { sql, type SQL } from 'drizzle-orm';
import { REQUEST_CATEGORY_LABELS, type RequestCategory, type RequestStatus } from '../../../shared/requests.schemas.ts';
import { requests } from './requests.tables.ts';

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
 * The targets of every category: the code's defaults, then `REQUEST_TARGETS`
 * (`category=ack/answer` pairs separated by commas, e.g. `noise=48/240,burglary=12/72`).
 * A malformed value stops the start-up with a French message.
 */
export function readCategoryTargets(env: NodeJS.ProcessEnv, ackHours: number, answerHours: number): CategoryTargets {
  return readCategoryTargetSettings(env, ackHours, answerHours).targets;
}

/** The same, with the source of each category's targets (shown to administrators). */
export function readCategoryTargetSettings(env: NodeJS.ProcessEnv, ackHours: number, answerHours: number): { targets: CategoryTargets; sources: Record<RequestCategory, SettingSource> } {
  const targets = Object.fromEntries(CATEGORIES.map((c) => [c, URGENT[c] ?? { ackHours, answerHours }])) as CategoryTargets;
  const sources = Object.fromEntries(CATEGORIES.map((c) => [c, 'default'])) as Record<RequestCategory, SettingSource>;
  const raw = env.REQUEST_TARGETS?.trim();
  if (!raw) return { targets, sources };
  for (const pair of raw.split(',')) {
    const match = /^\s*([a-z_]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(pair);
    const category = match?.[1] as RequestCategory | undefined;
    const ack = Number(match?.[2]);
    const answer = Number(match?.[3]);
    if (!match || !CATEGORIES.includes(category as RequestCategory) || ack < 1 || answer < ack)
      throw new Error(`REQUEST_TARGETS : « ${pair.trim()} » n’est pas de la forme catégorie=heures_prise_en_compte/heures_réponse (catégories : ${CATEGORIES.join(', ')} ; réponse ≥ prise en compte ≥ 1)`);
    targets[category as RequestCategory] = { ackHours: ack, answerHours: answer };
    sources[category as RequestCategory] = 'setting';
  }
  return { targets, sources };
}

type Timed = { category: RequestCategory; status: RequestStatus; createdAt: Date };

/** Due dates computed on read: a change of targets applies at once to every open request. */
export function deadlinesOf(row: Timed, targets: CategoryTargets, now: Date) {
  const target = targets[row.category];
  const ackDueAt = new Date(row.createdAt.getTime() + target.ackHours * HOUR_MS);
  const answerDueAt = new Date(row.createdAt.getTime() + target.answerHours * HOUR_MS);
  const overdue = (row.status === 'new' && now > ackDueAt) || (OPEN.includes(row.status) && now > answerDueAt);
  return { ackDueAt: ackDueAt.toISOString(), answerDueAt: answerDueAt.toISOString(), overdue };
}

/** The creation time before which a request of each category is late, as one CASE over the category. */
function cutoff(targets: CategoryTargets, now: Date, key: keyof CategoryTarget): SQL {
  const arms = CATEGORIES.map((c) => sql`when ${c} then ${new Date(now.getTime() - targets[c][key] * HOUR_MS).toISOString()}::timestamptz`);
  return sql`(case ${requests.category} ${sql.join(arms, sql` `)} end)`;
}

/** The same rule as deadlinesOf, in SQL, for the « en retard » filter and the digest. */
export function overdueCondition(targets: CategoryTargets, now: Date): SQL {
  const open = sql.join(OPEN.map((s) => sql`${s}`), sql`, `);
  return sql`((${requests.status} = 'new' and ${requests.createdAt} < ${cutoff(targets, now, 'ackHours')}) or (${requests.status} in (${open}) and ${requests.createdAt} < ${cutoff(targets, now, 'answerHours')}))`;
}
