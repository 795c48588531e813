import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authentication } from '../../platform/access/access.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Config } from '../../platform/config.ts';
import type { Database, Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { createToken, hashToken } from './crypto/tokens.ts';
import { loadAssignments } from './identity.queries.ts';
import { sessions, users } from './identity.tables.ts';

/**
 * `__Host-` pins the cookie to this host, path / and HTTPS. Browsers treat http://localhost as
 * secure, so the prefix works there too; any other plain-HTTP address gets an unprefixed cookie.
 */
export function cookieSettings(config: Config): { name: string; secure: boolean } {
  const url = new URL(config.publicUrl);
  const secure = url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return { name: secure ? '__Host-psq_session' : 'psq_session', secure };
}

export interface NewSession {
  userId: string;
  mfaVerified: boolean;
  method: 'password' | 'proconnect';
  ip?: string;
  userAgent?: string;
}

export interface CreatedSession {
  /** The cookie's value: only its hash is stored. */
  token: string;
  id: string;
  csrfToken: string;
  mfaVerified: boolean;
}

export async function createSession(db: Executor, config: Config, input: NewSession): Promise<CreatedSession> {
  const token = createToken();
  const csrfToken = createToken(18);
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      csrfToken,
      mfaVerified: input.mfaVerified,
      method: input.method,
      expiresAt: new Date(Date.now() + config.sessionMaxSeconds * 1000),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { token, id: row.id, csrfToken, mfaVerified: input.mfaVerified };
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  const { name, secure } = cookieSettings(config);
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: config.sessionMaxSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  const { name, secure } = cookieSettings(config);
  reply.clearCookie(name, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

export function sessionToken(request: FastifyRequest, config: Config): string | undefined {
  const value = request.cookies?.[cookieSettings(config).name];
  // Our tokens are 43 base64url characters; anything else is tampered with or foreign.
  return value && /^[A-Za-z0-9_-]{40,64}$/.test(value) ? value : undefined;
}

/**
 * The session behind a cookie, if it is still alive: not revoked, within its idle and absolute
 * time-outs, and its user active. Checked at every request, so signing out, "sign out my other
 * sessions" and suspending an account take effect at the very next one.
 */
export async function authenticateSession(
  database: Database,
  config: Config,
  token: string,
): Promise<Authentication | undefined> {
  const [row] = await database.db
    .select({ session: sessions, email: users.email, status: users.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
  if (!row || row.status !== 'active') return undefined;
  const now = Date.now();
  const idleMs = config.sessionIdleSeconds * 1000;
  if (row.session.expiresAt.getTime() <= now || row.session.lastSeenAt.getTime() + idleMs <= now) {
    await database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, row.session.id));
    return undefined;
  }
  // Touch at most every sixth of the idle time: one write per request would be wasteful.
  if (now - row.session.lastSeenAt.getTime() > Math.min(60_000, idleMs / 6)) {
    await database.db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.session.id));
  }
  const assignments = await loadAssignments(database.db, row.session.userId);
  return {
    actor: { type: 'user', id: row.session.userId, email: row.email, sessionId: row.session.id, assignments },
    mfaVerified: row.session.mfaVerified,
    csrfToken: row.session.csrfToken,
  };
}

export async function markSessionVerified(db: Executor, sessionId: string) {
  await db.update(sessions).set({ mfaVerified: true, lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

/** Sign-out: the caller's session ends, with its audit event, in one transaction. */
export async function signOut(executor: Executor, actor: UserActor): Promise<void> {
  await withTransaction(executor, async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
    await recordAudit(tx, actor, {
      action: 'auth.signed-out',
      recordType: 'user',
      recordId: actor.id,
      reason: 'POST /api/auth/sign-out',
    });
  });
}

/** « Déconnecter mes autres sessions »: every other live session of the caller ends; returns how many. */
export async function signOutOthers(executor: Executor, actor: UserActor): Promise<number> {
  return withTransaction(executor, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, actor.id), ne(sessions.id, actor.sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await recordAudit(tx, actor, {
      action: 'auth.signed-out-others',
      recordType: 'user',
      recordId: actor.id,
      reason: 'POST /api/auth/sign-out-others',
      details: { sessions: rows.length },
    });
    return rows.length;
  });
}

export async function revokeUserSessions(db: Executor, userId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Retention: sessions ended for more than 30 days carry no value and hold IP addresses. */
export async function purgeOldSessions(database: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const rows = await database.db
    .delete(sessions)
    .where(sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt}) < ${cutoff}`)
    .returning({ id: sessions.id });
  return rows.length;
}
