import type { FastifyInstance } from 'fastify';
import { triageContracts as c } from '../../../../shared/requests/triage.contracts.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { loadRequestFor } from '../request-access.ts';
import { assigneesOf } from './request-assignees.ts';
import { suggestDuplicates } from './request-duplicates.ts';

/** Helpers of the triage on the detail page: possible duplicates to mark, people to assign. */
export async function triageRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  const request = ({ actor, params }: { actor: Actor; params: { id: string } }) => loadRequestFor(db, actor, params.id);

  serve(app, c.duplicates, {
    load: request,
    handle: async ({ actor, record }) => suggestDuplicates(db, actor, record),
  });

  serve(app, c.assignees, {
    load: request,
    handle: async ({ actor, record }) => assigneesOf(db, actor, record),
  });
}
