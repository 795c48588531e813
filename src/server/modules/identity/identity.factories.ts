import crypto from 'node:crypto';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Role, ScopeType } from '../../../shared/identity/identity.schemas.ts';
import { hashPassword } from './crypto/passwords.ts';
import { roleAssignments, users } from './identity.tables.ts';
import { cookieSettings, createSession } from './sessions.ts';

export const TEST_PASSWORD = 'une phrase de passe correcte';
let passwordHash: Promise<string> | undefined;

export interface MakeUserOptions {
  email?: string;
  roles?: Array<{ role: Role; scopeType: ScopeType; scopeId: string }>;
  status?: 'invited' | 'active' | 'suspended';
  demo?: boolean;
}

/** An active user with the given roles and the password TEST_PASSWORD. */
export async function makeUser(database: Database, options: MakeUserOptions = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `agent-${crypto.randomBytes(4).toString('hex')}@test.psq.fr`;
  const [user] = await database.db
    .insert(users)
    .values({
      email,
      displayName: `Agent ${email.split('@')[0]}`,
      status: options.status ?? 'active',
      passwordHash: await passwordHash,
      demo: options.demo ?? false,
    })
    .returning();
  if (options.roles?.length)
    await database.db.insert(roleAssignments).values(options.roles.map((r) => ({ userId: user.id, ...r })));
  return user;
}

/** Request headers of a signed-in session (second factor passed unless said otherwise). */
export async function sessionHeaders(
  database: Database,
  config: Config,
  userId: string,
  mfaVerified = true,
): Promise<Record<string, string>> {
  const { token, id } = await createSession(database.db, config, { userId, mfaVerified, method: 'password' });
  const [row] = await database.query<{ csrf_token: string }>('select csrf_token from sessions where id = $1', [id]);
  return { cookie: `${cookieSettings(config).name}=${token}`, 'x-csrf-token': row.csrf_token };
}

/** A user holding `role` on one territory item, with a live session. */
export async function signedIn(database: Database, config: Config, role: Role, scopeType: ScopeType, scopeId: string) {
  const user = await makeUser(database, { roles: [{ role, scopeType, scopeId }] });
  return { user, headers: await sessionHeaders(database, config, user.id) };
}
