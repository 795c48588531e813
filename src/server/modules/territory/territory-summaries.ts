import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { municipalitySummaries, type MunicipalitySummary } from './municipality-summaries.ts';
import { departments, sectors } from './territory.tables.ts';

/**
 * What other modules show of the territory items their records point to (a request's sector, a
 * venue's commune, an Open311 client's département), read by ids in one query per kind: they
 * never read territory's tables themselves.
 */
export interface SectorSummary {
  id: string;
  code: string;
  name: string;
}
export interface DepartmentSummary {
  id: string;
  code: string;
  name: string;
}

const unique = (ids: ReadonlyArray<string | null | undefined>) => [
  ...new Set(ids.filter((id): id is string => typeof id === 'string')),
];

/** Code and name of these sectors (missing ids, and nulls, are simply absent). */
export async function sectorSummaries(
  db: Executor,
  ids: ReadonlyArray<string | null | undefined>,
): Promise<SectorSummary[]> {
  const wanted = unique(ids);
  if (wanted.length === 0) return [];
  return db
    .select({ id: sectors.id, code: sectors.code, name: sectors.name })
    .from(sectors)
    .where(inArray(sectors.id, wanted));
}

/** Code and name of these départements (missing ids, and nulls, are simply absent). */
export async function departmentSummaries(
  db: Executor,
  ids: ReadonlyArray<string | null | undefined>,
): Promise<DepartmentSummary[]> {
  const wanted = unique(ids);
  if (wanted.length === 0) return [];
  return db
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(departments)
    .where(inArray(departments.id, wanted));
}

export interface PlaceSummaries {
  sectors: Map<string, SectorSummary>;
  municipalities: Map<string, MunicipalitySummary>;
}

/** The sectors and communes of a batch of records, by id: one reader call per list of records. */
export async function placeSummaries(
  db: Executor,
  ids: {
    sectorIds: ReadonlyArray<string | null | undefined>;
    municipalityIds: ReadonlyArray<string | null | undefined>;
  },
): Promise<PlaceSummaries> {
  const found = await sectorSummaries(db, ids.sectorIds);
  const communes = await municipalitySummaries(db, unique(ids.municipalityIds));
  return {
    sectors: new Map(found.map((sector) => [sector.id, sector])),
    municipalities: new Map(communes.map((commune) => [commune.id, commune])),
  };
}
