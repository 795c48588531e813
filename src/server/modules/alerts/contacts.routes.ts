import type { FastifyInstance } from 'fastify';
import { contactContracts as c } from '../../../shared/alerts/contacts.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import type { AlertsContext } from './alerts-context.ts';
import { loadCommuneFor, loadContactFor } from './alert-access.ts';
import { listCommuneContacts } from './contacts.queries.ts';
import { createContact, deleteContact, updateContact } from './contacts.service.ts';

const MANAGE = 'alerts.contacts.manage' as const;

/** A commune's contact list, managed by its mayor (or an administrator) within that commune only. */
export async function contactsRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const db = ctx.database.db;
  const commune = ({ actor, params }: { actor: Parameters<typeof loadCommuneFor>[1]; params: { id: string } }) =>
    loadCommuneFor(db, actor, MANAGE, params.id);
  // A contact sits in its commune; a missing contact answers 404 like one outside the territory.
  const contact = ({ actor, params }: { actor: Parameters<typeof loadContactFor>[1]; params: { id: string } }) =>
    loadContactFor(db, actor, MANAGE, params.id);

  serve(app, c.list, { load: commune, handle: async ({ record }) => listCommuneContacts(db, record) });

  serve(app, c.create, {
    load: commune,
    handle: async ({ actor, record, body }) => createContact(db, actor, record, body),
  });

  serve(app, c.update, {
    load: contact,
    handle: async ({ actor, record, body }) => updateContact(db, actor, record, body),
  });

  serve(app, c.remove, {
    load: contact,
    handle: async ({ actor, params }) => {
      await deleteContact(db, actor, params.id);
      return null;
    },
  });
}
