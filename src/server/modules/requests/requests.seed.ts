import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import type { RequestCreate } from '../../../shared/requests/requests.schemas.ts';
import { requestEvents, requests } from './requests.tables.ts';
import { createRequestsContext, type RequestsSettings } from './requests-context.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { submitWebRequest } from './intake/request-intake.ts';

/** Points near the office-hour venues of Bellecroix, Borny and the town hall (sectors of the Moselle demo). */
const DEMO: Array<RequestCreate & { acknowledge?: boolean }> = [
  {
    category: 'motorbike_rodeo',
    description:
      'Des motos cross font des rodéos le soir sur le parking du centre ' +
      'commercial, avec des passages à grande vitesse devant l’école.',
    timeOfDay: 'evening',
    recurring: true,
    point: { lon: 6.2255, lat: 49.1058 },
    placeLabel: 'Parking boulevard de Provence, Borny',
    anonymity: 'police_only',
    contact: { name: 'Karim B.', phone: '06 12 34 56 74' },
    acknowledge: true,
  },
  {
    category: 'drug_dealing',
    description: 'Un point de vente s’est installé dans le hall d’immeuble, des allées et venues toute la nuit.',
    timeOfDay: 'night',
    recurring: true,
    point: { lon: 6.2138, lat: 49.1287 },
    placeLabel: 'Rue de Toulouse, Bellecroix',
    anonymity: 'anonymous',
    confidential: true,
  },
  {
    category: 'noise',
    description: 'Musique très forte tous les samedis soir dans le square, jusqu’à trois heures du matin.',
    timeOfDay: 'night',
    recurring: true,
    point: { lon: 6.1757, lat: 49.1195 },
    placeLabel: 'Place d’Armes',
    anonymity: 'named',
    contact: { name: 'Martine L.' },
  },
  {
    category: 'road_safety',
    description: 'Les voitures ne s’arrêtent pas au passage piéton devant le collège à la sortie des cours.',
    timeOfDay: 'afternoon',
    recurring: true,
    point: { lon: 6.2132, lat: 49.1282 },
    anonymity: 'named',
    contact: { name: 'Parent d’élève' },
  },
];

/**
 * A few requests in Metz's sectors, one of them acknowledged. None carries an e-mail address:
 * the seed runs without a job queue, so no receipt is sent.
 */
export async function seedDemoRequests(database: Database, config: Config, settings: RequestsSettings): Promise<void> {
  const [existing] = await database.db.select({ id: requests.id }).from(requests).limit(1);
  if (existing) return;
  const ctx = createRequestsContext(config, database, () => undefined, settings);
  const actor = systemActor('seed');
  for (const { acknowledge, ...input } of DEMO) {
    const { receipt } = await submitWebRequest(ctx, database.db, actor, input);
    if (!acknowledge) continue;
    await withTransaction(database.db, async (tx) => {
      const [row] = await tx
        .update(requests)
        .set({ status: 'acknowledged', acknowledgedAt: new Date() })
        .where(eq(requests.reference, receipt.reference))
        .returning({ id: requests.id });
      await tx.insert(requestEvents).values({
        requestId: row.id,
        kind: 'status',
        visibility: 'resident',
        fromStatus: 'new',
        toStatus: 'acknowledged',
        authorType: 'system',
      });
    });
  }
}
