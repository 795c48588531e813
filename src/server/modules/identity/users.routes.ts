import type { FastifyInstance } from 'fastify';
import { organisationContracts, userContracts as c } from '../../../shared/identity/users.contracts.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { serve } from '../../platform/http/serve.ts';
import type { IdentityContext } from './identity-context.ts';
import { toUser } from './identity.queries.ts';
import { createOrganisation, listOrganisations } from './organisations.ts';
import { grantablePath, listManagedUsers, loadManagedUser } from './user-access.ts';
import { addRole, inviteUser, removeRole, resendInvitation, updateUser } from './users.service.ts';

const userRead = { recordType: 'user' } as const;

/** Users of the administrator's territories (visible through any of their roles), and partner organisations. */
export async function usersRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const db = ctx.database.db;
  const managed = ({ actor, params }: { actor: Actor; params: { id: string } }) =>
    loadManagedUser(db, actor, params.id);

  serve(app, c.list, {
    // The listed ids go in the details, never as the event's record, even for a list of one.
    auditRead: {
      ...userRead,
      action: 'user.listed',
      ids: () => [],
      details: (list) => ({ count: list.items.length, ids: list.items.map((u) => u.id) }),
    },
    handle: async ({ actor, query }) => ({ items: await listManagedUsers(db, actor, query) }),
  });

  serve(app, c.invite, {
    load: async ({ actor, body }) => {
      const path = await grantablePath(db, actor, body.roles);
      return path ? { path, record: undefined } : undefined;
    },
    handle: async ({ actor, body }) => (await inviteUser(ctx, db, actor, body)).user,
  });

  serve(app, c.get, {
    load: managed,
    auditRead: { ...userRead, action: 'user.read', ids: (user) => user.id },
    handle: async ({ record }) => toUser(db, record),
  });

  serve(app, c.update, {
    load: managed,
    handle: async ({ actor, params, body }) => updateUser(db, actor, params.id, body),
  });

  // The new role's territory must be the caller's too.
  serve(app, c.addRole, {
    load: async (input) => ((await grantablePath(db, input.actor, [input.body])) ? managed(input) : undefined),
    handle: async ({ actor, params, body }) => addRole(db, actor, params.id, body),
  });

  serve(app, c.removeRole, {
    load: managed,
    handle: async ({ actor, params }) => removeRole(db, actor, params.id, params.assignmentId),
  });

  serve(app, c.resendInvitation, {
    load: managed,
    handle: async ({ actor, params }) => {
      await resendInvitation(ctx, db, actor, params.id);
      return null;
    },
  });

  serve(app, organisationContracts.list, {
    handle: async () => ({ items: await listOrganisations(db) }),
  });

  serve(app, organisationContracts.create, {
    handle: async ({ actor, body }) => createOrganisation(db, actor, body),
  });
}
