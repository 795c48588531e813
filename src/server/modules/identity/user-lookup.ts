import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { users } from './identity.tables.ts';

export interface UserSummary {
  id: string;
  displayName: string;
  email: string;
}

/** An active account by e-mail, for other modules that link a record to a person (alert contacts). */
export async function findActiveUserByEmail(db: Executor, email: string): Promise<UserSummary | undefined> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.status, 'active')));
  return row;
}

/** Names and e-mails of these accounts, to show who a record is linked to. */
export async function userSummaries(db: Executor, ids: string[]): Promise<Map<string, UserSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The e-mail of each of these accounts, by id (unknown ids are left out). */
export async function emailsOfUsers(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.email]));
}
