import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { AppError, BadRequestError, ConflictError, NotFoundError, UnavailableError } from '../../platform/errors.ts';
import { enqueueMail } from '../../platform/mail/mail-job.ts';
import { invitationMail } from '../../platform/mail/templates.ts';
import type {
  InvitationInfo,
  RoleAssignmentCreate,
  User,
  UserInvite,
  UserUpdate,
} from '../../../shared/identity/identity.schemas.ts';
import { checkPasswordPolicy, hashPassword } from './crypto/passwords.ts';
import { createToken, hashToken } from './crypto/tokens.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserById, toUser } from './identity.queries.ts';
import { invitations, roleAssignments, users } from './identity.tables.ts';
import { revokeUserSessions } from './sessions.ts';

const INVITATION_DAYS = 7;

class GoneError extends AppError {
  constructor(detail: string) {
    super(410, 'lien-expire', 'Lien expiré', detail);
  }
}

/** Writes an invitation and queues its e-mail in the caller's transaction (outbox). */
async function sendInvitation(
  ctx: IdentityContext,
  tx: Executor,
  actor: Actor,
  user: { id: string; email: string; displayName: string },
) {
  if (!ctx.jobs) throw new UnavailableError("L'envoi d'e-mails n'est pas disponible sur ce serveur.");
  const token = createToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  // A new link replaces the previous ones.
  await tx
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.userId, user.id), isNull(invitations.usedAt)));
  await tx.insert(invitations).values({
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt,
    createdBy: actor.type === 'user' ? actor.id : null,
  });
  const invitedBy = actor.type === 'user' ? actor.email : 'un administrateur';
  await enqueueMail(
    ctx.jobs,
    tx,
    invitationMail({
      to: user.email,
      displayName: user.displayName,
      link: `${ctx.config.publicUrl}/invitation/${token}`,
      invitedBy,
      expiresAt,
    }),
  );
  return token;
}

export async function inviteUser(
  ctx: IdentityContext,
  executor: Executor,
  actor: Actor,
  input: UserInvite,
): Promise<{ user: User; token: string }> {
  const email = input.email.trim().toLowerCase();
  if (input.roles.some((role) => role.role === 'partner') && !input.organisationId) {
    throw new BadRequestError(
      'Un partenaire appartient à une organisation : choisissez-la (ou créez-la) avant de l’inviter.',
    );
  }
  try {
    return await withTransaction(executor, async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email,
          displayName: input.displayName.trim(),
          organisationId: input.organisationId ?? null,
          status: 'invited',
        })
        .returning();
      await tx
        .insert(roleAssignments)
        .values(input.roles.map((role) => ({ userId: row.id, ...role })))
        .onConflictDoNothing();
      const token = await sendInvitation(ctx, tx, actor, row);
      await recordAudit(tx, actor, {
        action: 'user.invited',
        recordType: 'user',
        recordId: row.id,
        reason: 'POST /api/users',
        details: { roles: input.roles },
      });
      return { user: await toUser(tx, row), token };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('Un utilisateur avec cette adresse électronique existe déjà.');
    throw error;
  }
}

export async function resendInvitation(
  ctx: IdentityContext,
  executor: Executor,
  actor: Actor,
  userId: string,
): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError();
    if (user.status !== 'invited')
      throw new ConflictError("Ce compte est déjà activé : il n'y a pas d'invitation à renvoyer.");
    await sendInvitation(ctx, tx, actor, user);
    await recordAudit(tx, actor, {
      action: 'user.invitation.resent',
      recordType: 'user',
      recordId: userId,
      reason: 'POST /api/users/:id/invitation',
    });
  });
}

