import { eq } from 'drizzle-orm';
import { can, scopesFor, type Actor, type TerritoryPath, type UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database, Executor } from '../../platform/db/client.ts';
import { NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import type {
  OfficeHourVenue,
  OfficeHourVenueCreate,
  OfficeHourVenueDetail,
  OfficeHourVenueList,
  OfficeHourVenueUpdate,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import type { Resolution } from '../../../shared/territory/territory.schemas.ts';
import { resolvePoint, territoryIdsUnder, territoryPathOf } from '../territory/index.ts';
import type { OfficeHoursContext } from './office-hours-context.ts';
import {
  exceptionsBySchedule,
  listScheduleRows,
  listVenueRowsWithin,
  toSchedule,
  toVenues,
  type VenueRow,
} from './office-hours.queries.ts';
import { officeHourVenues } from './office-hours.tables.ts';
import { runOfficeHoursWrite } from './public-cache.ts';

export const MANAGE = 'office-hours.manage' as const;

/** The sector and commune of a point; a venue outside every sector cannot be placed (422). */
export async function placeOfPoint(
  database: Database,
  lon: number,
  lat: number,
  pollMs: number,
): Promise<{ resolution: Resolution; path: TerritoryPath }> {
  const resolution = await resolvePoint(database, lon, lat, { pollMs });
  if (!resolution)
    throw new UnprocessableError("Ce lieu n'est dans aucun secteur : vérifiez sa position.", [
      { pointer: '/lon', message: 'Hors de tout secteur.' },
    ]);
  const path = {
    departmentId: resolution.department.id,
    districtId: resolution.district.id,
    municipalityId: resolution.municipality.id,
    sectorId: resolution.sector.id,
  };
  return { resolution, path };
}

/** Where a venue sits, for access checks: its commune, and its sector when it still has one. */
export async function venuePath(db: Executor, venue: VenueRow): Promise<TerritoryPath | undefined> {
  const path = await territoryPathOf(db, 'municipality', venue.municipalityId);
  return path && { ...path, ...(venue.sectorId ? { sectorId: venue.sectorId } : {}) };
}

/** The venues of the caller's territories (communes and sectors under their assignments), by name. */
export async function listVenuesFor(db: Executor, actor: UserActor): Promise<OfficeHourVenueList> {
  const scopes = scopesFor(actor, MANAGE);
  const ids = scopes === 'all' ? [] : await territoryIdsUnder(db, scopes);
  return { items: await toVenues(db, await listVenueRowsWithin(db, ids)) };
}

/** A venue with its schedules and their exceptions. */
export async function venueDetail(db: Executor, venue: VenueRow): Promise<OfficeHourVenueDetail> {
  const schedules = await listScheduleRows(db, { venueIds: [venue.id] });
  const exceptions = await exceptionsBySchedule(
    db,
    schedules.map((row) => row.id),
  );
  return {
    venue: (await toVenues(db, [venue]))[0],
    schedules: schedules.map((row) => toSchedule(row, exceptions.get(row.id) ?? [])),
  };
}

export async function createVenue(
  executor: Executor,
  actor: Actor,
  input: OfficeHourVenueCreate,
  resolution: Resolution,
): Promise<OfficeHourVenue> {
  const row = await runOfficeHoursWrite(executor, async (tx) => {
    const [created] = await tx
      .insert(officeHourVenues)
      .values({
        name: input.name.trim(),
        address: input.address.trim(),
        lon: input.lon,
        lat: input.lat,
        accessibilityNotes: input.accessibilityNotes?.trim() || null,
        sectorId: resolution.sector.id,
        municipalityId: resolution.municipality.id,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'office-hours.venue.created',
      recordType: 'office_hour_venue',
      recordId: created.id,
      details: { municipalityId: created.municipalityId, sectorId: created.sectorId },
    });
    return created;
  });
  return (await toVenues(executor, [row]))[0];
}

/** A move re-resolves the sector; the new place must be in the caller's territory too. */
export async function updateVenue(
  ctx: OfficeHoursContext,
  executor: Executor,
  actor: Actor,
  existing: VenueRow,
  input: OfficeHourVenueUpdate,
): Promise<OfficeHourVenue> {
  const values: Partial<typeof officeHourVenues.$inferInsert> = {};
  if (input.name !== undefined) values.name = input.name.trim();
  if (input.address !== undefined) values.address = input.address.trim();
  if (input.accessibilityNotes !== undefined) values.accessibilityNotes = input.accessibilityNotes?.trim() || null;
  if (input.lon !== undefined || input.lat !== undefined) {
    const lon = input.lon ?? existing.lon;
    const lat = input.lat ?? existing.lat;
    const { resolution, path } = await placeOfPoint(ctx.database, lon, lat, ctx.pollMs);
    if (!can(actor, MANAGE, path))
      throw new UnprocessableError('Ce nouvel emplacement est hors de votre territoire.', [
        { pointer: '/lon', message: 'Hors de votre territoire.' },
      ]);
    Object.assign(values, { lon, lat, sectorId: resolution.sector.id, municipalityId: resolution.municipality.id });
  }
  const row = await runOfficeHoursWrite(executor, async (tx) => {
    const [updated] = await tx
      .update(officeHourVenues)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(officeHourVenues.id, existing.id))
      .returning();
    if (!updated) throw new NotFoundError('Lieu de permanence introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.venue.updated',
      recordType: 'office_hour_venue',
      recordId: existing.id,
      details: { fields: Object.keys(input), municipalityId: updated.municipalityId },
    });
    return updated;
  });
  return (await toVenues(executor, [row]))[0];
}

/** Removes the venue with its schedules and their exceptions. */
export async function deleteVenue(executor: Executor, actor: Actor, id: string): Promise<void> {
  await runOfficeHoursWrite(executor, async (tx) => {
    const [deleted] = await tx.delete(officeHourVenues).where(eq(officeHourVenues.id, id)).returning();
    if (!deleted) throw new NotFoundError('Lieu de permanence introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.venue.deleted',
      recordType: 'office_hour_venue',
      recordId: id,
      details: { municipalityId: deleted.municipalityId },
    });
  });
}
