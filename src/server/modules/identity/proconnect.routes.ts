import type { FastifyInstance } from 'fastify';
import { proconnectContracts as c } from '../../../shared/identity/auth.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import type { IdentityContext } from './identity-context.ts';
import { createProConnectSignIn, FLOW_COOKIE, FLOW_PATH, FLOW_SECONDS } from './proconnect/proconnect-sign-in.ts';
import { cookieSettings, setSessionCookie } from './sessions.ts';

/** Sign-in through ProConnect: both routes exist only when it is configured. */
export async function proconnectRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const proconnect = createProConnectSignIn(ctx);
  if (!proconnect) return;
  const { config } = ctx;

  serve(app, c.start, {
    handle: async ({ request, reply }) => {
      const { location, flow } = await proconnect.start(request.log);
      if (flow)
        reply.setCookie(FLOW_COOKIE, flow, {
          path: FLOW_PATH,
          httpOnly: true,
          secure: cookieSettings(config).secure,
          sameSite: 'lax',
          maxAge: FLOW_SECONDS,
        });
      return reply.redirect(location, 302);
    },
  });

  serve(app, c.callback, {
    handle: async ({ request, reply }) => {
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
      const { location, sessionToken } = await proconnect.finish(ctx.database.db, {
        callbackUrl: new URL(request.url, config.publicUrl),
        flow: request.cookies[FLOW_COOKIE],
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        log: request.log,
      });
      if (sessionToken) setSessionCookie(reply, config, sessionToken);
      return reply.redirect(location, 302);
    },
  });
}
