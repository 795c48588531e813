import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { ForbiddenError, UnauthorizedError } from '../../platform/errors.ts';
import { hmac } from './crypto/tokens.ts';
import { verifyAgainstDummy, verifyPassword } from './crypto/passwords.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserByEmail } from './identity.queries.ts';
import { users } from './identity.tables.ts';
import { createSession } from './sessions.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The device cookie presented, if any. */
  device?: string;
}

export interface SignInResult {
  userId: string;
  sessionId: string;
  token: string;
  /** Value of the device cookie to set: this browser has now signed in to this account. */
  device: string;
}

const anonymous: Actor = { type: 'anonymous', id: null };
const WRONG = 'Adresse électronique ou mot de passe incorrect.';

export function deviceValue(ctx: IdentityContext, email: string): string {
  return hmac(ctx.deviceKey, `device:${email}`);
}

/**
 * Password sign-in. Unknown addresses cost the same time as known ones, failures are counted
 * per IP and per account (or per known device), and every outcome is audited.
 */
export async function signIn(ctx: IdentityContext, input: SignInInput): Promise<SignInResult> {
  const db = ctx.database.db;
  const email = input.email.trim().toLowerCase();
  const knownDevice = input.device !== undefined && input.device === deviceValue(ctx, email);
  const keys = [`ip:${input.ip}`, knownDevice ? `device:${deviceValue(ctx, email).slice(0, 24)}` : `account:${email}`];
  try {
    await assertNotThrottled(db, keys);
  } catch (error) {
    await recordAudit(db, anonymous, {
      action: 'auth.sign-in.throttled',
      recordType: 'user',
      reason: 'POST /api/auth/sign-in',
      details: { email, ip: input.ip },
    });
    throw error;
  }
  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await recordFailure(db, keys);
    await recordAudit(db, anonymous, {
      action: 'auth.sign-in.failed',
      recordType: 'user',
      recordId: user?.id,
      reason: 'POST /api/auth/sign-in',
      details: { email, ip: input.ip },
    });
    throw new UnauthorizedError(WRONG);
  }
  if (user.status !== 'active') {
    await recordAudit(db, anonymous, {
      action: 'auth.sign-in.refused',
      recordType: 'user',
      recordId: user.id,
      reason: 'POST /api/auth/sign-in',
      details: { status: user.status, ip: input.ip },
    });
    throw new ForbiddenError('Ce compte est suspendu. Contactez votre administrateur.');
  }
  return db.transaction(async (tx) => {
    await clearFailures(
      tx,
      keys.filter((key) => !key.startsWith('ip:')),
    );
    // Demo accounts skip the second factor outside production; everyone else passes TOTP.
    const mfaVerified = user.demo && !ctx.config.production;
    const session = await createSession(tx, ctx.config, {
      userId: user.id,
      mfaVerified,
      method: 'password',
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    const actor: Actor = { type: 'user', id: user.id, email, sessionId: session.id, assignments: [] };
    await recordAudit(tx, actor, {
      action: 'auth.sign-in.succeeded',
      recordType: 'user',
      recordId: user.id,
      reason: 'POST /api/auth/sign-in',
      details: { ip: input.ip, mfaPending: !mfaVerified },
    });
    return { userId: user.id, sessionId: session.id, token: session.token, device: deviceValue(ctx, email) };
  });
}
