import type { Actor } from '../../platform/access/actor.ts';
import { BadRequestError, NotFoundError } from '../../platform/errors.ts';
import type { AlertCommuneList, AlertCommuneQuery } from '../../../shared/alerts/alerts.schemas.ts';
import { municipalitySummaries, resolvePoint } from '../territory/index.ts';
import type { AlertsContext } from './alerts-context.ts';
import { actorCoversCommune, coveredMunicipalityIds } from './alert-scope.ts';
import { contactAvailable, listActiveContactsOf } from './contacts.queries.ts';

const SEND = 'alerts.send' as const;
const MAX_COMMUNES = 200;

/**
 * The communes a sender may alert (filtered by name), or the one at a point when it is in their
 * territory, each with its active contacts and those reachable now.
 */
export async function alertableCommunes(
  ctx: AlertsContext,
  actor: Actor,
  query: AlertCommuneQuery,
): Promise<AlertCommuneList> {
  const db = ctx.database.db;
  const { lon, lat, q } = query;
  if ((lon === undefined) !== (lat === undefined))
    throw new BadRequestError('Indiquez la longitude et la latitude du point, ou aucune des deux.');
  let ids: string[];
  if (lon !== undefined && lat !== undefined) {
    const resolution = await resolvePoint(ctx.database, lon, lat, { pollMs: ctx.cachePollMs });
    if (!resolution || !(await actorCoversCommune(db, actor, SEND, resolution.municipality.id)))
      throw new NotFoundError('Aucune commune de votre territoire ne couvre ce point.');
    ids = [resolution.municipality.id];
  } else ids = await coveredMunicipalityIds(db, actor, SEND);
  const communes = (await municipalitySummaries(db, ids, q)).slice(0, MAX_COMMUNES);
  const contacts = await listActiveContactsOf(
    db,
    communes.map((c) => c.id),
  );
  const now = new Date();
  return {
    items: communes.map((c) => {
      const own = contacts.filter((contact) => contact.municipalityId === c.id);
      return {
        ...c,
        contacts: own.length,
        reachableNow: own.filter((contact) => contactAvailable(contact, now)).length,
      };
    }),
  };
}
