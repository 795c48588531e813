import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db, Executor } from '../../../platform/db/client.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { Open311Client, Open311ClientCreated } from '../../../../shared/open311.schemas.ts';
import { open311Clients } from '../open311-clients.tables.ts';

type Row = typeof open311Clients.$inferSelect;

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

function toClient(row: Row): Open311Client {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

export async function listOpen311Clients(db: Executor): Promise<Open311Client[]> {
  const rows = await db.select().from(open311Clients).orderBy(desc(open311Clients.createdAt), desc(open311Clients.id));
  return rows.map(toClient);
}

/** A new client application: its key (256 random bits) is returned here once, only its SHA-256 is stored. */
export async function createOpen311Client(db: Db, actor: Actor, name: string): Promise<Open311ClientCreated> {
  const apiKey = `o311_${crypto.randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(open311Clients).values({ name: name.trim(), keyHash: hashKey(apiKey), createdBy: actor.type === 'user' ? actor.id : null }).returning();
    await recordAudit(tx, actor, { action: 'open311.client.created', recordType: 'open311_client', recordId: row.id, details: { name: row.name } });
    return { client: toClient(row), apiKey };
  });
}

/** Revoking twice keeps the first date (idempotent); the row stays for the audit trail. */
export async function revokeOpen311Client(db: Db, actor: Actor, id: string): Promise<Open311Client> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(open311Clients).where(eq(open311Clients.id, id)).for('update');
    if (!row) throw new NotFoundError('Application cliente introuvable.');
    if (row.revokedAt) return toClient(row);
    const [revoked] = await tx.update(open311Clients).set({ revokedAt: new Date() }).where(eq(open311Clients.id, id)).returning();
    await recordAudit(tx, actor, { action: 'open311.client.revoked', recordType: 'open311_client', recordId: id, details: { name: row.name } });
    return toClient(revoked);
  });
}

/** The active client holding this key, if any (a revoked key is as unknown as a wrong one). */
export async function findOpen311Client(db: Executor, apiKey: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.select({ id: open311Clients.id, name: open311Clients.name }).from(open311Clients).where(and(eq(open311Clients.keyHash, hashKey(apiKey)), isNull(open311Clients.revokedAt)));
  return row;
}
