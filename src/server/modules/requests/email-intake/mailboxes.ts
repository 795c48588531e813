import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { scopesFor, type Actor, type TerritoryPath, type UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../../platform/errors.ts';
import type { Mailbox, MailboxCreate, MailboxImap } from '../../../../shared/requests/attachments.schemas.ts';
import { sectorSummaries, territoryIdsUnder, territoryPathOf } from '../../territory/index.ts';
import { mailboxImapSources, sectorMailboxes } from '../attachments/request-attachments.tables.ts';

type Row = typeof sectorMailboxes.$inferSelect;

/** Where a mailbox sits for the access layer: its sector, or its département for a catch-all. */
export const mailboxPath = (
  db: Executor,
  row: Pick<Row, 'sectorId' | 'departmentId'>,
): Promise<TerritoryPath | undefined> =>
  row.sectorId ? territoryPathOf(db, 'sector', row.sectorId) : territoryPathOf(db, 'department', row.departmentId);

type ImapRow = typeof mailboxImapSources.$inferSelect;

/** A mailbox's IMAP source for staff: never the sealed password, only that there is one. */
const imapToWire = (row: ImapRow): MailboxImap => ({
  host: row.host,
  port: row.port,
  security: row.security,
  user: row.username,
  folder: row.folder,
  passwordSet: row.passwordSealed.length > 0,
  lastRunAt: row.lastRunAt?.toISOString() ?? null,
  lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
  lastError: row.lastError,
  lastSummary: row.lastSummary,
});

async function toWire(db: Executor, rows: Row[]): Promise<Mailbox[]> {
  const found = await sectorSummaries(
    db,
    rows.map((r) => r.sectorId),
  );
  const byId = new Map(found.map((s) => [s.id, s]));
  const sources = rows.length
    ? await db
        .select()
        .from(mailboxImapSources)
        .where(
          inArray(
            mailboxImapSources.mailboxId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const imapById = new Map(sources.map((source) => [source.mailboxId, imapToWire(source)]));
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    sector: (r.sectorId && byId.get(r.sectorId)) || null,
    departmentId: r.departmentId,
    createdAt: r.createdAt.toISOString(),
    imap: imapById.get(r.id) ?? null,
  }));
}

/** One mailbox as staff see it (after a change of its IMAP source). */
export async function mailboxById(db: Executor, id: string): Promise<Mailbox> {
  const row = await findMailboxById(db, id);
  if (!row) throw new NotFoundError();
  return (await toWire(db, [row]))[0];
}

/**
 * The mailboxes of the administrator's territories, filtered in SQL: a sector's mailbox when its
 * sector lies under one of the actor's territory.manage assignments, a département's catch-all
 * only for an assignment on the département itself (as `can` with `mailboxPath` decides).
 */
export async function listMailboxes(db: Executor, actor: Actor): Promise<Mailbox[]> {
  const scopes = scopesFor(actor, 'territory.manage');
  if (scopes !== 'all' && scopes.length === 0) return [];
  const where =
    scopes === 'all'
      ? undefined
      : or(
          inArray(sectorMailboxes.sectorId, await territoryIdsUnder(db, scopes)),
          and(
            isNull(sectorMailboxes.sectorId),
            inArray(
              sectorMailboxes.departmentId,
              scopes.filter((a) => a.scopeType === 'department').map((a) => a.scopeId),
            ),
          ),
        );
  const rows = await db.select().from(sectorMailboxes).where(where).orderBy(asc(sectorMailboxes.address));
  return toWire(db, rows);
}

/** The territory a new mailbox would sit in (for the access check), from its sector or département. */
export async function requestedMailboxPath(db: Executor, input: MailboxCreate): Promise<TerritoryPath | undefined> {
  if (input.sectorId) return territoryPathOf(db, 'sector', input.sectorId);
  if (input.departmentId) return territoryPathOf(db, 'department', input.departmentId);
  return undefined;
}

/**
 * Receives an address for a sector, or a département's catch-all, at the place the route found
 * (`requestedMailboxPath`): stored lower-case, 409 when already taken, audited.
 */
export async function createMailbox(
  executor: Executor,
  actor: UserActor,
  input: MailboxCreate,
  path: TerritoryPath,
): Promise<Mailbox> {
  if (!!input.sectorId === !!input.departmentId)
    throw new UnprocessableError('Indiquez soit un secteur, soit un département (adresse « fourre-tout »).', [
      { pointer: '/sectorId', message: 'Secteur ou département.' },
    ]);
  const address = input.address.trim().toLowerCase();
  return withTransaction(executor, async (tx) => {
    const inserted = await tx
      .insert(sectorMailboxes)
      .values({ address, sectorId: input.sectorId ?? null, departmentId: path.departmentId, createdBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new ConflictError(`L’adresse ${address} est déjà attribuée.`);
    await recordAudit(tx, actor, {
      action: 'request.mailbox.created',
      recordType: 'sector_mailbox',
      recordId: inserted[0].id,
      details: { address, sectorId: input.sectorId ?? null, departmentId: path.departmentId },
    });
    return (await toWire(tx, inserted))[0];
  });
}

export async function mailboxPathById(db: Executor, id: string): Promise<TerritoryPath | undefined> {
  const row = await findMailboxById(db, id);
  return row ? mailboxPath(db, row) : undefined;
}

export async function deleteMailbox(executor: Executor, actor: UserActor, id: string): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const [row] = await tx.delete(sectorMailboxes).where(eq(sectorMailboxes.id, id)).returning();
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: 'request.mailbox.deleted',
      recordType: 'sector_mailbox',
      recordId: id,
      details: { address: row.address },
    });
  });
}

/** The mailbox an SMTP recipient names, if any (addresses compare lower-case). */
export async function findMailbox(db: Executor, address: string): Promise<Row | undefined> {
  const [row] = await db.select().from(sectorMailboxes).where(eq(sectorMailboxes.address, address.toLowerCase()));
  return row;
}

export async function findMailboxById(db: Executor, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(sectorMailboxes).where(eq(sectorMailboxes.id, id));
  return row;
}
