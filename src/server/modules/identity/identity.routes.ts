import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authContracts as c } from '../../../shared/identity/auth.contracts.ts';
import type { Authentication } from '../../platform/access/access.ts';
import { UnauthorizedError } from '../../platform/errors.ts';
import { serve } from '../../platform/http/serve.ts';
import { shownDemoAccounts } from './demo-accounts.ts';
import type { IdentityContext } from './identity-context.ts';
import { describeMe } from './me.ts';
import { confirmEnrolment, startEnrolment, verifySecondFactor } from './mfa.ts';
import { clearSessionCookie, cookieSettings, setSessionCookie, signOut, signOutOthers } from './sessions.ts';
import { signIn } from './sign-in.ts';
import { SIGN_IN_PER_IP } from './throttle.ts';
import { acceptInvitation, describeInvitation } from './users.service.ts';

const DEVICE_COOKIE = 'psq_device';

/** The caller's session, which every non-public route has (the access layer refused the others). */
function sessionOf(request: FastifyRequest): Authentication {
  if (!request.authentication) throw new UnauthorizedError('Vous devez vous connecter.');
  return request.authentication;
}

/** Sign-in (password, then the second factor), the session, invitations and the sign-in page's lists. */
export async function identityRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const { config } = ctx;
  const db = ctx.database.db;

  // Failures count, per source address (the declared limit) and per account or device (the module's).
  serve(app, c.signIn, {
    rateLimit: SIGN_IN_PER_IP,
    handle: async ({ body, request, reply, throttle }) => {
      const result = await signIn(ctx, db, {
        email: body.email,
        password: body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        device: request.cookies[DEVICE_COOKIE],
        throttle,
      });
      setSessionCookie(reply, config, result.token);
      reply.setCookie(DEVICE_COOKIE, result.device, {
        path: '/',
        httpOnly: true,
        secure: cookieSettings(config).secure,
        sameSite: 'lax',
        maxAge: 180 * 86_400,
      });
      return describeMe(ctx, db, result.userId, result);
    },
  });

  serve(app, c.me, {
    handle: async ({ actor, request }) => describeMe(ctx, db, actor.id, sessionOf(request)),
  });

  serve(app, c.enrolMfa, {
    handle: async ({ actor, request }) => startEnrolment(ctx, db, actor, sessionOf(request)),
  });

  serve(app, c.confirmMfa, {
    handle: async ({ actor, body }) => ({ recoveryCodes: await confirmEnrolment(ctx, db, actor, body.code) }),
  });

  serve(app, c.verifyMfa, {
    handle: async ({ actor, body, request }) => {
      await verifySecondFactor(ctx, db, actor, body);
      return describeMe(ctx, db, actor.id, { mfaVerified: true, csrfToken: sessionOf(request).csrfToken });
    },
  });

  serve(app, c.signOut, {
    handle: async ({ actor, reply }) => {
      await signOut(db, actor);
      clearSessionCookie(reply, config);
      return null;
    },
  });

  serve(app, c.signOutOthers, {
    handle: async ({ actor }) => {
      await signOutOthers(db, actor);
      return null;
    },
  });

  serve(app, c.invitation, {
    handle: async ({ params }) => describeInvitation(db, params.token),
  });

  serve(app, c.acceptInvitation, {
    handle: async ({ params, body }) => {
      await acceptInvitation(db, params.token, body.password);
      return null;
    },
  });

  serve(app, c.demoAccounts, {
    handle: async () => ({ items: await shownDemoAccounts(db, config.production) }),
  });

  serve(app, c.providers, {
    handle: async () => ({ proconnect: config.proconnect !== undefined }),
  });
}
