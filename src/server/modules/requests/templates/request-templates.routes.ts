import type { FastifyInstance } from 'fastify';
import { templateContracts as c } from '../../../../shared/requests/templates.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import { territoryPathOf } from '../../territory/index.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestPath } from '../request-access.ts';
import {
  archiveAnswerTemplate,
  createAnswerTemplate,
  listAnswerTemplates,
  renderAnswerTemplate,
  templatePath,
  updateAnswerTemplate,
} from './request-templates.ts';

/**
 * Answer templates: staff who handle requests list them and fill one in for a request; a
 * département's administrators and referents (held on the département) write its own. National
 * templates are shipped by the platform and read-only.
 */
export async function requestTemplateRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  // A département's template sits on the département; a national one nowhere (404 to everyone).
  const ofTemplate = async ({ params }: { params: { id: string } }) => {
    const path = await templatePath(db, params.id);
    return path && { path, record: params.id };
  };

  serve(app, c.list, {
    handle: async ({ actor, query }) => ({ items: await listAnswerTemplates(ctx, actor, query) }),
  });

  serve(app, c.create, {
    load: async ({ body }) => {
      const path = await territoryPathOf(db, 'department', body.departmentId);
      return path && { path, record: path };
    },
    handle: async ({ actor, body }) => createAnswerTemplate(ctx, db, actor, body),
  });

  serve(app, c.update, {
    load: ofTemplate,
    handle: async ({ actor, params, body }) => updateAnswerTemplate(ctx, db, actor, params.id, body),
  });

  serve(app, c.archive, {
    load: ofTemplate,
    handle: async ({ actor, params }) => {
      await archiveAnswerTemplate(db, actor, params.id);
      return null;
    },
  });

  serve(app, c.render, {
    load: async ({ actor, params }) => {
      const path = await requestPath(db, actor, params.id);
      return path && { path, record: params.id };
    },
    handle: async ({ params }) => renderAnswerTemplate(ctx, params.id, params.templateId),
  });
}
