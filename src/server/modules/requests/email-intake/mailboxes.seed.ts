import type { Database } from '../../../platform/db/client.ts';
import { territoryIdByCode, territoryPathOf } from '../../territory/index.ts';
import { sectorMailboxes } from '../attachments/request-attachments.tables.ts';

/** Demo: three Metz sectors and Moselle's catch-all receive e-mail (with INBOUND_SMTP_PORT set, send a message to borny@psq.localhost). */
const DEMO: Array<{ address: string; sector?: string }> = [
  { address: 'borny@psq.localhost', sector: 'METZ-BORNY' },
  { address: 'bellecroix@psq.localhost', sector: 'METZ-BELLECROIX' },
  { address: 'metz-centre@psq.localhost', sector: 'METZ-CENTRE-VILLE' },
  { address: 'moselle@psq.localhost' },
];

export async function seedDemoMailboxes(database: Database): Promise<void> {
  const db = database.db;
  const [existing] = await db.select({ id: sectorMailboxes.id }).from(sectorMailboxes).limit(1);
  const moselle = await territoryIdByCode(db, 'department', '57');
  if (existing || !moselle) return;
  for (const { address, sector } of DEMO) {
    const sectorId = sector ? await territoryIdByCode(db, 'sector', sector) : undefined;
    if (sector && !sectorId) continue;
    const path = sectorId ? await territoryPathOf(db, 'sector', sectorId) : { departmentId: moselle };
    if (path)
      await db
        .insert(sectorMailboxes)
        .values({ address, sectorId: sectorId ?? null, departmentId: path.departmentId })
        .onConflictDoNothing();
  }
}
