import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { asc } from 'drizzle-orm';
import { IdParams, ProblemResponses, StrictObject, Uuid } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/identity/identity.schemas.ts';
import type { RouteAccess } from '../../platform/access/access.ts';
import { can, scopesFor, type TerritoryPath } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { territoryIdsUnder, territoryPathOf } from '../territory/index.ts';
import type { IdentityContext } from './identity-context.ts';
import {
  findUserById,
  listUserRows,
  loadAssignments,
  toUser,
  toUsers,
  userIdsWithScopeIn,
} from './identity.queries.ts';
import { organisations } from './identity.tables.ts';
import { addRole, inviteUser, removeRole, resendInvitation, updateUser } from './users.service.ts';

const tags = ['Utilisateurs'];

export async function usersRoutes(app: FastifyInstance, ctx: IdentityContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;

  /** The first territory of a user that the caller covers: a user is visible through any of their roles. */
  async function userPath(request: FastifyRequest, userId: string): Promise<TerritoryPath | undefined> {
    const paths = await Promise.all(
      (await loadAssignments(db, userId)).map((a) => territoryPathOf(db, a.scopeType, a.scopeId)),
    );
    return paths.find((path): path is TerritoryPath => !!path && can(request.actor, 'users.manage', path));
  }
  const scopePath = (scope: { scopeType: s.ScopeType; scopeId: string }) =>
    territoryPathOf(db, scope.scopeType, scope.scopeId);
  const manage = (
    territory?: (request: FastifyRequest) => Promise<TerritoryPath | undefined>,
  ): { access: RouteAccess } => ({ access: { permission: 'users.manage', territory } });
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  const ownUser = manage((request) => userPath(request, id(request)));
  // Roles can only be handed out on territories the caller manages.
  const grantable = async (request: FastifyRequest, roles: Array<{ scopeType: s.ScopeType; scopeId: string }>) => {
    const paths = await Promise.all(roles.map(scopePath));
    return paths.every((path) => path && can(request.actor, 'users.manage', path)) ? paths[0] : undefined;
  };

  r.get(
    '/api/users',
    {
      config: manage(),
      schema: {
        tags,
        summary: 'Utilisateurs de mes territoires',
        querystring: s.UserListQuery,
        response: { 200: s.UserList, ...ProblemResponses },
      },
    },
    async (request) => {
      const scopes = scopesFor(request.actor, 'users.manage');
      const ids = await userIdsWithScopeIn(db, scopes === 'all' ? 'all' : await territoryIdsUnder(db, scopes));
      const items = await toUsers(db, await listUserRows(db, ids, request.query));
      await recordAudit(db, request.actor, {
        action: 'user.listed',
        recordType: 'user',
        reason: 'GET /api/users',
        details: { count: items.length, ids: items.map((u) => u.id) },
      });
      return { items };
    },
  );

  r.post(
    '/api/users',
    {
      config: manage((request) => grantable(request, (request.body as s.UserInvite).roles)),
      schema: {
        tags,
        summary: 'Inviter un utilisateur',
        body: s.UserInvite,
        response: { 201: s.User, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send((await inviteUser(ctx, request.actor, request.body)).user),
  );

  r.get(
    '/api/users/:id',
    {
      config: ownUser,
      schema: { tags, summary: 'Un utilisateur', params: IdParams, response: { 200: s.User, ...ProblemResponses } },
    },
    async (request) => {
      const row = await findUserById(db, request.params.id);
      if (!row) throw new NotFoundError();
      await recordAudit(db, request.actor, {
        action: 'user.read',
        recordType: 'user',
        recordId: row.id,
        reason: 'GET /api/users/:id',
      });
      return toUser(db, row);
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: ownUser,
      schema: {
        tags,
        summary: 'Modifier, suspendre ou réactiver un utilisateur',
        params: IdParams,
        body: s.UserUpdate,
        response: { 200: s.User, ...ProblemResponses },
      },
    },
    async (request) => updateUser(ctx, request.actor, request.params.id, request.body),
  );

  r.post(
    '/api/users/:id/roles',
    {
      config: manage(async (request) =>
        (await grantable(request, [request.body as s.RoleAssignmentCreate]))
          ? userPath(request, id(request))
          : undefined,
      ),
      schema: {
        tags,
        summary: 'Attribuer un rôle sur un territoire',
        params: IdParams,
        body: s.RoleAssignmentCreate,
        response: { 200: s.User, ...ProblemResponses },
      },
    },
    async (request) => addRole(ctx, request.actor, request.params.id, request.body),
  );

  r.delete(
    '/api/users/:id/roles/:assignmentId',
    {
      config: ownUser,
      schema: {
        tags,
        summary: 'Retirer un rôle',
        params: StrictObject({ id: Uuid, assignmentId: Uuid }),
        response: { 200: s.User, ...ProblemResponses },
      },
    },
    async (request) => removeRole(ctx, request.actor, request.params.id, request.params.assignmentId),
  );

  r.post(
    '/api/users/:id/invitation',
    {
      config: ownUser,
      schema: {
        tags,
        summary: "Renvoyer l'invitation",
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await resendInvitation(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  const orgAccess = { access: { permission: 'organisations.manage' as const } };
  r.get(
    '/api/organisations',
    {
      config: orgAccess,
      schema: {
        tags,
        summary: 'Organisations partenaires',
        response: { 200: s.OrganisationList, ...ProblemResponses },
      },
    },
    async () => ({
      items: (await db.select().from(organisations).orderBy(asc(organisations.name))).map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind as s.Organisation['kind'],
      })),
    }),
  );

  r.post(
    '/api/organisations',
    {
      config: orgAccess,
      schema: {
        tags,
        summary: 'Créer une organisation partenaire',
        body: s.OrganisationCreate,
        response: { 201: s.Organisation, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      try {
        const row = await db.transaction(async (tx) => {
          const [created] = await tx.insert(organisations).values(request.body).returning();
          await recordAudit(tx, request.actor, {
            action: 'organisation.created',
            recordType: 'organisation',
            recordId: created.id,
            reason: 'POST /api/organisations',
          });
          return created;
        });
        return reply.code(201).send({ id: row.id, name: row.name, kind: row.kind as s.Organisation['kind'] });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('Une organisation porte déjà ce nom.');
        throw error;
      }
    },
  );
}
