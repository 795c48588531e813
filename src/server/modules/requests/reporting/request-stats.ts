import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { BadRequestError } from '../../../platform/errors.ts';
import type { RequestStats } from '../../../../shared/requests/stats.schemas.ts';
import { requests } from '../requests.tables.ts';
import { isRealDate, parisDate } from '../../office-hours/index.ts';
import { visibleRequests } from '../request-access.ts';

/** Whose requests are counted: those an actor may read (the inbox's rule), or a territory for trusted callers. */
export interface RequestStatsScope {
  actor?: Actor;
  sectorId?: string;
  municipalityId?: string;
  departmentId?: string;
}

/** Days of Paris time, both included (« AAAA-MM-JJ »). */
export interface RequestStatsRange {
  from: string;
  to: string;
}

const MAX_DAYS = 5 * 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every month of the range, so that an empty month shows as 0 rather than disappearing. */
function monthsOf(range: RequestStatsRange): string[] {
  const months: string[] = [];
  let [year, month] = range.from.split('-').map(Number);
  const [toYear, toMonth] = range.to.split('-').map(Number);
  while (year < toYear || (year === toYear && month <= toMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

export function checkStatsRange(range: RequestStatsRange): void {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  if (![range.from, range.to].every((day) => DAY.test(day) && isRealDate(day)))
    throw new BadRequestError('Période invalide : dates « AAAA-MM-JJ » attendues.');
  if (from > to) throw new BadRequestError('Période invalide : la date de début est après la date de fin.');
  if ((to - from) / 86_400_000 > MAX_DAYS) throw new BadRequestError('Période trop longue : cinq ans au plus.');
}

const hours = (seconds: unknown) =>
  seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 10) / 10;

/**
 * Counts of the requests received in the range (by category, month, status, channel) and the
 * times to acknowledge and to answer (median and 90th percentile, in hours) of those received in
 * it. For the statistics page and, later, the partnership group's diagnostics of a territory.
 */
export async function computeRequestStats(
  db: Executor,
  scope: RequestStatsScope,
  range: RequestStatsRange,
): Promise<RequestStats> {
  checkStatsRange(range);
  const where: Array<SQL | undefined> = [
    sql`${requests.createdAt} >= (${range.from}::date)::timestamp at time zone 'Europe/Paris'`,
    sql`${requests.createdAt} < (${range.to}::date + 1)::timestamp at time zone 'Europe/Paris'`,
    scope.actor ? await visibleRequests(db, scope.actor, 'requests.read') : undefined,
    scope.sectorId ? eq(requests.sectorId, scope.sectorId) : undefined,
    scope.municipalityId ? eq(requests.municipalityId, scope.municipalityId) : undefined,
    scope.departmentId ? eq(requests.departmentId, scope.departmentId) : undefined,
  ];
  const filter = and(...where);
  const count = sql<number>`count(*)::int`;
  const month = sql<string>`to_char(${requests.createdAt} at time zone 'Europe/Paris', 'YYYY-MM')`;
  const byCategory = await db
    .select({ category: requests.category, count })
    .from(requests)
    .where(filter)
    .groupBy(requests.category)
    .orderBy(requests.category);
  const byStatus = await db
    .select({ status: requests.status, count })
    .from(requests)
    .where(filter)
    .groupBy(requests.status)
    .orderBy(requests.status);
  const byChannel = await db
    .select({ channel: requests.channel, count })
    .from(requests)
    .where(filter)
    .groupBy(requests.channel)
    .orderBy(requests.channel);
  const monthly = await db.select({ month, count }).from(requests).where(filter).groupBy(month);
  const ack = sql`extract(epoch from ${requests.acknowledgedAt} - ${requests.createdAt})`;
  const answer = sql`extract(epoch from ${requests.answeredAt} - ${requests.createdAt})`;
  const [delays] = await db
    .select({
      total: count,
      ackCount: sql<number>`count(${requests.acknowledgedAt})::int`,
      ackMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${ack})`,
      ackP90: sql<number | null>`percentile_cont(0.9) within group (order by ${ack})`,
      answerCount: sql<number>`count(${requests.answeredAt})::int`,
      answerMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${answer})`,
      answerP90: sql<number | null>`percentile_cont(0.9) within group (order by ${answer})`,
    })
    .from(requests)
    .where(filter);
  const perMonth = new Map(monthly.map((m) => [m.month, Number(m.count)]));
  return {
    from: range.from,
    to: range.to,
    total: Number(delays.total),
    byCategory: byCategory.map((x) => ({ category: x.category, count: Number(x.count) })),
    byMonth: monthsOf(range).map((m) => ({ month: m, count: perMonth.get(m) ?? 0 })),
    byStatus: byStatus.map((x) => ({ status: x.status, count: Number(x.count) })),
    byChannel: byChannel.map((x) => ({ channel: x.channel, count: Number(x.count) })),
    acknowledgement: {
      count: Number(delays.ackCount),
      medianHours: hours(delays.ackMedian),
      p90Hours: hours(delays.ackP90),
    },
    answer: {
      count: Number(delays.answerCount),
      medianHours: hours(delays.answerMedian),
      p90Hours: hours(delays.answerP90),
    },
  };
}

/** Without dates: the last twelve months up to today (Paris). */
export function defaultStatsRange(query: { from?: string; to?: string }, now = new Date()): RequestStatsRange {
  const to = query.to ?? parisDate(now);
  const from = query.from ?? parisDate(new Date(Date.parse(`${to}T12:00:00Z`) - 364 * 86_400_000));
  return { from, to };
}
