import crypto from 'node:crypto';
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { scopesFor, type Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import type { Open311Client, Open311ClientCreated } from '../../../../shared/requests/open311.schemas.ts';
import { departmentSummaries } from '../../territory/index.ts';
import { open311Clients } from './open311-clients.tables.ts';

/** Client applications are managed per département, by those holding this on the département itself. */
export const MANAGE_OPEN311 = 'open311.manage' as const;

type Row = typeof open311Clients.$inferSelect;

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

function toClient({ client, department }: { client: Row; department: Open311Client['department'] }): Open311Client {
  return {
    id: client.id,
    name: client.name,
    department,
    createdAt: client.createdAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}

/** Clients with their département, one reader call for the whole list (newest first). */
async function selectClients(db: Executor, where: SQL | undefined): Promise<Open311Client[]> {
  const rows = await db
    .select()
    .from(open311Clients)
    .where(where)
    .orderBy(desc(open311Clients.createdAt), desc(open311Clients.id));
  const departments = new Map(
    (
      await departmentSummaries(
        db,
        rows.map((row) => row.departmentId),
      )
    ).map((department) => [department.id, department]),
  );
  return rows.flatMap((client) => {
    const department = departments.get(client.departmentId);
    return department ? [toClient({ client, department })] : [];
  });
}

/**
 * The départements whose client applications the actor manages: those of their assignments on a
 * département granting `open311.manage` (an administrator below a département manages none);
 * 'all' for system and CLI actors.
 */
export function open311Departments(actor: Actor): string[] | 'all' {
  const scopes = scopesFor(actor, MANAGE_OPEN311);
  if (scopes === 'all') return 'all';
  return [...new Set(scopes.filter((scope) => scope.scopeType === 'department').map((scope) => scope.scopeId))];
}

/** The département a new client goes to: the one asked for, else the actor's only one (400 when several). */
export function requestedClientDepartment(actor: Actor, requested: string | undefined): string {
  if (requested) return requested;
  const mine = open311Departments(actor);
  if (mine !== 'all' && mine.length === 1) return mine[0];
  if (mine !== 'all' && mine.length === 0)
    throw new ForbiddenError('Seuls les administrateurs d’un département gèrent ses applications clientes Open311.');
  throw new BadRequestError(
    'Vous administrez plusieurs départements : précisez celui de l’application (champ departmentId).',
    [{ pointer: '/departmentId', message: 'Choisissez le département.' }],
  );
}

/** The client applications of the départements the actor manages. */
export async function listOpen311Clients(db: Executor, actor: Actor): Promise<Open311Client[]> {
  const mine = open311Departments(actor);
  if (mine !== 'all' && mine.length === 0) return [];
  return selectClients(db, mine === 'all' ? undefined : inArray(open311Clients.departmentId, mine));
}

/** The département of a client application (for the access check), if it exists. */
export async function open311ClientDepartment(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ departmentId: open311Clients.departmentId })
    .from(open311Clients)
    .where(eq(open311Clients.id, id));
  return row?.departmentId;
}

/**
 * A new client application of a département (checked by the caller): its key (256 random bits)
 * is returned here once, only its SHA-256 is stored.
 */
export async function createOpen311Client(
  executor: Executor,
  actor: Actor,
  name: string,
  departmentId: string,
): Promise<Open311ClientCreated> {
  const apiKey = `o311_${crypto.randomBytes(32).toString('base64url')}`;
  return withTransaction(executor, async (tx) => {
    const [row] = await tx
      .insert(open311Clients)
      .values({
        name: name.trim(),
        keyHash: hashKey(apiKey),
        departmentId,
        createdBy: actor.type === 'user' ? actor.id : null,
      })
      .returning();
    const [client] = await selectClients(tx, eq(open311Clients.id, row.id));
    await recordAudit(tx, actor, {
      action: 'open311.client.created',
      recordType: 'open311_client',
      recordId: row.id,
      details: { name: row.name, departmentId, departmentCode: client.department.code },
    });
    return { client, apiKey };
  });
}

/** Revoking twice keeps the first date (idempotent); the row stays for the audit trail. */
export async function revokeOpen311Client(executor: Executor, actor: Actor, id: string): Promise<Open311Client> {
  return withTransaction(executor, async (tx) => {
    const [row] = await tx.select().from(open311Clients).where(eq(open311Clients.id, id)).for('update');
    if (!row) throw new NotFoundError('Application cliente introuvable.');
    if (!row.revokedAt) await tx.update(open311Clients).set({ revokedAt: new Date() }).where(eq(open311Clients.id, id));
    const [client] = await selectClients(tx, eq(open311Clients.id, id));
    if (!row.revokedAt)
      await recordAudit(tx, actor, {
        action: 'open311.client.revoked',
        recordType: 'open311_client',
        recordId: id,
        details: { name: row.name, departmentId: row.departmentId, departmentCode: client.department.code },
      });
    return client;
  });
}

/** The active client holding this key, if any (a revoked key is as unknown as a wrong one). Valid for submissions anywhere. */
export async function findOpen311Client(
  db: Executor,
  apiKey: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: open311Clients.id, name: open311Clients.name })
    .from(open311Clients)
    .where(and(eq(open311Clients.keyHash, hashKey(apiKey)), isNull(open311Clients.revokedAt)));
  return row;
}
