import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/request-attachments.schemas.ts';
import type { UserActor } from '../../../platform/access/actor.ts';
import type { Database } from '../../../platform/db/client.ts';
import { createMailbox, deleteMailbox, listMailboxes, mailboxPathById, requestedMailboxPath } from './mailboxes.ts';

const tags = ['Demandes (boîtes e-mail des secteurs)'];
const MANAGE = 'territory.manage' as const;

/** Administrators say which addresses the SMTP listener receives for, and for which sector or département. */
export async function mailboxRoutes(app: FastifyInstance, database: Database) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  r.get('/api/requests/mailboxes', { config: { access: { permission: MANAGE } }, schema: { tags, summary: 'Adresses e-mail reçues par la plateforme, dans mes territoires', response: { 200: s.MailboxList, ...ProblemResponses } } },
    async (request) => ({ items: await listMailboxes(db, request.actor) }));

  r.post('/api/requests/mailboxes', {
    config: { access: { permission: MANAGE, territory: (request: FastifyRequest) => requestedMailboxPath(db, request.body as s.MailboxCreate) } },
    schema: { tags, summary: 'Recevoir une adresse pour un secteur (ou un département)', body: s.MailboxCreate, response: { 201: s.Mailbox, ...ProblemResponses } },
  }, async (request, reply) => reply.code(201).send(await createMailbox(database, request.actor as UserActor, request.body)));

  r.delete('/api/requests/mailboxes/:id', {
    config: { access: { permission: MANAGE, territory: (request: FastifyRequest) => mailboxPathById(db, (request.params as { id: string }).id) } },
    schema: { tags, summary: 'Ne plus recevoir une adresse', params: IdParams, response: { 204: Type.Null(), ...ProblemResponses } },
  }, async (request, reply) => {
    await deleteMailbox(database, request.actor as UserActor, request.params.id);
    return reply.code(204).send(null);
  });
}
