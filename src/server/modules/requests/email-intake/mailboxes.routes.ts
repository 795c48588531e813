import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/attachments.schemas.ts';
import type { UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { ConflictError } from '../../../platform/errors.ts';
import type { RequestsContext } from '../requests-context.ts';
import { fetchMailbox } from './imap-fetch.ts';
import { configureImapSource, removeImapSource } from './imap-source.ts';
import {
  createMailbox,
  deleteMailbox,
  listMailboxes,
  mailboxById,
  mailboxPathById,
  requestedMailboxPath,
} from './mailboxes.ts';

const tags = ['Demandes (boîtes e-mail des secteurs)'];
const MANAGE = 'territory.manage' as const;

/**
 * Administrators say which addresses the SMTP listener receives for, and for which sector or
 * département; and, per address, an optional IMAP source the worker fetches.
 */
export async function mailboxRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const database = ctx.database;
  const db = database.db;
  const onMailbox = {
    permission: MANAGE,
    territory: (request: FastifyRequest) => mailboxPathById(db, (request.params as { id: string }).id),
  };

  r.get(
    '/api/requests/mailboxes',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags,
        summary: 'Adresses e-mail reçues par la plateforme, dans mes territoires',
        response: { 200: s.MailboxList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: await listMailboxes(db, request.actor) }),
  );

  r.post(
    '/api/requests/mailboxes',
    {
      config: {
        access: {
          permission: MANAGE,
          territory: (request: FastifyRequest) => requestedMailboxPath(db, request.body as s.MailboxCreate),
        },
      },
      schema: {
        tags,
        summary: 'Recevoir une adresse pour un secteur (ou un département)',
        body: s.MailboxCreate,
        response: { 201: s.Mailbox, ...ProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMailbox(database, request.actor as UserActor, request.body)),
  );

  r.delete(
    '/api/requests/mailboxes/:id',
    {
      config: { access: onMailbox },
      schema: {
        tags,
        summary: 'Ne plus recevoir une adresse',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteMailbox(database, request.actor as UserActor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/requests/mailboxes/:id/imap',
    {
      config: { access: onMailbox },
      schema: {
        tags,
        summary: 'Relever aussi cette adresse par IMAP (serveur, compte, mot de passe, dossier)',
        params: IdParams,
        body: s.MailboxImapInput,
        response: { 200: s.Mailbox, ...ProblemResponses },
      },
    },
    async (request) => configureImapSource(ctx, request.actor as UserActor, request.params.id, request.body),
  );

  r.delete(
    '/api/requests/mailboxes/:id/imap',
    {
      config: { access: onMailbox },
      schema: {
        tags,
        summary: 'Ne plus relever cette adresse par IMAP',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await removeImapSource(ctx, request.actor as UserActor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // « Relever maintenant »: the same run as the worker's job, for this mailbox, answered with its new status.
  r.post(
    '/api/requests/mailboxes/:id/imap/fetch',
    {
      config: { access: onMailbox },
      schema: {
        tags,
        summary: 'Relever la boîte IMAP maintenant',
        params: IdParams,
        response: { 200: s.Mailbox, ...ProblemResponses },
      },
    },
    async (request) => {
      // The audit event commits with the run's outcome on the mailbox (the release of its lease).
      const result = await fetchMailbox(ctx, request.params.id, request.log, (tx, outcome) =>
        recordAudit(tx, request.actor, {
          action: 'request.mailbox.imap.fetched',
          recordType: 'sector_mailbox',
          recordId: request.params.id,
          details: outcome.status === 'done' ? { summary: outcome.summary } : { error: outcome.error },
        }),
      );
      if (result.status === 'not-configured')
        throw new ConflictError('Cette adresse n’est pas relevée par IMAP : configurez d’abord le serveur.');
      if (result.status === 'busy')
        throw new ConflictError('Un relevé de cette boîte est déjà en cours : réessayez dans un instant.');
      return mailboxById(db, request.params.id);
    },
  );
}
