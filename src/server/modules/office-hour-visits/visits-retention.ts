import { sql } from 'drizzle-orm';
import { purgeInBatches, type RetentionRule } from '../../platform/jobs/retention.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';

const DAY_MS = 86_400_000;

/**
 * Visits hold what residents confided: they go `days` after they were written. In batches of
 * 1,000 through purgeInBatches (a short transaction each, and only a count comes back, never the
 * ids) until none is left. A request made from a visit stays, under the requests' own retention.
 */
export function visitsRetentionRule(days: () => number): RetentionRule {
  return {
    name: 'office-hour-visits',
    description: `Visites de permanence conservées ${days()} jours`,
    async purge(database, now) {
      const cutoff = new Date(now.getTime() - days() * DAY_MS).toISOString();
      return purgeInBatches(async (limit) => {
        const result = await database.db.execute<{ n: number }>(sql`
          with gone as (
            delete from ${officeHourVisits} where ${officeHourVisits.id} in (
              select ${officeHourVisits.id} from ${officeHourVisits} where ${officeHourVisits.createdAt} < ${cutoff}::timestamptz limit ${limit}
            ) returning 1
          ) select count(*)::int as n from gone`);
        return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0].n);
      });
    },
  };
}
