import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import type { IdentityContext } from '../identity-context.ts';
import { findUserByEmail } from '../identity.queries.ts';
import { users } from '../identity.tables.ts';
import { createSession } from '../sessions.ts';
import { createProConnect, ProConnectError, type ProConnect } from './proconnect-client.ts';

/** The flow's state, nonce and PKCE verifier travel in this sealed, short-lived cookie. */
export const FLOW_COOKIE = 'psq_oidc';
export const FLOW_PATH = '/api/auth/proconnect';
export const FLOW_SECONDS = 600;
const REASON = 'GET /api/auth/proconnect/callback';

const fail = (code: string) => `/connexion?erreur=${encodeURIComponent(code)}`;

export interface ProConnectSignIn {
  /** Where to send the browser, and the sealed flow for the cookie (none when ProConnect is down). */
  start(log: FastifyBaseLogger): Promise<{ location: string; flow?: string }>;
  /** Where to send the browser back, with the new session's token when an account was signed in. */
  finish(
    executor: Executor,
    input: { callbackUrl: URL; flow: string | undefined; ip: string; userAgent?: string; log: FastifyBaseLogger },
  ): Promise<{ location: string; sessionToken?: string }>;
}

/**
 * Sign-in through ProConnect (the State's OpenID Connect provider), when configured; undefined
 * otherwise. The account is the one whose e-mail ProConnect reports as verified; the second factor
 * is still asked by PSQ.
 */
export function createProConnectSignIn(ctx: IdentityContext): ProConnectSignIn | undefined {
  const settings = ctx.config.proconnect;
  if (!settings) return undefined;
  const { config } = ctx;
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

  return {
    async start(log) {
      try {
        const login = await (await proconnect()).startLogin();
        const flow = ctx.secretBox.seal(
          JSON.stringify({ state: login.state, nonce: login.nonce, codeVerifier: login.codeVerifier, at: Date.now() }),
        );
        return { location: login.url, flow };
      } catch (error) {
        log.warn({ code: error instanceof ProConnectError ? error.code : 'unknown' }, 'proconnect start failed');
        return { location: fail('proconnect-indisponible') };
      }
    },

    async finish(executor, input) {
      let expected: { state: string; nonce: string; codeVerifier: string; at: number };
      try {
        expected = JSON.parse(ctx.secretBox.open(input.flow ?? ''));
        if (Date.now() - expected.at > FLOW_SECONDS * 1000) throw new Error('expired');
      } catch {
        return { location: fail('proconnect-session') };
      }
      try {
        const identity = await (await proconnect()).finishLogin(input.callbackUrl, expected);
        const outcome = await openProConnectSession(ctx, executor, { email: identity.email, ...input });
        if ('refused' in outcome) return { location: fail(outcome.refused) };
        return {
          location: outcome.totpEnabled ? '/connexion/verification' : '/connexion/activation-mfa',
          sessionToken: outcome.token,
        };
      } catch (error) {
        const code = error instanceof ProConnectError ? error.code : 'unknown';
        input.log.warn({ code }, 'proconnect callback failed');
        return { location: fail(`proconnect-${code}`) };
      }
    },
  };
}

/**
 * The account ProConnect vouched for: a session (second factor still to pass), or a refusal when
 * the e-mail is unknown or the account not active. Audited either way, by an anonymous visitor.
 */
export async function openProConnectSession(
  ctx: IdentityContext,
  executor: Executor,
  input: { email: string; ip: string; userAgent?: string },
): Promise<{ refused: 'compte-inconnu' | 'compte-suspendu' } | { token: string; totpEnabled: boolean }> {
  return withTransaction(executor, async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user || user.status !== 'active') {
      await recordAudit(
        tx,
        { type: 'anonymous', id: null },
        {
          action: 'auth.sign-in.failed',
          recordType: 'user',
          recordId: user?.id,
          reason: REASON,
          details: { method: 'proconnect', email: input.email },
        },
      );
      return { refused: user ? 'compte-suspendu' : 'compte-inconnu' } as const;
    }
    const session = await createSession(tx, ctx.config, {
      userId: user.id,
      mfaVerified: false,
      method: 'proconnect',
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    const actor: Actor = { type: 'user', id: user.id, email: user.email, sessionId: session.id, assignments: [] };
    await recordAudit(tx, actor, {
      action: 'auth.sign-in.succeeded',
      recordType: 'user',
      recordId: user.id,
      reason: REASON,
      details: { method: 'proconnect', ip: input.ip },
    });
    return { token: session.token, totpEnabled: user.totpEnabledAt !== null };
  });
}
