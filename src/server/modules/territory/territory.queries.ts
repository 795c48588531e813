import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type {
  Department,
  District,
  Municipality,
  Resolution,
  Sector,
  TerritoryMap,
} from '../../../shared/territory/territory.schemas.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { departments, districts, municipalities, sectors } from './territory.tables.ts';

type DepartmentRow = typeof departments.$inferSelect;
type DistrictRow = typeof districts.$inferSelect;
type MunicipalityRow = typeof municipalities.$inferSelect;
export type SectorRow = typeof sectors.$inferSelect;

export const toDepartment = (row: DepartmentRow): Department => ({ id: row.id, code: row.code, name: row.name });
export const toDistrict = (row: DistrictRow): District => ({
  id: row.id,
  departmentId: row.departmentId,
  name: row.name,
  force: row.force,
});
export const toMunicipality = (row: MunicipalityRow): Municipality => ({
  id: row.id,
  districtId: row.districtId,
  inseeCode: row.inseeCode,
  name: row.name,
});
export const toSector = (row: SectorRow): Sector => ({
  id: row.id,
  municipalityId: row.municipalityId,
  code: row.code,
  name: row.name,
  geometry: row.geometry,
});

export async function listDepartmentRows(db: Executor) {
  return db.select().from(departments).orderBy(asc(departments.code));
}
export async function findDepartmentRow(db: Executor, id: string) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}
export async function findDepartmentByCode(db: Executor, code: string) {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row;
}

export async function listDistrictRows(db: Executor, filter: { departmentId?: string }) {
  return db
    .select()
    .from(districts)
    .where(filter.departmentId ? eq(districts.departmentId, filter.departmentId) : undefined)
    .orderBy(asc(districts.name));
}
export async function findDistrictRow(db: Executor, id: string) {
  const [row] = await db.select().from(districts).where(eq(districts.id, id));
  return row;
}

export async function listMunicipalityRows(db: Executor, filter: { districtId?: string; departmentId?: string }) {
  const rows = await db
    .select({ municipality: municipalities })
    .from(municipalities)
    .innerJoin(districts, eq(districts.id, municipalities.districtId))
    .where(
      and(
        filter.districtId ? eq(municipalities.districtId, filter.districtId) : undefined,
        filter.departmentId ? eq(districts.departmentId, filter.departmentId) : undefined,
      ),
    )
    .orderBy(asc(municipalities.name));
  return rows.map((row) => row.municipality);
}
export async function findMunicipalityRow(db: Executor, id: string) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row;
}
export async function findMunicipalitiesByInsee(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(municipalities).where(inArray(municipalities.inseeCode, codes));
}

export async function listSectorRows(
  db: Executor,
  filter: { municipalityId?: string; departmentId?: string; municipalityIds?: string[] },
) {
  const rows = await db
    .select({ sector: sectors })
    .from(sectors)
    .innerJoin(municipalities, eq(municipalities.id, sectors.municipalityId))
    .innerJoin(districts, eq(districts.id, municipalities.districtId))
    .where(
      and(
        filter.municipalityId ? eq(sectors.municipalityId, filter.municipalityId) : undefined,
        filter.municipalityIds ? inArray(sectors.municipalityId, filter.municipalityIds) : undefined,
        filter.departmentId ? eq(districts.departmentId, filter.departmentId) : undefined,
      ),
    )
    .orderBy(asc(sectors.code));
  return rows.map((row) => row.sector);
}
export async function findSectorRow(db: Executor, id: string) {
  const [row] = await db.select().from(sectors).where(eq(sectors.id, id));
  return row;
}
export async function findSectorsByCode(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(sectors).where(inArray(sectors.code, codes));
}

export async function countChildren(
  db: Executor,
  level: 'department' | 'district' | 'municipality',
  id: string,
): Promise<number> {
  const query =
    level === 'department'
      ? sql`select count(*)::int as n from districts where department_id = ${id}`
      : level === 'district'
        ? sql`select count(*)::int as n from municipalities where district_id = ${id}`
        : sql`select count(*)::int as n from sectors where municipality_id = ${id}`;
  const result = await db.execute(query);
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return Number(rows[0]?.n ?? 0);
}

/** Everything the resolver needs, in one read: each sector with its commune, district and département. */
export async function loadResolutionEntries(
  db: Executor,
): Promise<Array<{ resolution: Resolution; geometry: SectorRow['geometry'] }>> {
  const rows = await db
    .select({ sector: sectors, municipality: municipalities, district: districts, department: departments })
    .from(sectors)
    .innerJoin(municipalities, eq(municipalities.id, sectors.municipalityId))
    .innerJoin(districts, eq(districts.id, municipalities.districtId))
    .innerJoin(departments, eq(departments.id, districts.departmentId))
    .orderBy(asc(sectors.code));
  return rows.map((row) => ({
    geometry: row.sector.geometry,
    resolution: {
      sector: { id: row.sector.id, code: row.sector.code, name: row.sector.name },
      municipality: { id: row.municipality.id, inseeCode: row.municipality.inseeCode, name: row.municipality.name },
      district: { id: row.district.id, name: row.district.name, force: row.district.force },
      department: { id: row.department.id, code: row.department.code, name: row.department.name },
    },
  }));
}

/** One sector, or 404 « Secteur introuvable. ». */
export async function getSector(db: Executor, id: string): Promise<Sector> {
  const row = await findSectorRow(db, id);
  if (!row) throw new NotFoundError('Secteur introuvable.');
  return toSector(row);
}

/**
 * The public overview of a département (its code; default: Moselle, 57, else the first by code):
 * its districts, communes and sectors, and every département. An unknown code is a 404.
 */
export async function loadTerritoryMap(db: Executor, code: string | undefined): Promise<TerritoryMap> {
  const all = await listDepartmentRows(db);
  const department = code ? all.find((d) => d.code === code) : (all.find((d) => d.code === '57') ?? all[0]);
  if (code && !department) throw new NotFoundError('Département introuvable.');
  if (!department) return { department: null, departments: [], districts: [], municipalities: [], sectors: [] };
  const [districtRows, municipalityRows, sectorRows] = await Promise.all([
    listDistrictRows(db, { departmentId: department.id }),
    listMunicipalityRows(db, { departmentId: department.id }),
    listSectorRows(db, { departmentId: department.id }),
  ]);
  return {
    department: toDepartment(department),
    departments: all.map(toDepartment),
    districts: districtRows.map(toDistrict),
    municipalities: municipalityRows.map(toMunicipality),
    sectors: sectorRows.map(toSector),
  };
}
