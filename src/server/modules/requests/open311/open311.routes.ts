import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as s from '../../../../shared/requests/open311.schemas.ts';
import {
  AppError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
} from '../../../platform/errors.ts';
import type { RequestsContext } from '../requests-context.ts';
import { effectiveTargets } from '../targets/request-targets.ts';
import { hitThrottle } from '../../../platform/throttle/throttle.ts';
import { findOpen311Client } from './open311-clients.ts';
import { formatOfUrl, parseIsoWithZone, sendOpen311 } from './open311-format.ts';
import {
  DEFAULT_WINDOW_DAYS,
  listPublicRequests,
  MAX_REQUESTS,
  referenceOfToken,
  type PublicRequestFilter,
} from './open311-requests.ts';
import { isServiceCode, listServices, serviceDefinition } from './open311-services.ts';
import { submitOpen311Request } from './open311-submit.ts';

const tags = ['Open311 GeoReport v2'];
const PREFIX = '/open311/v2';
const FORM = 'application/x-www-form-urlencoded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare module 'fastify' {
  interface FastifyRequest {
    open311Client?: { id: string; name: string };
  }
}

/** A form body as an object; a field sent twice becomes a list, which validation refuses. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [...[seen].flat(), value];
  }
  return out;
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}
function describe(part: string, issue: ValidationIssue): string {
  const name =
    issue.instancePath?.slice(1) || String(issue.params?.missingProperty ?? issue.params?.additionalProperty ?? part);
  if (issue.keyword === 'required') return `Paramètre obligatoire manquant : ${name}.`;
  if (issue.keyword === 'additionalProperties') return `Paramètre inconnu : ${name}.`;
  if (name === 'format') return 'Format inconnu : utilisez .json ou .xml.';
  if (issue.keyword === 'pattern') return `${name} doit être du texte simple, sans balise HTML.`;
  return `Paramètre invalide : ${name}.`;
}

/**
 * Open311 GeoReport v2: discovery, services (our categories), service definitions, requests
 * (public listing without personal data, submission by client applications with an api_key),
 * tokens. JSON or XML by extension; every error in the specification's format.
 */
