import type { FastifyInstance } from 'fastify';
import { alertContracts as c } from '../../../shared/alerts/alerts.contracts.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { serve } from '../../platform/http/serve.ts';
import type { AlertsContext } from './alerts-context.ts';
import { loadAlertFor, loadDraftFor } from './alert-access.ts';
import { alertableCommunes } from './alert-communes.ts';
import { closeAlert, sendAlertUpdate } from './alert-lifecycle.ts';
import { createAlertRateGuard } from './alert-rate-limit.ts';
import { createAlert, previewAlert } from './alert-send.ts';
import { listAlertsOf, loadAlertDetail } from './alerts.queries.ts';

const SEND = 'alerts.send' as const;
const READ = 'alerts.read' as const;

/** Sending, following and closing alerts (police referents, gendarmes, administrators; mayors read). */
export async function alertsRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const db = ctx.database.db;
  // Sending is checked on every commune the draft names (a point is resolved first).
  const draft = ({ actor, body }: { actor: Actor; body: Parameters<typeof loadDraftFor>[3] }) =>
    loadDraftFor(ctx, actor, SEND, body);
  const alertOf =
    (permission: typeof SEND | typeof READ) =>
    ({ actor, params }: { actor: Actor; params: { id: string } }) =>
      loadAlertFor(db, actor, permission, params.id);
  // Counted by the module on the account's alerts of the last minute (no counter of calls: a
  // refused request does not count), with a per-process memo of refusals; checked again under a
  // lock inside the creating transaction.
  const guard = createAlertRateGuard(ctx.settings.perMinute);

  serve(app, c.communes, { handle: async ({ actor, query }) => alertableCommunes(ctx, actor, query) });

  serve(app, c.preview, { load: draft, handle: async ({ body, record }) => previewAlert(ctx, body, record) });

  serve(app, c.create, {
    // After authentication (which names the account), before validation and any lookup.
    rateLimit: {
      name: 'alerts',
      per: 'user',
      limit: ctx.settings.perMinute,
      windowSeconds: 60,
      message: "Trop d'alertes envoyées.",
      check: (database, userId) => guard(database.db, userId),
    },
    load: draft,
    handle: async ({ actor, body, record }) =>
      loadAlertDetail(db, actor, await createAlert(ctx, db, actor, body, record)),
  });

  serve(app, c.list, { handle: async ({ actor, query }) => listAlertsOf(db, actor, query.status) });

  serve(app, c.get, {
    load: alertOf(READ),
    auditRead: { action: 'alert.read', recordType: 'alert', ids: (alert) => alert.id },
    handle: async ({ actor, record }) => loadAlertDetail(db, actor, record),
  });

  serve(app, c.update, {
    load: alertOf(SEND),
    handle: async ({ actor, record, body }) => {
      await sendAlertUpdate(ctx, db, actor, record, body);
      return loadAlertDetail(db, actor, record);
    },
  });

  serve(app, c.close, {
    load: alertOf(SEND),
    handle: async ({ actor, record, body }) => {
      await closeAlert(ctx, db, actor, record, body ?? {});
      return loadAlertDetail(db, actor, record);
    },
  });
}
