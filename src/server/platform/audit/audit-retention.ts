import { sql } from 'drizzle-orm';
import type { RetentionRule } from '../jobs/retention.ts';

export function auditRetentionRule(days: number): RetentionRule {
  return {
    name: 'audit-events',
    description: `Journal d'audit conservé ${days} jours`,
    async purge(database, now) {
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      const result = await database.db.execute(sql`delete from audit_events where occurred_at < ${cutoff.toISOString()}`);
      return Number((result as { rowCount?: number | null; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0);
    },
  };
}
