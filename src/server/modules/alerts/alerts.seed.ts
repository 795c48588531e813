import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/client.ts';
import { findActiveUserByEmail } from '../identity/index.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { communeContacts } from './alerts.tables.ts';

const METZ = '57463';

/**
 * Metz's alert list: the demo mayor's account at rank 1 (in-app too), a deputy at rank 1 and the
 * DGS at rank 2. Numbers from the range ARCEP keeps for fiction (+33 6 39 98 00 00 – 99 99).
 */
const METZ_CONTACTS = [
  { name: 'Élise Maire', role: 'Maire', phone: '+33639980001', rank: 1, userEmail: 'maire.metz@demo.psq.fr' },
  { name: 'Hugo Adjoint', role: 'Adjoint à la sécurité', phone: '+33639980002', rank: 1 },
  { name: 'Sophie Directrice', role: 'Directrice générale des services', phone: '+33639980003', rank: 2, availableFrom: 7 * 60, availableTo: 22 * 60 },
];

export async function seedDemoAlerts(database: Database): Promise<void> {
  const metz = await territoryIdByCode(database.db, 'municipality', METZ);
  if (!metz) return;
  const existing = await database.db.select({ id: communeContacts.id }).from(communeContacts).where(eq(communeContacts.municipalityId, metz)).limit(1);
  if (existing.length) return;
  await database.db.transaction(async (tx) => {
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
      await recordAudit(tx, systemActor('seed'), { action: 'alert.contact.created', recordType: 'commune_contact', recordId: row.id, details: { municipalityId: metz, rank: contact.rank } });
    }
  });
}
