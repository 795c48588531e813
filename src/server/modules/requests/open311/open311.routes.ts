import type { FastifyInstance } from 'fastify';
import { open311Contracts as c } from '../../../../shared/requests/open311.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  discovery,
  OPEN311_PREFIX,
  publicRequest,
  publicRequests,
  service,
  services,
  submission,
  submittingClient,
  tokenRequest,
} from './open311-answers.ts';
import { parseForm, sendOpen311, sendOpen311Error, sendOpen311NotFound } from './open311-format.ts';

const FORM = 'application/x-www-form-urlencoded';

/**
 * Open311 GeoReport v2: discovery, services (our categories), service definitions, requests
 * (public listing without personal data, submission by client applications with an api_key),
 * tokens. JSON or XML by extension; every error in the specification's format.
 */
export async function open311Routes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  const windowMinutes = ctx.settings.windowMinutes;
  const perClient = ctx.settings.open311PerClient;

  // The routes, with their form parser and the specification's errors, in a scope of their own.
  await app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, parseForm(String(body))),
    );
    scope.setErrorHandler(sendOpen311Error);

    serve(scope, c.discovery, {
      handle: async ({ params, reply }) => sendOpen311(reply, params.format, discovery(ctx.publicUrl)),
    });

    serve(scope, c.services, {
      handle: async ({ params, reply }) => sendOpen311(reply, params.format, services()),
    });

    serve(scope, c.service, {
      handle: async ({ params, reply }) => sendOpen311(reply, params.format, service(params.code)),
    });

    serve(scope, c.requests, {
      handle: async ({ params, query, reply }) => {
        const body = await publicRequests(ctx, query);
        return sendOpen311(reply.header('cache-control', 'public, max-age=60'), params.format, body);
      },
    });

    serve(scope, c.request, {
      handle: async ({ params, reply }) => sendOpen311(reply, params.format, await publicRequest(ctx, params.id)),
    });

    serve(scope, c.token, {
      handle: async ({ params, reply }) => sendOpen311(reply, params.format, await tokenRequest(db, params.token)),
    });

    // The application is known from the form's api_key, and counted, before the rest of the form is validated.
    serve(scope, c.submit, {
      load: async ({ request }) => ({
        record: await submittingClient(db, request.headers['content-type'], request.body),
      }),
      rateLimit: {
        name: 'open311',
        per: 'record',
        key: (client) => client.id,
        who: 'application cliente',
        limit: perClient,
        windowSeconds: windowMinutes * 60,
        message: `Trop de demandes pour cette application : au plus ${perClient} toutes les ${windowMinutes} minutes.`,
      },
      handle: async ({ actor, record, params, body, reply }) => {
        const answer = await submission(ctx, actor, record, body);
        return sendOpen311(reply.header('cache-control', 'no-store'), params.format, answer, 201);
      },
    });
  });

  // Any other address under the prefix: 404 in the specification's format.
  await app.register(async (scope) => scope.setNotFoundHandler(sendOpen311NotFound), { prefix: OPEN311_PREFIX });
}
