import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { BadRequestError, ConflictError, UnauthorizedError } from '../../platform/errors.ts';
import type { MfaEnrolment, MfaVerify } from '../../../shared/identity/identity.schemas.ts';
import { createRecoveryCodes, hashRecoveryCode } from './crypto/recovery-codes.ts';
import { createTotpSecret, totpQrSvg, totpUri, verifyTotp } from './crypto/totp.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserById } from './identity.queries.ts';
import { recoveryCodes, users } from './identity.tables.ts';
import { markSessionVerified } from './sessions.ts';
import { assertUnderLimits, clearFailures, countFailure, mfaCounter } from './throttle.ts';

const reason = (route: string) => `POST ${route}`;

/** Starts (or restarts) TOTP enrolment: the secret stays pending until a code confirms it. */
export async function startEnrolment(
  ctx: IdentityContext,
  executor: Executor,
  actor: UserActor,
  session: { mfaVerified: boolean },
): Promise<MfaEnrolment> {
  const user = await findUserById(executor, actor.id);
  if (!user) throw new UnauthorizedError();
  // Replacing an enrolled factor needs the factor first: a stolen password alone must not do it.
  if (user.totpEnabledAt && !session.mfaVerified)
    throw new ConflictError('La double authentification est déjà activée : validez d’abord votre code.');
  const secret = createTotpSecret();
  await withTransaction(executor, async (tx) => {
    await tx
      .update(users)
      .set({ totpPendingSecret: ctx.secretBox.seal(secret), updatedAt: new Date() })
      .where(eq(users.id, actor.id));
  });
  const otpauthUrl = totpUri(secret, user.email);
  return { otpauthUrl, qrSvg: await totpQrSvg(otpauthUrl), secret };
}

/** A code of the pending secret enables it; the session passes the second factor; 10 recovery codes. */
export async function confirmEnrolment(
  ctx: IdentityContext,
  executor: Executor,
  actor: UserActor,
  code: string,
): Promise<string[]> {
  const user = await findUserById(executor, actor.id);
  if (!user?.totpPendingSecret) throw new ConflictError('Aucune activation en cours : recommencez l’activation.');
  const counters = [mfaCounter(actor.id)];
  await assertUnderLimits(executor, counters);
  const secret = ctx.secretBox.open(user.totpPendingSecret);
  const check = verifyTotp(secret, code, null);
  if (!check.ok) {
    await countFailure(executor, counters);
    throw new BadRequestError('Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché.');
  }
  const codes = createRecoveryCodes();
  await withTransaction(executor, async (tx) => {
    await tx
      .update(users)
      .set({
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: check.step,
        updatedAt: new Date(),
      })
      .where(eq(users.id, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c, ctx.recoveryKey) })));
    await markSessionVerified(tx, actor.sessionId);
    await clearFailures(tx, counters);
    await recordAudit(tx, actor, {
      action: 'auth.mfa.enrolled',
      recordType: 'user',
      recordId: actor.id,
      reason: reason('/api/auth/mfa/enrol/confirm'),
    });
  });
  return codes;
}

/**
 * Second step of sign-in: a TOTP code (each accepted once) or an unused recovery code. The code is
 * claimed, and the session verified (or the failure counted and audited), in one transaction.
 */
export async function verifySecondFactor(
  ctx: IdentityContext,
  executor: Executor,
  actor: UserActor,
  input: MfaVerify,
): Promise<void> {
  if (!input.code === !input.recoveryCode)
    throw new BadRequestError('Saisissez soit le code à 6 chiffres, soit un code de secours.');
  const user = await findUserById(executor, actor.id);
  const totpSecret = user?.totpSecret;
  if (!user || !totpSecret) throw new ConflictError('La double authentification n’est pas encore activée.');
  const counters = [mfaCounter(actor.id)];
  await assertUnderLimits(executor, counters);
  const how = input.code ? 'totp' : 'recovery-code';
  const accepted = await withTransaction(executor, async (tx) => {
    let claimed = false;
    if (input.code) {
      const check = verifyTotp(ctx.secretBox.open(totpSecret), input.code, user.totpLastStep);
      // The step is claimed atomically: two requests racing with the same code cannot both win.
      if (check.ok) {
        const rows = await tx
          .update(users)
          .set({ totpLastStep: check.step })
          .where(and(eq(users.id, actor.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, check.step))))
          .returning({ id: users.id });
        claimed = rows.length === 1;
      }
    } else {
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, actor.id),
            eq(recoveryCodes.codeHash, hashRecoveryCode(input.recoveryCode!, ctx.recoveryKey)),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      claimed = used.length === 1;
    }
    if (!claimed) {
      await countFailure(tx, counters);
      await recordAudit(tx, actor, {
        action: 'auth.mfa.failed',
        recordType: 'user',
        recordId: actor.id,
        reason: reason('/api/auth/mfa/verify'),
        details: { how },
      });
      return false;
    }
    await markSessionVerified(tx, actor.sessionId);
    await clearFailures(tx, counters);
    await recordAudit(tx, actor, {
      action: 'auth.mfa.verified',
      recordType: 'user',
      recordId: actor.id,
      reason: reason('/api/auth/mfa/verify'),
      details: { how },
    });
    return true;
  });
  if (!accepted)
    throw new BadRequestError(
      input.code
        ? 'Code incorrect ou déjà utilisé : attendez le code suivant.'
        : 'Code de secours incorrect ou déjà utilisé.',
    );
}
