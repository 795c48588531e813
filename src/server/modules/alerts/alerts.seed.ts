import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { findActiveUserByEmail } from '../identity/index.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { communeContacts } from './alerts.tables.ts';

const METZ = '57463';

/**
 * Metz's alert list: the demo mayor's account at rank 1 (in-app too), a deputy at rank 1 and the
 * DGS at rank 2. Not the range ARCEP keeps for fiction (06 39 98…): libphonenumber does not know
 * that block, so notify() would refuse to send to it. These are the documentation example
 * numbers (06 12 34 56 7x); demo data never exists in production, and without a provider the SMS
 * stay in the test outbox.
 */
const METZ_CONTACTS = [
  { name: 'Élise Maire', role: 'Maire', phone: '+33612345671', rank: 1, userEmail: 'maire.metz@demo.psq.fr' },
  { name: 'Hugo Adjoint', role: 'Adjoint à la sécurité', phone: '+33612345672', rank: 1 },
  {
    name: 'Sophie Directrice',
    role: 'Directrice générale des services',
    phone: '+33612345673',
    rank: 2,
    availableFrom: 7 * 60,
    availableTo: 22 * 60,
  },
];

export async function seedDemoAlerts(database: Database): Promise<void> {
  const metz = await territoryIdByCode(database.db, 'municipality', METZ);
  if (!metz) return;
  const existing = await database.db
    .select({ id: communeContacts.id })
    .from(communeContacts)
    .where(eq(communeContacts.municipalityId, metz))
    .limit(1);
  if (existing.length) return;
  await withTransaction(database.db, async (tx) => {
    for (const contact of METZ_CONTACTS) {
      const user = contact.userEmail ? await findActiveUserByEmail(tx, contact.userEmail) : undefined;
      const [row] = await tx
        .insert(communeContacts)
        .values({
          municipalityId: metz,
          name: contact.name,
          role: contact.role,
          phone: contact.phone,
          rank: contact.rank,
          userId: user?.id ?? null,
          availableFromMinute: contact.availableFrom ?? null,
          availableToMinute: contact.availableTo ?? null,
        })
        .returning({ id: communeContacts.id });
      await recordAudit(tx, systemActor('seed'), {
        action: 'alert.contact.created',
        recordType: 'commune_contact',
        recordId: row.id,
        details: { municipalityId: metz, rank: contact.rank },
      });
    }
  });
}
