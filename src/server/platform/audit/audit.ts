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
