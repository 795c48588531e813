import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import { DuplicateSuggestions, RequestAssignees } from '../../../../shared/requests/triage.schemas.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requests } from '../requests.tables.ts';
import { requestPath } from '../request-access.ts';
import { requestAssignees } from './request-assignees.ts';
import { suggestDuplicates } from './request-duplicates.ts';

const tags = ['Demandes (agents)'];

/** Helpers of the triage on the detail page: possible duplicates to mark, people to assign. */
export async function triageRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const on = (permission: 'requests.read' | 'requests.handle') => ({
    access: {
      permission,
      territory: (request: FastifyRequest) => requestPath(db, request.actor, (request.params as { id: string }).id),
    },
  });

  r.get(
    '/api/requests/:id/duplicates',
    {
      config: on('requests.read'),
      schema: {
        tags,
        summary: 'Doublons possibles : même catégorie, à moins de 200 m, des 30 derniers jours',
        params: IdParams,
        response: { 200: DuplicateSuggestions, ...ProblemResponses },
      },
    },
    async (request) => suggestDuplicates(db, request.actor, request.params.id),
  );

  r.get(
    '/api/requests/:id/assignees',
    {
      config: on('requests.handle'),
      schema: {
        tags,
        summary: 'Agents à qui attribuer la demande (son territoire)',
        params: IdParams,
        response: { 200: RequestAssignees, ...ProblemResponses },
      },
    },
    async (request) => {
      const [row] = await db
        .select({
          sectorId: requests.sectorId,
          municipalityId: requests.municipalityId,
          departmentId: requests.departmentId,
        })
        .from(requests)
        .where(eq(requests.id, request.params.id));
      if (!row) throw new NotFoundError('Demande introuvable.');
      return {
        items: (await requestAssignees(db, request.actor, row)).map((member) => ({
          id: member.id,
          displayName: member.displayName,
        })),
      };
    },
  );
}