export async function open311Routes(app: FastifyInstance, ctx: RequestsContext) {
  await app.register(
    async (scope) => {
      const r = scope.withTypeProvider<TypeBoxTypeProvider>();
      const db = ctx.database.db;
      const clientRule = {
        limit: ctx.settings.open311PerClient,
        windowSeconds: ctx.settings.windowMinutes * 60,
        message: `Trop de demandes pour cette application : au plus ${ctx.settings.open311PerClient} toutes les ${ctx.settings.windowMinutes} minutes.`,
      };

      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
        done(null, parseForm(String(body))),
      );

      scope.setErrorHandler(
        (
          error: (FastifyError & { validation?: ValidationIssue[]; validationContext?: string }) | AppError,
          request,
          reply,
        ) => {
          let status = 500;
          let description = 'Erreur interne : réessayez plus tard.';
          if (error instanceof AppError) {
            status = error.status;
            description = error.detail;
            if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
          } else if ('validation' in error && error.validation) {
            status = 400;
            description = describe(error.validationContext ?? 'body', error.validation[0] ?? {});
          } else if ('statusCode' in error && (error.statusCode ?? 500) < 500) {
            status = error.statusCode === 413 ? 413 : 400;
            description =
              status === 413
                ? 'Corps de requête trop volumineux.'
                : 'Requête invalide : envoyez un formulaire application/x-www-form-urlencoded valide.';
          } else request.log.error({ err: error }, 'open311 error');
          return sendOpen311(
            reply,
            formatOfUrl(request.url),
            { root: 'errors', item: 'error', value: [{ code: status, description }] },
            status,
          );
        },
      );
      scope.setNotFoundHandler((request, reply) =>
        sendOpen311(
          reply,
          formatOfUrl(request.url),
          {
            root: 'errors',
            item: 'error',
            value: [{ code: 404, description: `Aucune ressource Open311 à l'adresse ${request.url.split('?')[0]}.` }],
          },
          404,
        ),
      );

      r.get(
        '/discovery.:format',
        {
          config: { access: 'public' },
          schema: { tags, summary: 'Découverte du service (Open311)', params: s.Open311FormatParams },
        },
        async (request, reply) => {
          const url = `${ctx.publicUrl}${PREFIX}/`;
          return sendOpen311(reply, request.params.format, {
            root: 'discovery',
            value: {
              changeset: '2026-11-26T00:00:00+01:00',
              contact: `Plateforme PSQ — ${ctx.publicUrl}`,
              key_service: `Clés d’API délivrées par les administrateurs de la plateforme (${ctx.publicUrl}/admin/open311).`,
              endpoints: [
                {
                  specification: 'http://wiki.open311.org/GeoReport_v2',
                  url,
                  changeset: '2026-11-26T00:00:00+01:00',
                  type: 'production',
                  formats: ['text/xml', 'application/json'],
                },
              ],
            },
          });
        },
      );

      r.get(
        '/services.:format',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Catégories de demandes (services Open311)',
            params: s.Open311FormatParams,
            querystring: s.Open311JurisdictionQuery,
          },
        },
        async (request, reply) =>
          sendOpen311(reply, request.params.format, { root: 'services', item: 'service', value: listServices() }),
      );

      r.get(
        '/services/:code.:format',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Attributs d’une catégorie (définition de service)',
            params: s.Open311ServiceParams,
            querystring: s.Open311JurisdictionQuery,
          },
        },
        async (request, reply) => {
          if (!isServiceCode(request.params.code))
            throw new NotFoundError(`service_code inconnu : ${request.params.code}.`);
          return sendOpen311(reply, request.params.format, {
            root: 'service_definition',
            value: serviceDefinition(request.params.code),
          });
        },
      );

      r.get(
        '/requests.:format',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Demandes publiques (sans données personnelles, lieu arrondi à ~100 m)',
            params: s.Open311FormatParams,
            querystring: s.Open311RequestsQuery,
          },
        },
        async (request, reply) => {
          reply.header('cache-control', 'public, max-age=60');
          return sendOpen311(reply, request.params.format, {
            root: 'service_requests',
            item: 'request',
            value: await listPublicRequests(db, parseFilter(request.query), await effectiveTargets(ctx)),
          });
        },
      );

      r.get(
        '/requests/:id.:format',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Une demande publique',
            params: s.Open311RequestParams,
            querystring: s.Open311JurisdictionQuery,
          },
        },
        async (request, reply) => {
          const found = await listPublicRequests(db, { references: [request.params.id] }, await effectiveTargets(ctx));
          if (!found.length) throw new NotFoundError(`Demande inconnue : ${request.params.id}.`);
          return sendOpen311(reply, request.params.format, { root: 'service_requests', item: 'request', value: found });
        },
      );

      r.get(
        '/tokens/:token.:format',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Référence de la demande d’un jeton',
            params: s.Open311TokenParams,
            querystring: s.Open311JurisdictionQuery,
          },
        },
        async (request, reply) => {
          const reference = UUID.test(request.params.token)
            ? await referenceOfToken(db, request.params.token)
            : undefined;
          if (!reference) throw new NotFoundError(`Jeton inconnu : ${request.params.token}.`);
          return sendOpen311(reply, request.params.format, {
            root: 'service_requests',
            item: 'request',
            value: [{ service_request_id: reference, token: request.params.token }],
          });
        },
      );

      r.post(
        '/requests.:format',
        {
          config: { access: 'public' },
          // Authenticate the application by its key, then count its submission, before validating the rest.
          preValidation: async (request: FastifyRequest) => {
            if (!String(request.headers['content-type'] ?? '').startsWith(FORM))
              throw new BadRequestError(`Envoyez le formulaire en ${FORM}.`);
            const key = (request.body as Record<string, unknown> | undefined)?.api_key;
            if (key === undefined || key === '') throw new BadRequestError('Paramètre obligatoire manquant : api_key.');
            const client = typeof key === 'string' ? await findOpen311Client(db, key) : undefined;
            if (!client) throw new ForbiddenError('api_key invalide ou révoquée.');
            await hitThrottle(db, `open311:${client.id}`, clientRule);
            request.open311Client = client;
          },
          schema: {
            tags,
            summary: 'Déposer une demande (application cliente, api_key)',
            params: s.Open311FormatParams,
            body: s.Open311RequestCreate,
            consumes: [FORM],
          },
        },
        async (request, reply) => {
          // The request's id is the Open311 token (GET tokens/{token}).
          const { id: token, receipt } = await submitOpen311Request(
            ctx,
            request.actor,
            request.open311Client!,
            request.body,
          );
          const notice =
            receipt.routing === 'sector'
              ? `Demande transmise au secteur ${receipt.sector?.name}. En cas d’urgence, composez le 17 ou le 112.`
              : 'Demande transmise aux services de police du département. En cas d’urgence, composez le 17 ou le 112.';
          reply.header('cache-control', 'no-store');
          return sendOpen311(
            reply,
            request.params.format,
            {
              root: 'service_requests',
              item: 'request',
              value: [{ service_request_id: receipt.reference, token, service_notice: notice, account_id: null }],
            },
            201,
          );
        },
      );
    },
    { prefix: PREFIX },
  );
}

/** The specification's filters; without dates, the last 90 days. */
function parseFilter(query: s.Open311RequestsQuery): PublicRequestFilter {
  if (query.service_request_id) {
    const references = query.service_request_id
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (!references.length || references.length > MAX_REQUESTS)
      throw new BadRequestError('service_request_id invalide : une liste de références séparées par des virgules.');
    return { references };
  }
  if (query.service_code && !isServiceCode(query.service_code))
    throw new BadRequestError(`service_code inconnu : ${query.service_code}.`);
  const date = (name: 'start_date' | 'end_date') => {
    const text = query[name];
    if (text === undefined) return undefined;
    const parsed = parseIsoWithZone(text);
    if (!parsed)
      throw new BadRequestError(
        `${name} invalide : une date ISO 8601 avec fuseau est attendue (ex. 2026-11-05T08:15:30+01:00).`,
      );
    return parsed;
  };
  const to = date('end_date');
  const from = date('start_date') ?? new Date((to ?? new Date()).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (to && from > to) throw new BadRequestError('start_date est postérieure à end_date.');
  const statuses = query.status?.split(',').map((x) => x.trim());
  if (statuses && (!statuses.length || statuses.some((x) => x !== 'open' && x !== 'closed')))
    throw new BadRequestError('status invalide : open, closed ou « open,closed ».');
  return {
    serviceCode: query.service_code as PublicRequestFilter['serviceCode'],
    from,
    to,
    statuses: statuses as PublicRequestFilter['statuses'],
  };
}
