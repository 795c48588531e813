import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { runWriteHooks } from '../../platform/write-hooks.ts';
import { bumpCacheVersion, invalidateLocal } from '../../platform/cache/versioned-cache.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { afterCommit, withTransaction } from '../../platform/db/transaction.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type {
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  District,
  DistrictCreate,
  DistrictUpdate,
  Municipality,
  MunicipalityCreate,
  MunicipalityUpdate,
  Sector,
  SectorCreate,
  SectorUpdate,
} from '../../../shared/territory/territory.schemas.ts';
import * as q from './territory.queries.ts';
import { departments, districts, municipalities, sectors } from './territory.tables.ts';
import { assertNoOverlap, checkGeometry } from './sector-geometry.ts';

export const TERRITORY_CACHE_KEY = 'territory';

/**
 * Every territory write: in the caller's transaction or one of its own, the change, its audit
 * event, the write hooks of other modules and the cache version bump; the local cache is
 * invalidated once the outermost transaction has committed.
 */
export async function writeTerritory<T>(
  executor: Executor,
  actor: Actor,
  action: string,
  write: (tx: Tx) => Promise<{ result: T; recordType: string; recordId: string; details?: Record<string, unknown> }>,
): Promise<T> {
  try {
    return await withTransaction(executor, async (tx) => {
      const { result, recordType, recordId, details } = await write(tx);
      await recordAudit(tx, actor, { action, recordType, recordId, details });
      await runWriteHooks(tx, actor, { action, recordType, recordId });
      await bumpCacheVersion(tx, TERRITORY_CACHE_KEY);
      await afterCommit(tx, () => invalidateLocal(TERRITORY_CACHE_KEY));
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Un élément avec ce code ou ce nom existe déjà.');
    if (isForeignKeyViolation(error))
      throw new ConflictError("L'élément est encore utilisé ou son parent n'existe plus.");
    throw error;
  }
}

const must = <T>(row: T | undefined, what: string): T => {
  if (!row) throw new NotFoundError(`${what} introuvable.`);
  return row;
};

export async function createDepartment(executor: Executor, actor: Actor, input: DepartmentCreate): Promise<Department> {
  return writeTerritory(executor, actor, 'territory.department.created', async (tx) => {
    const [row] = await tx.insert(departments).values(input).returning();
    return { result: q.toDepartment(row), recordType: 'department', recordId: row.id };
  });
}

export async function updateDepartment(
  executor: Executor,
  actor: Actor,
  id: string,
  input: DepartmentUpdate,
): Promise<Department> {
  return writeTerritory(executor, actor, 'territory.department.updated', async (tx) => {
    const [row] = await tx.update(departments).set(input).where(eq(departments.id, id)).returning();
    return { result: q.toDepartment(must(row, 'Département')), recordType: 'department', recordId: id, details: input };
  });
}

export async function createDistrict(executor: Executor, actor: Actor, input: DistrictCreate): Promise<District> {
  return writeTerritory(executor, actor, 'territory.district.created', async (tx) => {
    must(await q.findDepartmentRow(tx, input.departmentId), 'Département');
    const [row] = await tx.insert(districts).values(input).returning();
    return { result: q.toDistrict(row), recordType: 'district', recordId: row.id };
  });
}

export async function updateDistrict(
  executor: Executor,
  actor: Actor,
  id: string,
  input: DistrictUpdate,
): Promise<District> {
  return writeTerritory(executor, actor, 'territory.district.updated', async (tx) => {
    const [row] = await tx.update(districts).set(input).where(eq(districts.id, id)).returning();
    return { result: q.toDistrict(must(row, 'Circonscription')), recordType: 'district', recordId: id, details: input };
  });
}

export async function createMunicipality(
  executor: Executor,
  actor: Actor,
  input: MunicipalityCreate,
): Promise<Municipality> {
  return writeTerritory(executor, actor, 'territory.municipality.created', async (tx) => {
    must(await q.findDistrictRow(tx, input.districtId), 'Circonscription');
    const [row] = await tx.insert(municipalities).values(input).returning();
    return { result: q.toMunicipality(row), recordType: 'municipality', recordId: row.id };
  });
}

export async function updateMunicipality(
  executor: Executor,
  actor: Actor,
  id: string,
  input: MunicipalityUpdate,
): Promise<Municipality> {
  return writeTerritory(executor, actor, 'territory.municipality.updated', async (tx) => {
    must(await q.findDistrictRow(tx, input.districtId), 'Circonscription');
    const [row] = await tx.update(municipalities).set(input).where(eq(municipalities.id, id)).returning();
    return { result: q.toMunicipality(must(row, 'Commune')), recordType: 'municipality', recordId: id, details: input };
  });
}

export async function createSector(executor: Executor, actor: Actor, input: SectorCreate): Promise<Sector> {
  const checked = checkGeometry(input.geometry);
  return writeTerritory(executor, actor, 'territory.sector.created', async (tx) => {
    must(await q.findMunicipalityRow(tx, input.municipalityId), 'Commune');
    await lockSectors(tx);
    const neighbours = await q.listSectorRows(tx, { municipalityId: input.municipalityId });
    assertNoOverlap(checked.geometry, neighbours);
    const [row] = await tx
      .insert(sectors)
      .values({ municipalityId: input.municipalityId, code: input.code, name: input.name, ...checked.columns })
      .returning();
    return { result: q.toSector(row), recordType: 'sector', recordId: row.id };
  });
}

export async function updateSector(executor: Executor, actor: Actor, id: string, input: SectorUpdate): Promise<Sector> {
  const checked = checkGeometry(input.geometry);
  return writeTerritory(executor, actor, 'territory.sector.updated', async (tx) => {
    await lockSectors(tx);
    const current = must(await q.findSectorRow(tx, id), 'Secteur');
    const neighbours = (await q.listSectorRows(tx, { municipalityId: current.municipalityId })).filter(
      (row) => row.id !== id,
    );
    assertNoOverlap(checked.geometry, neighbours);
    const [row] = await tx
      .update(sectors)
      .set({ name: input.name, ...checked.columns, updatedAt: new Date() })
      .where(eq(sectors.id, id))
      .returning();
    return {
      result: q.toSector(row),
      recordType: 'sector',
      recordId: id,
      details: { name: input.name, vertexCount: checked.columns.vertexCount },
    };
  });
}

type Level = 'department' | 'district' | 'municipality' | 'sector';
const LEVELS: Record<
  Level,
  {
    table: typeof departments | typeof districts | typeof municipalities | typeof sectors;
    label: string;
    children?: string;
  }
> = {
  department: { table: departments, label: 'Département', children: 'il contient encore des circonscriptions' },
  district: { table: districts, label: 'Circonscription', children: 'elle contient encore des communes' },
  municipality: { table: municipalities, label: 'Commune', children: 'elle contient encore des secteurs' },
  sector: { table: sectors, label: 'Secteur' },
};

export async function deleteTerritoryItem(executor: Executor, actor: Actor, level: Level, id: string): Promise<void> {
  const { table, label, children } = LEVELS[level];
  await writeTerritory(executor, actor, `territory.${level}.deleted`, async (tx) => {
    if (level !== 'sector' && (await q.countChildren(tx, level, id)) > 0) {
      throw new ConflictError(`Suppression impossible : ${children}.`);
    }
    const deleted = await tx.delete(table).where(eq(table.id, id)).returning({ id: table.id });
    must(deleted[0], label);
    return { result: undefined, recordType: level, recordId: id };
  });
}

/** Any constant: the advisory lock key of sector writes. */
const SECTOR_LOCK_KEY = 7_340_002;

/** Sector writes check overlaps against the current sectors: they must not interleave. */
export async function lockSectors(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SECTOR_LOCK_KEY})`);
}
