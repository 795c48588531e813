import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/templates.schemas.ts';
import type { UserActor } from '../../../platform/access/actor.ts';
import { territoryPathOf } from '../../territory/index.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestPath } from '../request-access.ts';
import {
  archiveAnswerTemplate,
  createAnswerTemplate,
  listAnswerTemplates,
  MANAGE_TEMPLATES,
  renderAnswerTemplate,
  templatePath,
  updateAnswerTemplate,
} from './request-templates.ts';

const tags = ['Demandes (modèles de réponse)'];
const HANDLE = 'requests.handle' as const;

/**
 * Answer templates: staff who handle requests list them and fill one in for a request; a
 * département's administrators and referents (held on the département) write its own. National
 * templates are shipped by the platform and read-only.
 */
export async function requestTemplateRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const ofTemplate = {
    access: {
      permission: MANAGE_TEMPLATES,
      territory: (request: FastifyRequest) => templatePath(db, (request.params as { id: string }).id),
    },
  };

  r.get(
    '/api/requests/answer-templates',
    {
      config: { access: { permission: HANDLE } },
      schema: {
        tags,
        summary: 'Modèles de réponse : nationaux et de mes départements',
        querystring: s.AnswerTemplateQuery,
        response: { 200: s.AnswerTemplateList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: await listAnswerTemplates(ctx, request.actor, request.query) }),
  );

  r.post(
    '/api/requests/answer-templates',
    {
      config: {
        access: {
          permission: MANAGE_TEMPLATES,
          territory: (request: FastifyRequest) =>
            territoryPathOf(db, 'department', (request.body as s.AnswerTemplateCreate).departmentId),
        },
      },
      schema: {
        tags,
        summary: 'Écrire un modèle de réponse du département',
        body: s.AnswerTemplateCreate,
        response: { 201: s.AnswerTemplate, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createAnswerTemplate(ctx, user(request), request.body)),
  );

  r.patch(
    '/api/requests/answer-templates/:id',
    {
      config: ofTemplate,
      schema: {
        tags,
        summary: 'Modifier un modèle de réponse du département',
        params: IdParams,
        body: s.AnswerTemplateUpdate,
        response: { 200: s.AnswerTemplate, ...ProblemResponses },
      },
    },
    async (request) => updateAnswerTemplate(ctx, user(request), request.params.id, request.body),
  );

  r.delete(
    '/api/requests/answer-templates/:id',
    {
      config: ofTemplate,
      schema: {
        tags,
        summary: 'Archiver un modèle de réponse du département',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await archiveAnswerTemplate(ctx, user(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/requests/:id/answer-templates/:templateId/render',
    {
      config: {
        access: {
          permission: HANDLE,
          territory: (request: FastifyRequest) => requestPath(db, request.actor, (request.params as { id: string }).id),
        },
      },
      schema: {
        tags,
        summary: 'Un modèle rempli pour cette demande (texte modifiable avant envoi)',
        params: s.RenderParams,
        response: { 200: s.RenderedAnswer, ...ProblemResponses },
      },
    },
    async (request) => renderAnswerTemplate(ctx, request.params.id, request.params.templateId),
  );
}
