import { can, scopesFor, type Actor, type TerritoryPath } from '../../platform/access/actor.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { Executor } from '../../platform/db/client.ts';
import { municipalitySummaries, territoryIdsUnder, territoryPathOf } from '../territory/index.ts';

/**
 * Where a commune sits, as seen by this actor for this permission. A referent assigned to a
 * sector acts for the sector's commune (alerts concern a whole commune): the path then also
 * names the actor's sector, so that the access layer's check accepts it. Undefined when the
 * commune does not exist.
 */
export async function communePathFor(
  db: Executor,
  actor: Actor,
  permission: Permission,
  municipalityId: string,
): Promise<TerritoryPath | undefined> {
  const path = await territoryPathOf(db, 'municipality', municipalityId);
  if (!path || can(actor, permission, path)) return path;
  const scopes = scopesFor(actor, permission);
  for (const scope of scopes === 'all' ? [] : scopes.filter((s) => s.scopeType === 'sector')) {
    const sector = await territoryPathOf(db, 'sector', scope.scopeId);
    if (sector?.municipalityId === municipalityId) return { ...path, sectorId: sector.sectorId };
  }
  return path;
}

export async function actorCoversCommune(
  db: Executor,
  actor: Actor,
  permission: Permission,
  municipalityId: string,
): Promise<boolean> {
  const path = await communePathFor(db, actor, permission, municipalityId);
  return !!path && can(actor, permission, path);
}

/**
 * One path for a set of communes, for the access layer: undefined if one is missing, the path of
 * a commune outside the actor's territory if there is one (so the check fails with 404), else any.
 */
export async function pathForCommunes(
  db: Executor,
  actor: Actor,
  permission: Permission,
  ids: string[],
): Promise<TerritoryPath | undefined> {
  const paths = await Promise.all(ids.map((id) => communePathFor(db, actor, permission, id)));
  if (paths.length === 0 || paths.some((path) => !path)) return undefined;
  return paths.find((path) => !can(actor, permission, path!)) ?? paths[0];
}

/** Ids of the communes the actor holds the permission on (through any level, sectors included). */
export async function coveredMunicipalityIds(db: Executor, actor: Actor, permission: Permission): Promise<string[]> {
  const scopes = scopesFor(actor, permission);
  if (scopes === 'all') return [];
  const ids = await territoryIdsUnder(db, scopes);
  for (const scope of scopes.filter((s) => s.scopeType === 'sector')) {
    const sector = await territoryPathOf(db, 'sector', scope.scopeId);
    if (sector?.municipalityId) ids.push(sector.municipalityId);
  }
  return (await municipalitySummaries(db, ids)).map((commune) => commune.id);
}
