import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import type { Open311Format } from '../../../../shared/requests/open311.schemas.ts';
import { AppError, TooManyRequestsError } from '../../../platform/errors.ts';

/** An Open311 answer: a JSON array or object, and the XML root and item element names for it. */
export interface Open311Body {
  /** Root element, e.g. `services`, `service_requests`, `errors`, `discovery`, `service_definition`. */
  root: string;
  /** Element of each array item (`service`, `request`, `error`); absent for an object body. */
  item?: string;
  value: Record<string, unknown> | Array<Record<string, unknown>>;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

/** Nested lists of the specification and the element of each of their items. */
const LIST_ITEMS: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** XML has no null: an empty element says "no value"; nested lists are wrapped in their item elements. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (value instanceof Object) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        Array.isArray(v) && LIST_ITEMS[k] ? (v.length ? { [LIST_ITEMS[k]]: forXml(v) } : '') : forXml(v),
      ]),
    );
  }
  return value;
}

export function renderXml(body: Open311Body): string {
  const content = Array.isArray(body.value)
    ? body.value.length
      ? { [body.item ?? 'item']: forXml(body.value) }
      : ''
    : forXml(body.value);
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [body.root]: content })}`;
}

export function sendOpen311(reply: FastifyReply, format: Open311Format, body: Open311Body, status = 200) {
  reply.code(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(renderXml(body));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body.value));
}

/** The format a failed call asked for: its extension, JSON when it has none we know. */
export const formatOfUrl = (url: string): Open311Format => (/\.xml(\?|$)/.test(url) ? 'xml' : 'json');

/** A form body as an object; a field sent twice becomes a list, which validation refuses. */
export function parseForm(text: string): Record<string, string | string[]> {
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

/** Every error of the Open311 routes in the specification's format, with its status (never problem+json). */
export function sendOpen311Error(
  error: (FastifyError & { validation?: ValidationIssue[]; validationContext?: string }) | AppError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
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
}

/** An address under `/open311/v2/` that is no resource: 404 in the specification's format. */
export function sendOpen311NotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendOpen311(
    reply,
    formatOfUrl(request.url),
    {
      root: 'errors',
      item: 'error',
      value: [{ code: 404, description: `Aucune ressource Open311 à l'adresse ${request.url.split('?')[0]}.` }],
    },
    404,
  );
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** ISO 8601 in Paris time with its offset (2026-11-26T15:20:59+01:00), as the specification asks. */
export function isoWithOffset(date: Date): string {
  const p = Object.fromEntries(parisParts.formatToParts(date).map((x) => [x.type, x.value]));
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const minutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A client's date filter: ISO 8601 with a time zone, or undefined when it is not one. */
export function parseIsoWithZone(text: string): Date | undefined {
  if (!ISO_WITH_ZONE.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
