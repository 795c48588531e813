import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { BadRequestError, ConflictError, UnauthorizedError } from '../../platform/errors.ts';
import { createRecoveryCodes, hashRecoveryCode } from './crypto/recovery-codes.ts';
import { createTotpSecret, totpQrSvg, totpUri, verifyTotp } from './crypto/totp.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserById } from './identity.queries.ts';
import { recoveryCodes, users } from './identity.tables.ts';
import { markSessionVerified } from './sessions.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.ts';

const reason = (route: string) => `POST ${route}`;

/** Starts (or restarts) TOTP enrolment: the secret stays pending until a code confirms it. */
export async function startEnrolment(ctx: IdentityContext, actor: UserActor, mfaVerified: boolean) {
  const user = await findUserById(ctx.database.db, actor.id);
  if (!user) throw new UnauthorizedError();
  // Replacing an enrolled factor needs the factor first: a stolen password alone must not do it.
  if (user.totpEnabledAt && !mfaVerified)
    throw new ConflictError('La double authentification est déjà activée : validez d’abord votre code.');
  const secret = createTotpSecret();
  await ctx.database.db
    .update(users)
    .set({ totpPendingSecret: ctx.secretBox.seal(secret), updatedAt: new Date() })
    .where(eq(users.id, actor.id));
  const otpauthUrl = totpUri(secret, user.email);
  return { otpauthUrl, qrSvg: await totpQrSvg(otpauthUrl), secret };
}

export async function confirmEnrolment(ctx: IdentityContext, actor: UserActor, code: string): Promise<string[]> {
  const db = ctx.database.db;
  const user = await findUserById(db, actor.id);
  if (!user?.totpPendingSecret) throw new ConflictError('Aucune activation en cours : recommencez l’activation.');
  const keys = [`mfa:${actor.id}`];
  await assertNotThrottled(db, keys);
  const secret = ctx.secretBox.open(user.totpPendingSecret);
  const check = verifyTotp(secret, code, null);
  if (!check.ok) {
    await recordFailure(db, keys);
    throw new BadRequestError('Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché.');
  }
  const codes = createRecoveryCodes();
  await db.transaction(async (tx) => {
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
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, {
      action: 'auth.mfa.enrolled',
      recordType: 'user',
      recordId: actor.id,
      reason: reason('/api/auth/mfa/enrol/confirm'),
    });
  });
  return codes;
}

/** Second step of sign-in: a TOTP code (each accepted once) or an unused recovery code. */
export async function verifySecondFactor(
  ctx: IdentityContext,
  actor: UserActor,
  input: { code?: string; recoveryCode?: string },
): Promise<void> {
  const db = ctx.database.db;
  if (!input.code === !input.recoveryCode)
    throw new BadRequestError('Saisissez soit le code à 6 chiffres, soit un code de secours.');
  const user = await findUserById(db, actor.id);
  if (!user?.totpSecret) throw new ConflictError('La double authentification n’est pas encore activée.');
  const keys = [`mfa:${actor.id}`];
  await assertNotThrottled(db, keys);
  let accepted = false;
  let how = 'totp';
  if (input.code) {
    const check = verifyTotp(ctx.secretBox.open(user.totpSecret), input.code, user.totpLastStep);
    // The step is claimed atomically: two requests racing with the same code cannot both win.
    if (check.ok) {
      const claimed = await db
        .update(users)
        .set({ totpLastStep: check.step })
        .where(and(eq(users.id, actor.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, check.step))))
        .returning({ id: users.id });
      accepted = claimed.length === 1;
    }
  } else {
    how = 'recovery-code';
    const used = await db
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
    accepted = used.length === 1;
  }
  if (!accepted) {
    await recordFailure(db, keys);
    await recordAudit(db, actor, {
      action: 'auth.mfa.failed',
      recordType: 'user',
      recordId: actor.id,
      reason: reason('/api/auth/mfa/verify'),
      details: { how },
    });
    throw new BadRequestError(
      input.code
        ? 'Code incorrect ou déjà utilisé : attendez le code suivant.'
        : 'Code de secours incorrect ou déjà utilisé.',
    );
  }
  await db.transaction(async (tx) => {
    await markSessionVerified(tx, actor.sessionId);
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, {
      action: 'auth.mfa.verified',
      recordType: 'user',
      recordId: actor.id,
      reason: reason('/api/auth/mfa/verify'),
      details: { how },
    });
  });
}
