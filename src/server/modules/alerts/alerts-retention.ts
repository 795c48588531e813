import { inArray, sql } from 'drizzle-orm';
import { purgeInBatches, type RetentionRule } from '../../platform/jobs/retention.ts';
import { alerts } from './alerts.tables.ts';

const DAY_MS = 86_400_000;

/**
 * Alerts name people and places: they go `days` after they closed (or were sent, if nobody
 * closed them). Communes, recipients (phones) and messages follow by cascade; the audit log
 * keeps who did what under its own retention.
 */
export function alertsRetentionRule(days: () => number): RetentionRule {
  return {
    name: 'alerts',
    description: `Alertes conservées ${days()} jours après leur clôture`,
    async purge(database, now) {
      const cutoff = new Date(now.getTime() - days() * DAY_MS).toISOString();
      const expired = sql`coalesce(${alerts.closedAt}, ${alerts.createdAt}) < ${cutoff}::timestamptz`;
      return purgeInBatches(async (limit) => {
        const batch = database.db.select({ id: alerts.id }).from(alerts).where(expired).limit(limit);
        const purged = await database.db.delete(alerts).where(inArray(alerts.id, batch)).returning({ id: alerts.id });
        return purged.length;
      });
    },
  };
}
