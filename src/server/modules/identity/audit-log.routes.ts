import type { FastifyInstance } from 'fastify';
import { auditContracts as c } from '../../../shared/identity/audit.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import { exportAuditCsv, searchAuditPage } from './audit-log.ts';
import type { IdentityContext } from './identity-context.ts';

/** The audit trail of the administrator's territories: search (audited) and CSV export (audited). */
export async function auditLogRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const db = ctx.database.db;

  serve(app, c.search, {
    // A search is one event with its filters, whatever it found.
    auditRead: {
      action: 'audit.searched',
      recordType: 'audit',
      ids: () => [],
      details: (_page, _record, { query }) => ({ ...query }),
    },
    handle: async ({ actor, query }) => searchAuditPage(db, actor, query),
  });

  serve(app, c.exportCsv, {
    handle: async ({ actor, query, reply }) => {
      const { csv, filename } = await exportAuditCsv(db, actor, query);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
      return csv;
    },
  });
}
