import type { Actor } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import type { Open311RequestCreate, Open311RequestsQuery } from '../../../../shared/requests/open311.schemas.ts';
import type { RequestsContext } from '../requests-context.ts';
import { effectiveTargets } from '../targets/request-targets.ts';
import { findOpen311Client } from './open311-clients.ts';
import { parseIsoWithZone, type Open311Body } from './open311-format.ts';
import {
  DEFAULT_WINDOW_DAYS,
  listPublicRequests,
  MAX_REQUESTS,
  referenceOfToken,
  type PublicRequestFilter,
} from './open311-requests.ts';
import { isServiceCode, listServices, serviceDefinition } from './open311-services.ts';
import { submitOpen311Request } from './open311-submit.ts';

/** The answers of the GeoReport v2 resources, as bodies `sendOpen311` renders in JSON or XML. */

export const OPEN311_PREFIX = '/open311/v2';
const FORM = 'application/x-www-form-urlencoded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANGESET = '2026-11-26T00:00:00+01:00';

export function discovery(publicUrl: string): Open311Body {
  return {
    root: 'discovery',
    value: {
      changeset: CHANGESET,
      contact: `Plateforme PSQ — ${publicUrl}`,
      key_service: `Clés d’API délivrées par les administrateurs de la plateforme (${publicUrl}/admin/open311).`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${publicUrl}${OPEN311_PREFIX}/`,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    },
  };
}

export const services = (): Open311Body => ({ root: 'services', item: 'service', value: listServices() });

export function service(code: string): Open311Body {
  if (!isServiceCode(code)) throw new NotFoundError(`service_code inconnu : ${code}.`);
  return { root: 'service_definition', value: serviceDefinition(code) };
}

/** The specification's filters; without dates, the last 90 days. */
function parseFilter(query: Open311RequestsQuery): PublicRequestFilter {
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

export async function publicRequests(ctx: RequestsContext, query: Open311RequestsQuery): Promise<Open311Body> {
  const value = await listPublicRequests(ctx.database.db, parseFilter(query), await effectiveTargets(ctx));
  return { root: 'service_requests', item: 'request', value };
}

export async function publicRequest(ctx: RequestsContext, reference: string): Promise<Open311Body> {
  const found = await listPublicRequests(ctx.database.db, { references: [reference] }, await effectiveTargets(ctx));
  if (!found.length) throw new NotFoundError(`Demande inconnue : ${reference}.`);
  return { root: 'service_requests', item: 'request', value: found };
}

export async function tokenRequest(db: Executor, token: string): Promise<Open311Body> {
  const reference = UUID.test(token) ? await referenceOfToken(db, token) : undefined;
  if (!reference) throw new NotFoundError(`Jeton inconnu : ${token}.`);
  return { root: 'service_requests', item: 'request', value: [{ service_request_id: reference, token }] };
}

export interface Open311Caller {
  id: string;
  name: string;
}

/**
 * The client application a submission comes from, known before the rest of the form is judged
 * (and counted per application): the form itself (else 400), its `api_key` (missing: 400), an
 * active client's (unknown or revoked: 403).
 */
export async function submittingClient(
  db: Executor,
  contentType: string | undefined,
  body: unknown,
): Promise<Open311Caller> {
  if (!String(contentType ?? '').startsWith(FORM)) throw new BadRequestError(`Envoyez le formulaire en ${FORM}.`);
  const key = (body as Record<string, unknown> | undefined)?.api_key;
  if (key === undefined || key === '') throw new BadRequestError('Paramètre obligatoire manquant : api_key.');
  const client = typeof key === 'string' ? await findOpen311Client(db, key) : undefined;
  if (!client) throw new ForbiddenError('api_key invalide ou révoquée.');
  return client;
}

/** `POST requests`: the web form's intake; the request's id is the Open311 token (`GET tokens/{token}`). */
export async function submission(
  ctx: RequestsContext,
  actor: Actor,
  client: Open311Caller,
  form: Open311RequestCreate,
): Promise<Open311Body> {
  const { id: token, receipt } = await submitOpen311Request(ctx, actor, client, form);
  const notice =
    receipt.routing === 'sector'
      ? `Demande transmise au secteur ${receipt.sector?.name}. En cas d’urgence, composez le 17 ou le 112.`
      : 'Demande transmise aux services de police du département. En cas d’urgence, composez le 17 ou le 112.';
  return {
    root: 'service_requests',
    item: 'request',
    value: [{ service_request_id: receipt.reference, token, service_notice: notice, account_id: null }],
  };
}
