import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditEvents } from '../db/platform.tables.ts';
import type { Actor } from '../access/actor.ts';

export interface AuditEntry {
  action: string;
  recordType?: string;
  recordId?: string;
  /** Why the data was touched: for reads, the route. */
  reason?: string;
  details?: Record<string, unknown>;
}

/** Written with the change it describes, in the same transaction, so neither exists without the other. */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  });
}

/**
 * The audit writer of a single-statement write (a data-modifying CTE: the public intake, notify()),
 * where `recordAudit` cannot run: the statement's own `insert into audit_events … select`. The table
 * and its columns are named here only.
 */
export const AUDIT_INSERT = 'insert into audit_events (actor_type, actor_id, action, record_type, record_id, details)';

export interface AuditColumns {
  actorType: SQL;
  actorId: SQL;
  action: SQL;
  recordType: SQL;
  recordId: SQL;
  details: SQL;
}

/** `insert into audit_events … select <columns> from <source>`, for a CTE of the caller's statement. */
export function auditInsertFrom(columns: AuditColumns, source: SQL): SQL {
  const { actorType, actorId, action, recordType, recordId, details } = columns;
  return sql`${sql.raw(AUDIT_INSERT)} select ${actorType}, ${actorId}, ${action}, ${recordType}, ${recordId}, ${details} from ${source}`;
}
