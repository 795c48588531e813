import { eq, inArray, sql } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database, Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import type { DemoAccount as ListedDemoAccount, Role, ScopeType } from '../../../shared/identity/identity.schemas.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { hashPassword } from './crypto/passwords.ts';
import { organisations, roleAssignments, users } from './identity.tables.ts';

interface DemoAccount {
  role: Role;
  email: string;
  displayName: string;
  /** Where the role applies, by the demo territory's codes. */
  scope: { type: ScopeType; code: string; label: string };
  organisation?: { name: string; kind: string };
}

/** One account per role on the Moselle demo territory. Their passwords are public, by design. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'admin',
    email: 'admin@demo.psq.fr',
    displayName: 'Claire Admin (DDSP 57)',
    scope: { type: 'department', code: '57', label: 'Moselle' },
  },
  {
    role: 'police_referent',
    email: 'referent.borny@demo.psq.fr',
    displayName: 'Major Karim Referent',
    scope: { type: 'sector', code: 'METZ-BORNY', label: 'Borny (Metz)' },
  },
  {
    role: 'delegate',
    email: 'delegue.metz@demo.psq.fr',
    displayName: 'William Délégué',
    scope: { type: 'municipality', code: '57463', label: 'Metz' },
  },
  {
    role: 'elected',
    email: 'maire.metz@demo.psq.fr',
    displayName: 'Élise Maire',
    scope: { type: 'municipality', code: '57463', label: 'Metz' },
  },
  {
    role: 'municipal_police',
    email: 'pm.metz@demo.psq.fr',
    displayName: 'Paul Police municipale',
    scope: { type: 'municipality', code: '57463', label: 'Metz' },
  },
  {
    role: 'partner',
    email: 'partenaire.bailleur@demo.psq.fr',
    displayName: 'Nadia Bailleur',
    scope: { type: 'municipality', code: '57463', label: 'Metz' },
    organisation: { name: 'Metz Habitat Territoire (démo)', kind: 'landlord' },
  },
  {
    role: 'citizen_referent',
    email: 'referent.boulay@demo.psq.fr',
    displayName: 'Jean Référent citoyen',
    scope: { type: 'sector', code: 'BOULAY-MOSELLE', label: 'Boulay-Moselle' },
  },
  {
    role: 'evaluator',
    email: 'evaluation@demo.psq.fr',
    displayName: 'Pr Évaluation (université)',
    scope: { type: 'department', code: '57', label: 'Moselle' },
  },
];

const SCOPE_LABELS: Record<ScopeType, string> = {
  department: 'département',
  district: 'circonscription',
  municipality: 'commune',
  sector: 'secteur',
};

export const demoPassword = (role: Role) => `demo-psq-${role.replace('_', '-')}`;

export function listDemoAccounts(): ListedDemoAccount[] {
  return DEMO_ACCOUNTS.map((account) => ({
    email: account.email,
    password: demoPassword(account.role),
    role: account.role,
    displayName: account.displayName,
    scope: `${account.scope.label} (${SCOPE_LABELS[account.scope.type]})`,
  }));
}

/** The sign-in page's list: outside production, and only when the database holds demo accounts. */
export async function shownDemoAccounts(db: Executor, production: boolean): Promise<ListedDemoAccount[]> {
  if (production) return [];
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.demo, true));
  return Number(row.n) > 0 ? listDemoAccounts() : [];
}

/** Demo mode only (never in production): accounts that skip MFA enrolment. */
export async function seedDemoAccounts(database: Database, production: boolean): Promise<void> {
  if (production) return;
  const existing = await database.db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_ACCOUNTS.map((a) => a.email),
      ),
    );
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hashPassword(demoPassword(account.role))));
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    if (existing.some((row) => row.email === account.email)) continue;
    const id = await territoryIdByCode(database.db, account.scope.type, account.scope.code);
    if (!id) continue;
    await withTransaction(database.db, async (tx) => {
      let organisationId: string | null = null;
      if (account.organisation) {
        const [org] = await tx.insert(organisations).values(account.organisation).onConflictDoNothing().returning();
        organisationId =
          org?.id ??
          (await tx.select().from(organisations).where(eq(organisations.name, account.organisation.name)))[0].id;
      }
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          displayName: account.displayName,
          status: 'active',
          passwordHash: hashes[index],
          demo: true,
          organisationId,
        })
        .returning();
      await tx
        .insert(roleAssignments)
        .values({ userId: user.id, role: account.role, scopeType: account.scope.type, scopeId: id });
      await recordAudit(tx, systemActor('seed'), {
        action: 'user.demo.created',
        recordType: 'user',
        recordId: user.id,
      });
    });
  }
}
