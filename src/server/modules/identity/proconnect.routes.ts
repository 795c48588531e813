import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { IdentityContext } from './identity-context.ts';
import { findUserByEmail } from './identity.queries.ts';
import { users } from './identity.tables.ts';
import { createProConnect, ProConnectError, type ProConnect } from './proconnect/proconnect-client.ts';
import { cookieSettings, createSession, setSessionCookie } from './sessions.ts';

const FLOW_COOKIE = 'psq_oidc';
const FLOW_SECONDS = 600;

/**
 * Sign-in through ProConnect (the State's OpenID Connect provider), when configured. The flow's
 * state, nonce and PKCE verifier travel in a sealed, short-lived cookie; the account is the one
 * whose e-mail ProConnect reports as verified. The second factor is still asked by PSQ.
 */
export async function proconnectRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const settings = ctx.config.proconnect;
  if (!settings) return;
  const { config, database } = ctx;
  const issuerHost = new URL(settings.issuer).hostname;
  let client: Promise<ProConnect> | undefined;
  // Discovered on first use, and again after a failure: ProConnect being down at start-up must not stop PSQ.
  const proconnect = () => {
    client ??= createProConnect({
      ...settings,
      redirectUri: `${config.publicUrl}/api/auth/proconnect/callback`,
      allowInsecureHttp: ['127.0.0.1', 'localhost', '[::1]'].includes(issuerHost),
    }).catch((error) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  const fail = (code: string) => `/connexion?erreur=${encodeURIComponent(code)}`;

  app.get(
    '/api/auth/proconnect/start',
    {
      config: { access: 'public' },
      schema: { tags: ['Identité'], summary: 'Se connecter avec ProConnect (redirection)' },
    },
    async (request, reply) => {
      try {
        const login = await (await proconnect()).startLogin();
        const sealed = ctx.secretBox.seal(
          JSON.stringify({ state: login.state, nonce: login.nonce, codeVerifier: login.codeVerifier, at: Date.now() }),
        );
        reply.setCookie(FLOW_COOKIE, sealed, {
          path: '/api/auth/proconnect',
          httpOnly: true,
          secure: cookieSettings(config).secure,
          sameSite: 'lax',
          maxAge: FLOW_SECONDS,
        });
        return reply.redirect(login.url, 302);
      } catch (error) {
        request.log.warn(
          { code: error instanceof ProConnectError ? error.code : 'unknown' },
          'proconnect start failed',
        );
        return reply.redirect(fail('proconnect-indisponible'), 302);
      }
    },
  );

  app.get(
    '/api/auth/proconnect/callback',
    { config: { access: 'public' }, schema: { tags: ['Identité'], summary: 'Retour de ProConnect (redirection)' } },
    async (request, reply) => {
      const sealed = request.cookies[FLOW_COOKIE];
      reply.clearCookie(FLOW_COOKIE, { path: '/api/auth/proconnect' });
      let expected: { state: string; nonce: string; codeVerifier: string; at: number };
      try {
        expected = JSON.parse(ctx.secretBox.open(sealed ?? ''));
        if (Date.now() - expected.at > FLOW_SECONDS * 1000) throw new Error('expired');
      } catch {
        return reply.redirect(fail('proconnect-session'), 302);
      }
      try {
        const identity = await (await proconnect()).finishLogin(new URL(request.url, config.publicUrl), expected);
        const user = await findUserByEmail(database.db, identity.email);
        if (!user || user.status !== 'active') {
          await recordAudit(
            database.db,
            { type: 'anonymous', id: null },
            {
              action: 'auth.sign-in.failed',
              recordType: 'user',
              recordId: user?.id,
              reason: 'GET /api/auth/proconnect/callback',
              details: { method: 'proconnect', email: identity.email },
            },
          );
          return reply.redirect(fail(user ? 'compte-suspendu' : 'compte-inconnu'), 302);
        }
        const session = await database.db.transaction(async (tx) => {
          const created = await createSession(tx, config, {
            userId: user.id,
            mfaVerified: false,
            method: 'proconnect',
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
          await recordAudit(
            tx,
            { type: 'user', id: user.id, email: user.email, sessionId: created.id, assignments: [] },
            {
              action: 'auth.sign-in.succeeded',
              recordType: 'user',
              recordId: user.id,
              reason: 'GET /api/auth/proconnect/callback',
              details: { method: 'proconnect', ip: request.ip },
            },
          );
          return created;
        });
        setSessionCookie(reply, config, session.token);
        return reply.redirect(user.totpEnabledAt ? '/connexion/verification' : '/connexion/activation-mfa', 302);
      } catch (error) {
        const code = error instanceof ProConnectError ? error.code : 'unknown';
        request.log.warn({ code }, 'proconnect callback failed');
        return reply.redirect(fail(`proconnect-${code}`), 302);
      }
    },
  );
}
