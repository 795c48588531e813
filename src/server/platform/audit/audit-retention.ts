import type { RetentionRule } from '../jobs/retention.ts';

/** Through the database's own purge function: the app's role cannot delete audit rows itself. */
export function auditRetentionRule(days: number): RetentionRule {
  return {
    name: 'audit-events',
    description: `Journal d'audit conservé ${days} jours`,
    async purge(database, now) {
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      const rows = await database.query<{ purged: number }>('select psq_purge_audit_events($1) as purged', [
        cutoff.toISOString(),
      ]);
      return Number(rows[0]?.purged ?? 0);
    },
  };
}
