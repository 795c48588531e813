import { asc } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { Organisation, OrganisationCreate } from '../../../shared/identity/identity.schemas.ts';
import { organisations } from './identity.tables.ts';

type OrganisationRow = typeof organisations.$inferSelect;
const toOrganisation = (row: OrganisationRow): Organisation => ({
  id: row.id,
  name: row.name,
  kind: row.kind as Organisation['kind'],
});

/** Partner organisations, by name. */
export async function listOrganisations(db: Executor): Promise<Organisation[]> {
  return (await db.select().from(organisations).orderBy(asc(organisations.name))).map(toOrganisation);
}

/** A new partner organisation; its name is unique (409). */
export async function createOrganisation(
  executor: Executor,
  actor: Actor,
  input: OrganisationCreate,
): Promise<Organisation> {
  try {
    return await withTransaction(executor, async (tx) => {
      const [created] = await tx.insert(organisations).values(input).returning();
      await recordAudit(tx, actor, {
        action: 'organisation.created',
        recordType: 'organisation',
        recordId: created.id,
        reason: 'POST /api/organisations',
      });
      return toOrganisation(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Une organisation porte déjà ce nom.');
    throw error;
  }
}
