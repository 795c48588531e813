import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/identity/identity.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { UnauthorizedError } from '../../platform/errors.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserById, toUser } from './identity.queries.ts';
import { listDemoAccounts } from './demo-accounts.ts';
import { confirmEnrolment, startEnrolment, verifySecondFactor } from './mfa.ts';
import {
  cookieSettings,
  clearSessionCookie,
  revokeOtherSessions,
  revokeSession,
  setSessionCookie,
} from './sessions.ts';
import { signIn } from './sign-in.ts';
import { acceptInvitation, describeInvitation } from './users.service.ts';

const tags = ['Identité'];
const DEVICE_COOKIE = 'psq_device';

function current(request: FastifyRequest): UserActor {
  if (request.actor.type !== 'user') throw new UnauthorizedError('Vous devez vous connecter.');
  return request.actor;
}

/** What the web app learns about its session: never the raw user row. */
async function describeMe(
  ctx: IdentityContext,
  userId: string,
  session: { mfaVerified: boolean; csrfToken: string },
): Promise<s.Me> {
  const row = await findUserById(ctx.database.db, userId);
  if (!row) throw new UnauthorizedError();
  return {
    user: await toUser(ctx.database.db, row),
    mfa: session.mfaVerified ? 'done' : row.totpEnabledAt ? 'required' : 'enrol',
    csrfToken: session.csrfToken,
    demo: row.demo && !ctx.config.production,
  };
}

export async function identityRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, database } = ctx;
  const pending = { access: 'mfa-pending' as const };

  r.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Connexion par adresse et mot de passe',
        body: s.SignIn,
        response: { 200: s.Me, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const result = await signIn(ctx, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        device: request.cookies[DEVICE_COOKIE],
      });
      setSessionCookie(reply, config, result.token);
      reply.setCookie(DEVICE_COOKIE, result.device, {
        path: '/',
        httpOnly: true,
        secure: cookieSettings(config).secure,
        sameSite: 'lax',
        maxAge: 180 * 86_400,
      });
      const [session] = await database.query<{ csrf_token: string; mfa_verified: boolean }>(
        'select csrf_token, mfa_verified from sessions where id = $1',
        [result.sessionId],
      );
      return describeMe(ctx, result.userId, { mfaVerified: session.mfa_verified, csrfToken: session.csrf_token });
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: pending,
      schema: {
        tags,
        summary: 'Utilisateur connecté et état de la session',
        response: { 200: s.Me, ...ProblemResponses },
      },
    },
    async (request) => describeMe(ctx, current(request).id, request.authentication!),
  );

  r.post(
    '/api/auth/mfa/enrol',
    {
      config: pending,
      schema: { tags, summary: 'Commencer l’activation TOTP', response: { 200: s.MfaEnrolment, ...ProblemResponses } },
    },
    async (request) => startEnrolment(ctx, current(request), request.authentication!.mfaVerified),
  );

  r.post(
    '/api/auth/mfa/enrol/confirm',
    {
      config: pending,
      schema: {
        tags,
        summary: 'Confirmer l’activation TOTP',
        body: s.MfaConfirm,
        response: { 200: s.RecoveryCodes, ...ProblemResponses },
      },
    },
    async (request) => ({ recoveryCodes: await confirmEnrolment(ctx, current(request), request.body.code) }),
  );

  r.post(
    '/api/auth/mfa/verify',
    {
      config: pending,
      schema: {
        tags,
        summary: 'Deuxième étape de connexion (TOTP ou code de secours)',
        body: s.MfaVerify,
        response: { 200: s.Me, ...ProblemResponses },
      },
    },
    async (request) => {
      const actor = current(request);
      await verifySecondFactor(ctx, actor, request.body);
      return describeMe(ctx, actor.id, { mfaVerified: true, csrfToken: request.authentication!.csrfToken });
    },
  );

  r.post(
    '/api/auth/sign-out',
    { config: pending, schema: { tags, summary: 'Déconnexion', response: { 204: Type.Null(), ...ProblemResponses } } },
    async (request, reply) => {
      const actor = current(request);
      await revokeSession(database.db, actor.sessionId);
      await recordAudit(database.db, actor, {
        action: 'auth.signed-out',
        recordType: 'user',
        recordId: actor.id,
        reason: 'POST /api/auth/sign-out',
      });
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/sign-out-others',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Déconnecter mes autres sessions', response: { 204: Type.Null(), ...ProblemResponses } },
    },
    async (request, reply) => {
      const actor = current(request);
      const count = await revokeOtherSessions(database.db, actor.id, actor.sessionId);
      await recordAudit(database.db, actor, {
        action: 'auth.signed-out-others',
        recordType: 'user',
        recordId: actor.id,
        reason: 'POST /api/auth/sign-out-others',
        details: { sessions: count },
      });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Invitation (lien à usage unique)',
        params: s.TokenParams,
        response: { 200: s.InvitationInfo, ...ProblemResponses, 410: Type.Ref('Problem') },
      },
    },
    async (request) => describeInvitation(ctx, request.params.token),
  );

  r.post(
    '/api/auth/invitations/:token/accept',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Accepter une invitation et choisir son mot de passe',
        params: s.TokenParams,
        body: s.InvitationAccept,
        response: { 204: Type.Null(), ...ProblemResponses, 410: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      await acceptInvitation(ctx, request.params.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/demo-accounts',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Comptes de démonstration (mode démo seulement)', response: { 200: s.DemoAccountList } },
    },
    async () => {
      if (config.production) return { items: [] };
      const [row] = await database.query<{ n: number }>('select count(*)::int as n from users where demo');
      return { items: row.n > 0 ? listDemoAccounts() : [] };
    },
  );

  r.get(
    '/api/auth/providers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Fournisseurs d’identité disponibles',
        response: { 200: Type.Object({ proconnect: Type.Boolean() }) },
      },
    },
    async () => ({ proconnect: config.proconnect !== undefined }),
  );
}
