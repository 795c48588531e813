import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NO_MARKUP } from '../../../shared/common.schemas.ts';
import { AppError, TooManyRequestsError, type ProblemItem } from '../errors.ts';

const TYPE_BASE = 'https://psq.interieur.gouv.fr/problemes/';

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  slug: string,
  title: string,
  detail: string,
  errors?: ProblemItem[],
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: TYPE_BASE + slug,
      title,
      status,
      detail,
      instance: request.url.split('?')[0],
      ...(errors?.length ? { errors } : {}),
    });
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** AJV speaks English; users read French. Only the common keywords need a sentence of their own. */
function describeIssue(part: string, issue: AjvIssue): ProblemItem {
  const where = `${part}${issue.instancePath ?? ''}`;
  const params = issue.params ?? {};
  const label = issue.instancePath
    ? `« ${issue.instancePath.slice(1).replace(/\//g, '.')} »`
    : part === 'body'
      ? 'le corps de la requête'
      : `les paramètres (${part})`;
  let message: string;
  switch (issue.keyword) {
    case 'additionalProperties':
      message = `Propriété inconnue « ${String(params.additionalProperty)} » dans ${label}.`;
      break;
    case 'required':
      message = `Propriété obligatoire manquante « ${String(params.missingProperty)} » dans ${label}.`;
      break;
    case 'type':
      message = `${label} doit être de type ${String(params.type)}.`;
      break;
    case 'minimum':
    case 'maximum':
      message =
        `${label} doit être ` +
        `${issue.keyword === 'minimum' ? 'supérieur ou égal' : 'inférieur ou égal'} ` +
        `à ${String(params.limit)}.`;
      break;
    case 'minLength':
    case 'maxLength':
      message =
        `${label} doit compter ` +
        `${issue.keyword === 'minLength' ? 'au moins' : 'au plus'} ` +
        `${String(params.limit)} caractère(s).`;
      break;
    case 'pattern':
      message = String(params.pattern).includes(NO_MARKUP)
        ? `${label} doit être du texte simple, sans balise HTML (< suivi d'une lettre) ni caractère de contrôle.`
        : `${label} n'a pas le format attendu.`;
      break;
    case 'format':
      message = `${label} n'a pas le format attendu.`;
      break;
    case 'const':
    case 'enum':
      message = `${label} n'a pas une valeur autorisée.`;
      break;
    default:
      message = `${label} est invalide (${issue.message ?? issue.keyword}).`;
  }
  return { pointer: where, message };
}

/**
 * Unknown addresses: a problem+json 404, except GET pages asked by a browser when the web app
 * is built — the single-page app owns those paths.
 */
export function registerNotFoundHandler(app: FastifyInstance, { serveApp }: { serveApp: boolean }) {
  app.setNotFoundHandler((request, reply) => {
    const isApi = /^\/(api|open311|calendar)(\/|$)/.test(request.url);
    if (serveApp && request.method === 'GET' && !isApi && (request.headers.accept ?? '').includes('text/html')) {
      // The page names the hashed bundles of this build: it must be revalidated at every visit.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return sendProblem(
      reply,
      request,
      404,
      'introuvable',
      'Introuvable',
      `Aucune ressource à l'adresse ${request.method} ${request.url.split('?')[0]}.`,
    );
  });
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler(
    (error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request, reply) => {
      if (error instanceof AppError) {
        if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(reply, request, error.status, error.slug, error.title, error.detail, error.errors);
      }
      if (error.validation) {
        const part = error.validationContext ?? 'body';
        const errors = error.validation.map((issue) => describeIssue(part, issue));
        return sendProblem(
          reply,
          request,
          400,
          'requete-invalide',
          'Requête invalide',
          errors[0]?.message ?? 'La requête est invalide.',
          errors,
        );
      }
      const status = error.statusCode ?? 500;
      if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendProblem(
          reply,
          request,
          413,
          'trop-volumineux',
          'Requête trop volumineuse',
          'Le contenu envoyé dépasse la taille maximale autorisée.',
        );
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return sendProblem(
          reply,
          request,
          415,
          'type-non-supporte',
          'Type de contenu non supporté',
          'Envoyez le contenu au format JSON (Content-Type: application/json).',
        );
      }
      if (
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        (status === 400 && error instanceof SyntaxError)
      ) {
        return sendProblem(
          reply,
          request,
          400,
          'json-invalide',
          'JSON invalide',
          "Le corps de la requête n'est pas un JSON valide.",
        );
      }
      if (status >= 400 && status < 500) {
        return sendProblem(reply, request, status, 'requete-invalide', 'Requête invalide', 'La requête est invalide.');
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        reply,
        request,
        500,
        'erreur-interne',
        'Erreur interne',
        'Une erreur inattendue est survenue. Réessayez plus tard.',
      );
    },
  );
}
