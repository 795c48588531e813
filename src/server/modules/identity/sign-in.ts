import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ForbiddenError, UnauthorizedError } from '../../platform/errors.ts';
import type { ThrottleHandle } from '../../platform/http/rate-limit.ts';
import { hmac } from './crypto/tokens.ts';
import { verifyAgainstDummy, verifyPassword } from './crypto/passwords.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserByEmail } from './identity.queries.ts';
import { users } from './identity.tables.ts';
import { createSession } from './sessions.ts';
import {
  accountCounter,
  assertUnderLimits,
  clearFailures,
  countFailure,
  deviceCounter,
  type FailureCounter,
} from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The device cookie presented, if any. */
  device?: string;
  /** The route's per-address limit (`SIGN_IN_PER_IP`): its failures are counted here, with the account's. */
  throttle?: ThrottleHandle;
}

export interface SignInResult {
  userId: string;
  sessionId: string;
  token: string;
  csrfToken: string;
  mfaVerified: boolean;
  /** Value of the device cookie to set: this browser has now signed in to this account. */
  device: string;
}

const anonymous: Actor = { type: 'anonymous', id: null };
const WRONG = 'Adresse électronique ou mot de passe incorrect.';
const REASON = 'POST /api/auth/sign-in';

export function deviceValue(ctx: IdentityContext, email: string): string {
  return hmac(ctx.deviceKey, `device:${email}`);
}

/**
 * Password sign-in, by an anonymous visitor (its audit events name no actor). Unknown addresses
 * cost the same time as known ones, failures are counted per source address and per account (or
 * per known device), and every outcome is audited.
 */
export async function signIn(ctx: IdentityContext, executor: Executor, input: SignInInput): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const device = deviceValue(ctx, email);
  const knownDevice = input.device !== undefined && input.device === device;
  const perSource: FailureCounter[] = input.throttle ? [{ key: input.throttle.key, rule: input.throttle.rule }] : [];
  const perAccount = knownDevice ? deviceCounter(device) : accountCounter(ctx.deviceKey, email);
  const counters = [...perSource, perAccount];
  try {
    await assertUnderLimits(executor, counters);
  } catch (error) {
    await recordAudit(executor, anonymous, {
      action: 'auth.sign-in.throttled',
      recordType: 'user',
      reason: REASON,
      details: { email, ip: input.ip },
    });
    throw error;
  }
  const user = await findUserByEmail(executor, email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await withTransaction(executor, async (tx) => {
      await countFailure(tx, counters);
      await recordAudit(tx, anonymous, {
        action: 'auth.sign-in.failed',
        recordType: 'user',
        recordId: user?.id,
        reason: REASON,
        details: { email, ip: input.ip },
      });
    });
    if (input.throttle) input.throttle.counted = true;
    throw new UnauthorizedError(WRONG);
  }
  if (user.status !== 'active') {
    await recordAudit(executor, anonymous, {
      action: 'auth.sign-in.refused',
      recordType: 'user',
      recordId: user.id,
      reason: REASON,
      details: { status: user.status, ip: input.ip },
    });
    // The right password of a suspended account is no failure: the module settles its count (none).
    if (input.throttle) input.throttle.counted = true;
    throw new ForbiddenError('Ce compte est suspendu. Contactez votre administrateur.');
  }
  return withTransaction(executor, async (tx) => {
    // The account's (or device's) run of failures ends; the source address's count stays.
    await clearFailures(tx, [perAccount]);
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
      reason: REASON,
      details: { ip: input.ip, mfaPending: !mfaVerified },
    });
    return {
      userId: user.id,
      sessionId: session.id,
      token: session.token,
      csrfToken: session.csrfToken,
      mfaVerified,
      device,
    };
  });
}
