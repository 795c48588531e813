import type { FastifyInstance } from 'fastify';
import { mailboxContracts as c } from '../../../../shared/requests/mailboxes.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { fetchMailboxNow } from './imap-fetch.ts';
import { configureImapSource, removeImapSource } from './imap-source.ts';
import { createMailbox, deleteMailbox, listMailboxes, mailboxPathById, requestedMailboxPath } from './mailboxes.ts';

/**
 * Administrators say which addresses the SMTP listener receives for, and for which sector or
 * département; and, per address, an optional IMAP source the worker fetches.
 */
export async function mailboxRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  // Where a mailbox sits: its sector, or its département for a catch-all.
  const ofMailbox = async ({ params }: { params: { id: string } }) => {
    const path = await mailboxPathById(db, params.id);
    return path && { path, record: params.id };
  };

  serve(app, c.list, {
    handle: async ({ actor }) => ({ items: await listMailboxes(db, actor) }),
  });

  // The sector or département of a new address is found once, for the access check, and handed to the handler.
  serve(app, c.create, {
    load: async ({ body }) => {
      const path = await requestedMailboxPath(db, body);
      return path && { path, record: path };
    },
    handle: async ({ actor, body, record }) => createMailbox(db, actor, body, record),
  });

  serve(app, c.remove, {
    load: ofMailbox,
    handle: async ({ actor, params }) => {
      await deleteMailbox(db, actor, params.id);
      return null;
    },
  });

  serve(app, c.setImap, {
    load: ofMailbox,
    handle: async ({ actor, params, body }) => configureImapSource(ctx, db, actor, params.id, body),
  });

  serve(app, c.removeImap, {
    load: ofMailbox,
    handle: async ({ actor, params }) => {
      await removeImapSource(db, actor, params.id);
      return null;
    },
  });

  // « Relever maintenant »: the same run as the worker's job, for this mailbox, answered with its new status.
  serve(app, c.fetchImap, {
    load: ofMailbox,
    handle: async ({ actor, params, request }) => fetchMailboxNow(ctx, actor, params.id, request.log),
  });
}
