import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/alerts/alerts.schemas.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { municipalitySummaries } from '../territory/index.ts';
import type { AlertsContext } from './alerts-context.ts';
import { communeAccess, communePathFor } from './alert-scope.ts';
import { findContact, listContactRows, toContacts } from './contacts.queries.ts';
import { createContact, deleteContact, updateContact } from './contacts.service.ts';

const tags = ['Alertes'];
const MANAGE = 'alerts.contacts.manage' as const;

/** A commune's contact list, managed by its mayor (or an administrator) within that commune only. */
export async function contactsRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  const ofCommune = communeAccess(db, MANAGE, id);
  // A contact sits in its commune; a missing contact answers 404 like one outside the territory.
  const ofContact = {
    access: {
      permission: MANAGE,
      territory: async (request: FastifyRequest) => {
        const contact = await findContact(db, id(request));
        return contact ? communePathFor(db, request.actor, MANAGE, contact.municipalityId) : undefined;
      },
    },
  };

  r.get(
    '/api/communes/:id/contacts',
    {
      config: ofCommune,
      schema: {
        tags,
        summary: "Contacts d'alerte de la commune",
        params: IdParams,
        response: { 200: s.AlertContactList, ...ProblemResponses },
      },
    },
    async (request) => {
      const [commune] = await municipalitySummaries(db, [request.params.id]);
      if (!commune) throw new NotFoundError('Commune introuvable.');
      return { commune, items: await toContacts(db, await listContactRows(db, commune.id)) };
    },
  );

  r.post(
    '/api/communes/:id/contacts',
    {
      config: ofCommune,
      schema: {
        tags,
        summary: "Ajouter un contact d'alerte",
        params: IdParams,
        body: s.AlertContactCreate,
        response: { 201: s.AlertContact, ...ProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createContact(ctx.database, request.actor, request.params.id, request.body)),
  );

  r.patch(
    '/api/alert-contacts/:id',
    {
      config: ofContact,
      schema: {
        tags,
        summary: "Modifier un contact d'alerte",
        params: IdParams,
        body: s.AlertContactUpdate,
        response: { 200: s.AlertContact, ...ProblemResponses },
      },
    },
    async (request) => updateContact(ctx.database, request.actor, request.params.id, request.body),
  );

  r.delete(
    '/api/alert-contacts/:id',
    {
      config: ofContact,
      schema: {
        tags,
        summary: "Retirer un contact d'alerte",
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteContact(ctx.database, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