export async function updateUser(executor: Executor, actor: Actor, userId: string, input: UserUpdate): Promise<User> {
  return withTransaction(executor, async (tx) => {
    const current = await findUserById(tx, userId);
    if (!current) throw new NotFoundError();
    if (input.status && current.status === 'invited') throw new ConflictError("Ce compte n'est pas encore activé.");
    if (input.status === 'suspended' && actor.type === 'user' && actor.id === userId)
      throw new ConflictError('Vous ne pouvez pas suspendre votre propre compte.');
    const [row] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.organisationId !== undefined ? { organisationId: input.organisationId } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId))
      .returning();
    // A suspended account's sessions end now, not at their time-out.
    if (input.status === 'suspended') await revokeUserSessions(tx, userId);
    await recordAudit(tx, actor, {
      action:
        input.status === 'suspended' ? 'user.suspended' : input.status === 'active' ? 'user.enabled' : 'user.updated',
      recordType: 'user',
      recordId: userId,
      reason: 'PATCH /api/users/:id',
      details: input,
    });
    return toUser(tx, row);
  });
}

export async function addRole(
  executor: Executor,
  actor: Actor,
  userId: string,
  input: RoleAssignmentCreate,
): Promise<User> {
  return withTransaction(executor, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError();
    await tx
      .insert(roleAssignments)
      .values({ userId, ...input })
      .onConflictDoNothing();
    await recordAudit(tx, actor, {
      action: 'user.role.added',
      recordType: 'user',
      recordId: userId,
      reason: 'POST /api/users/:id/roles',
      details: input,
    });
    return toUser(tx, user);
  });
}

export async function removeRole(
  executor: Executor,
  actor: Actor,
  userId: string,
  assignmentId: string,
): Promise<User> {
  return withTransaction(executor, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError();
    const remaining = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId));
    if (remaining.length <= 1 && remaining.some((row) => row.id === assignmentId)) {
      throw new ConflictError('Un utilisateur garde au moins un rôle : suspendez son compte plutôt.');
    }
    const removed = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
      .returning();
    if (!removed[0]) throw new NotFoundError("Ce rôle n'existe pas.");
    await recordAudit(tx, actor, {
      action: 'user.role.removed',
      recordType: 'user',
      recordId: userId,
      reason: 'DELETE /api/users/:id/roles/:assignmentId',
      details: { role: removed[0].role, scopeType: removed[0].scopeType, scopeId: removed[0].scopeId },
    });
    return toUser(tx, user);
  });
}

async function liveInvitation(db: Executor, token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) throw new NotFoundError("Ce lien d'invitation n'existe pas.");
  if (row.usedAt) throw new GoneError("Ce lien d'invitation a déjà été utilisé ou remplacé par un plus récent.");
  if (row.expiresAt.getTime() <= Date.now())
    throw new GoneError("Ce lien d'invitation a expiré : demandez-en un nouveau à votre administrateur.");
  return row;
}

export async function describeInvitation(db: Executor, token: string): Promise<InvitationInfo> {
  const invitation = await liveInvitation(db, token);
  const user = await findUserById(db, invitation.userId);
  if (!user) throw new NotFoundError("Ce lien d'invitation n'existe pas.");
  return { email: user.email, displayName: user.displayName };
}

/**
 * The invitee chooses a password; the link works once. MFA enrolment follows at first sign-in.
 * Run by an anonymous visitor (the link is the credential): its audit event names no actor.
 */
export async function acceptInvitation(executor: Executor, token: string, password: string): Promise<void> {
  const invitation = await liveInvitation(executor, token);
  const user = await findUserById(executor, invitation.userId);
  if (!user) throw new NotFoundError("Ce lien d'invitation n'existe pas.");
  const policy = checkPasswordPolicy(password, { email: user.email, displayName: user.displayName });
  if (!policy.ok) throw new BadRequestError(policy.message);
  const passwordHash = await hashPassword(password);
  await withTransaction(executor, async (tx) => {
    // Claimed atomically: two tabs submitting the same link cannot both succeed.
    const claimed = await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.usedAt), gt(invitations.expiresAt, new Date())))
      .returning({ id: invitations.id });
    if (!claimed[0]) throw new GoneError("Ce lien d'invitation a déjà été utilisé.");
    await tx.update(users).set({ passwordHash, status: 'active', updatedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(
      tx,
      { type: 'anonymous', id: null },
      {
        action: 'user.invitation.accepted',
        recordType: 'user',
        recordId: user.id,
        reason: 'POST /api/auth/invitations/:token/accept',
      },
    );
  });
}
