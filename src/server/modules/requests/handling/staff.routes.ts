import type { FastifyInstance } from 'fastify';
import { handlingContracts as c } from '../../../../shared/requests/handling.contracts.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { loadRequestFor } from '../request-access.ts';
import { applyRequestAction } from './request-handling.ts';
import { addInternalNote, answerRequest } from './request-messages.ts';
import { listRequests, loadRequestDetail } from './requests.queries.ts';
import { effectiveTargets } from '../targets/request-targets.ts';

/**
 * The sector's inbox and the handling of a request (police referents and administrators in their
 * territories). Partners have no access at all; delegates will read their own office hours' requests.
 */
export async function staffRequestRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  // The request, where it sits (the platform checks the route's permission there) and whether the caller may see it.
  const request = ({ actor, params }: { actor: Actor; params: { id: string } }) => loadRequestFor(db, actor, params.id);
  const detail = async (id: string) => loadRequestDetail(db, id, await effectiveTargets(ctx));

  serve(app, c.list, {
    handle: async ({ actor, query }) => listRequests(db, actor, query, await effectiveTargets(ctx)),
  });

  // Personal data read: audited with the route.
  serve(app, c.get, {
    load: request,
    auditRead: { action: 'request.read', recordType: 'request', ids: (read) => read.id },
    handle: async ({ record }) => detail(record.id),
  });

  serve(app, c.act, {
    load: request,
    handle: async ({ actor, record, body }) => {
      await applyRequestAction(ctx, db, actor, record.id, body);
      return detail(record.id);
    },
  });

  serve(app, c.addNote, {
    load: request,
    handle: async ({ actor, record, body }) => {
      await addInternalNote(db, actor, record.id, body.text);
      return detail(record.id);
    },
  });

  serve(app, c.answer, {
    load: request,
    handle: async ({ actor, record, body }) => {
      await answerRequest(ctx, db, actor, record.id, body);
      return detail(record.id);
    },
  });
}
