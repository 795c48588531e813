import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { AlertContact, AlertContactList } from '../../../shared/alerts/alerts.schemas.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { userSummaries } from '../identity/index.ts';
import { municipalitySummaries } from '../territory/index.ts';
import { communeContacts } from './alerts.tables.ts';
import { isAvailableAt, toHourMinute } from './contact-hours.ts';

export type ContactRow = typeof communeContacts.$inferSelect;

export async function findContact(db: Executor, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(communeContacts).where(eq(communeContacts.id, id));
  return row;
}

export async function listContactRows(db: Executor, municipalityId: string, onlyActive = false): Promise<ContactRow[]> {
  return db
    .select()
    .from(communeContacts)
    .where(
      and(
        eq(communeContacts.municipalityId, municipalityId),
        onlyActive ? eq(communeContacts.active, true) : undefined,
      ),
    )
    .orderBy(asc(communeContacts.rank), asc(communeContacts.name));
}

export const contactAvailable = (row: ContactRow, at: Date) =>
  row.active && isAvailableAt(row.availableFromMinute, row.availableToMinute, at);

export async function toContacts(db: Executor, rows: ContactRow[], now = new Date()): Promise<AlertContact[]> {
  const users = await userSummaries(
    db,
    rows.flatMap((row) => (row.userId ? [row.userId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    municipalityId: row.municipalityId,
    name: row.name,
    role: row.role,
    phone: row.phone,
    rank: row.rank,
    availableFrom: toHourMinute(row.availableFromMinute),
    availableTo: toHourMinute(row.availableToMinute),
    active: row.active,
    availableNow: contactAvailable(row, now),
    user: (row.userId && users.get(row.userId)) || null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** Active contacts of many communes in one query (commune pickers show counts). */
export async function listActiveContactsOf(db: Executor, municipalityIds: string[]): Promise<ContactRow[]> {
  if (municipalityIds.length === 0) return [];
  return db
    .select()
    .from(communeContacts)
    .where(and(inArray(communeContacts.municipalityId, municipalityIds), eq(communeContacts.active, true)));
}

/** A commune and its whole list, by rank then name. */
export async function listCommuneContacts(db: Executor, municipalityId: string): Promise<AlertContactList> {
  const [commune] = await municipalitySummaries(db, [municipalityId]);
  if (!commune) throw new NotFoundError('Commune introuvable.');
  return { commune, items: await toContacts(db, await listContactRows(db, commune.id)) };
}
