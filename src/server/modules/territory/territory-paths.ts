import { eq, inArray } from 'drizzle-orm';
import type { TerritoryPath } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { ScopeType } from '../../../shared/identity/identity.schemas.ts';
import { departments, districts, municipalities, sectors } from './territory.tables.ts';

/**
 * Where a territory item sits, from its département down to itself: the access layer checks a
 * user's assignments against it. `undefined` when the item does not exist.
 */
export async function territoryPathOf(db: Executor, level: ScopeType, id: string): Promise<TerritoryPath | undefined> {
  switch (level) {
    case 'department': {
      const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
      return row && { departmentId: row.id };
    }
    case 'district': {
      const [row] = await db
        .select({ departmentId: districts.departmentId })
        .from(districts)
        .where(eq(districts.id, id));
      return row && { departmentId: row.departmentId, districtId: id };
    }
    case 'municipality': {
      const [row] = await db
        .select({ districtId: municipalities.districtId, departmentId: districts.departmentId })
        .from(municipalities)
        .innerJoin(districts, eq(districts.id, municipalities.districtId))
        .where(eq(municipalities.id, id));
      return row && { departmentId: row.departmentId, districtId: row.districtId, municipalityId: id };
    }
    case 'sector': {
      const [row] = await db
        .select({
          municipalityId: sectors.municipalityId,
          districtId: municipalities.districtId,
          departmentId: districts.departmentId,
        })
        .from(sectors)
        .innerJoin(municipalities, eq(municipalities.id, sectors.municipalityId))
        .innerJoin(districts, eq(districts.id, municipalities.districtId))
        .where(eq(sectors.id, id));
      return (
        row && {
          departmentId: row.departmentId,
          districtId: row.districtId,
          municipalityId: row.municipalityId,
          sectorId: id,
        }
      );
    }
  }
}

/** Display names of territory items, e.g. for role assignments (« Metz (commune) »). */
export async function territoryNames(
  db: Executor,
  refs: Array<{ scopeType: ScopeType; scopeId: string }>,
): Promise<Map<string, string>> {
  const byType = (type: ScopeType) => [...new Set(refs.filter((r) => r.scopeType === type).map((r) => r.scopeId))];
  const names = new Map<string, string>();
  const load = async (
    type: ScopeType,
    table: typeof departments | typeof districts | typeof municipalities | typeof sectors,
    label: string,
  ) => {
    const ids = byType(type);
    if (ids.length === 0) return;
    const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
    for (const row of rows) names.set(row.id, `${row.name} (${label})`);
  };
  await load('department', departments, 'département');
  await load('district', districts, 'circonscription');
  await load('municipality', municipalities, 'commune');
  await load('sector', sectors, 'secteur');
  return names;
}

/** Every territory item at or below these scopes (their own ids included), to filter lists. */
export async function territoryIdsUnder(
  db: Executor,
  scopes: Array<{ scopeType: ScopeType; scopeId: string }>,
): Promise<string[]> {
  const ids = new Set(scopes.map((scope) => scope.scopeId));
  const of = (type: ScopeType) => scopes.filter((scope) => scope.scopeType === type).map((scope) => scope.scopeId);
  const departmentIds = of('department');
  const districtIds = [...of('district')];
  if (departmentIds.length) {
    for (const row of await db
      .select({ id: districts.id })
      .from(districts)
      .where(inArray(districts.departmentId, departmentIds)))
      districtIds.push(row.id);
  }
  const municipalityIds = [...of('municipality')];
  if (districtIds.length) {
    for (const row of await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inArray(municipalities.districtId, districtIds)))
      municipalityIds.push(row.id);
  }
  if (municipalityIds.length) {
    for (const row of await db
      .select({ id: sectors.id })
      .from(sectors)
      .where(inArray(sectors.municipalityId, municipalityIds)))
      ids.add(row.id);
  }
  for (const id of [...districtIds, ...municipalityIds]) ids.add(id);
  return [...ids];
}

/** A territory item by its natural code: département code, district name, INSEE code, sector code. */
export async function territoryIdByCode(db: Executor, level: ScopeType, code: string): Promise<string | undefined> {
  const rows =
    level === 'department'
      ? await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code))
      : level === 'district'
        ? await db.select({ id: districts.id }).from(districts).where(eq(districts.name, code))
        : level === 'municipality'
          ? await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.inseeCode, code))
          : await db.select({ id: sectors.id }).from(sectors).where(eq(sectors.code, code));
  return rows[0]?.id;
}
