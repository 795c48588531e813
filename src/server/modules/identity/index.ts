import type { Config } from '../../platform/config.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { createIdentityContext } from './identity-context.ts';
import { identityRoutes } from './identity.routes.ts';
import { usersRoutes } from './users.routes.ts';
import { auditLogRoutes } from './audit-log.routes.ts';
import { proconnectRoutes } from './proconnect.routes.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { authenticateSession, purgeOldSessions, sessionToken } from './sessions.ts';
import { onWrite } from '../../platform/write-hooks.ts';
import { roleAssignments } from './identity.tables.ts';

export { emailsOfUsers, findActiveUserByEmail, userSummaries, type UserSummary } from './user-lookup.ts';
export { activeStaffWithRoles, type StaffMember } from './staff-lookup.ts';
export { createSecretBox, type SecretBox } from './crypto/secret-box.ts';
export { seedDemoAccounts } from './demo-accounts.ts';

// Whoever creates a département administers it: otherwise the new record would be out of
// every scope, its creator's included, and could be neither used nor deleted.
onWrite('territory.department.created', async (tx, actor, event) => {
  if (actor.type !== 'user') return;
  await tx
    .insert(roleAssignments)
    .values({ userId: actor.id, role: 'admin', scopeType: 'department', scopeId: event.recordId })
    .onConflictDoNothing();
});

export const identityModule: PlatformModule = {
  name: 'identity',
  authenticator({ config, database }) {
    return async (request) => {
      const token = sessionToken(request, config);
      return token ? authenticateSession(database, config, token) : undefined;
    };
  },
  async routes(app, { config, database, jobs }) {
    const ctx = createIdentityContext(config, database, jobs);
    await identityRoutes(app, ctx);
    await usersRoutes(app, ctx);
    await auditLogRoutes(app, ctx);
    await proconnectRoutes(app, ctx);
  },
  retentionRules: (_config: Config) => [
    {
      name: 'sessions',
      description: 'Sessions terminées depuis plus de 30 jours',
      purge: (database, now) => purgeOldSessions(database, now),
    },
  ],
  seedDemo: (database, config) => seedDemoAccounts(database, config.production),
};
