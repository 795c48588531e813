import { eq } from 'drizzle-orm';
import type { Actor, UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import { formatDate } from '../../../shared/format/french-dates.ts';
import type { VisitConversion, VisitCreate, VisitUpdate } from '../../../shared/office-hour-visits/visits.schemas.ts';
import type { OccurrencePlace } from '../office-hours/index.ts';
import { cleanContact, locateStaffRequest, recordStaffRequest } from '../requests/index.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';
import type { VisitsContext } from './visits-context.ts';
import type { VisitRow } from './visits.queries.ts';

type Values = Partial<typeof officeHourVisits.$inferInsert>;

/** Contact details checked like a request's (valid e-mail, French phone normalised); blanks become null. */
function contactValues(contact: NonNullable<VisitCreate['contact']>): Values {
  const clean = cleanContact({
    anonymity: 'named',
    contact: { name: contact.name ?? undefined, email: contact.email ?? undefined, phone: contact.phone ?? undefined },
  });
  return { contactName: clean.name, contactEmail: clean.email, contactPhone: clean.phone };
}

function editableValues(input: VisitUpdate): Values {
  const values: Values = {};
  if (input.category !== undefined) values.category = input.category;
  if (input.placeLabel !== undefined) values.placeLabel = input.placeLabel?.trim() || null;
  if (input.point !== undefined)
    Object.assign(values, { lon: input.point?.lon ?? null, lat: input.point?.lat ?? null });
  if (input.said !== undefined) values.said = input.said.trim();
  if (input.wantsAnswer !== undefined) values.wantsAnswer = input.wantsAnswer;
  if (input.contact !== undefined) Object.assign(values, contactValues(input.contact));
  if (input.followUp !== undefined) values.followUp = input.followUp;
  return values;
}

/**
 * Notes a visit at the place found by the office-hours module; its sector, commune and département
 * scope it from now on. Refused (422) at an occurrence that does not take place that day.
 */
export async function createVisit(
  executor: Executor,
  actor: UserActor,
  input: VisitCreate,
  place: OccurrencePlace,
): Promise<VisitRow> {
  if (!place.held)
    throw new UnprocessableError(
      `Cette permanence n'a pas lieu le ${formatDate(input.date)} : choisissez une ` +
        `date où elle se tient, ou notez la visite au lieu seul.`,
      [{ pointer: '/date', message: 'Pas de permanence ce jour-là.' }],
    );
  const values = editableValues(input);
  return withTransaction(executor, async (tx) => {
    const [row] = await tx
      .insert(officeHourVisits)
      .values({
        ...values,
        category: input.category,
        said: input.said.trim(),
        scheduleId: place.schedule?.id ?? null,
        venueId: place.venue.id,
        visitDate: input.date,
        authorId: actor.id,
        followUp: input.followUp ?? (input.wantsAnswer ? 'awaiting' : 'none'),
        sectorId: place.venue.sectorId,
        municipalityId: place.venue.municipalityId,
        departmentId: place.path.departmentId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'office-hours.visit.created',
      recordType: 'office_hour_visit',
      recordId: row.id,
      details: {
        venueId: place.venue.id,
        scheduleId: place.schedule?.id ?? null,
        date: input.date,
        category: input.category,
        contact: !!(values.contactEmail || values.contactPhone),
      },
    });
    return row;
  });
}

export async function updateVisit(executor: Executor, actor: Actor, id: string, input: VisitUpdate): Promise<VisitRow> {
  const values = editableValues(input);
  return withTransaction(executor, async (tx) => {
    const [row] = await tx
      .update(officeHourVisits)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(officeHourVisits.id, id))
      .returning();
    if (!row) throw new NotFoundError('Visite introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.visit.updated',
      recordType: 'office_hour_visit',
      recordId: id,
      details: { fields: Object.keys(input) },
    });
    return row;
  });
}

export async function deleteVisit(executor: Executor, actor: Actor, id: string): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const [row] = await tx
      .delete(officeHourVisits)
      .where(eq(officeHourVisits.id, id))
      .returning({ requestId: officeHourVisits.requestId });
    if (!row) throw new NotFoundError('Visite introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.visit.deleted',
      recordType: 'office_hour_visit',
      recordId: id,
      details: { requestId: row.requestId },
    });
  });
}

/**
 * The visit becomes a request for its sector (channel office_hour), in one transaction with the
 * link both ways: the visit keeps the request's id, the request's history names the visit. A
 * visit converts once (409 after). Anonymity drops the name the delegate noted.
 */
export async function convertVisit(
  ctx: VisitsContext,
  executor: Executor,
  actor: Actor,
  found: VisitRow,
  input: VisitConversion,
): Promise<VisitRow> {
  // Routed before the transaction: the sector resolver reads through its own connection.
  const place = {
    point: found.lon !== null && found.lat !== null ? { lon: found.lon, lat: found.lat } : null,
    label: found.placeLabel,
    sectorId: found.sectorId,
  };
  const located = await locateStaffRequest(ctx.requests, place);
  const id = found.id;
  return withTransaction(executor, async (tx) => {
    const [visit] = await tx.select().from(officeHourVisits).where(eq(officeHourVisits.id, id)).for('update');
    if (!visit) throw new NotFoundError('Visite introuvable.');
    if (visit.requestId) throw new ConflictError('Cette visite a déjà donné lieu à une demande.');
    const receipt = await recordStaffRequest(
      ctx.requests,
      tx,
      actor,
      {
        channel: 'office_hour',
        category: visit.category,
        description: input.description?.trim() || visit.said,
        place,
        contact: {
          name: input.anonymity === 'anonymous' ? null : visit.contactName,
          email: visit.contactEmail,
          phone: visit.contactPhone,
        },
        noAnswerWanted: !visit.wantsAnswer,
        anonymity: input.anonymity,
        confidential: input.confidential ?? false,
        origin: { kind: 'office_hour_visit', visitId: visit.id, visitDate: visit.visitDate },
      },
      located,
    );
    const [converted] = await tx
      .update(officeHourVisits)
      .set({ requestId: receipt.id, updatedAt: new Date() })
      .where(eq(officeHourVisits.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'office-hours.visit.converted',
      recordType: 'office_hour_visit',
      recordId: id,
      details: { requestId: receipt.id, reference: receipt.reference },
    });
    return converted;
  });
}
