import crypto from 'node:crypto';
import type { Actor, TerritoryPath } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, UnprocessableError } from '../../../platform/errors.ts';
import { formatDate } from '../../../../shared/format/french-dates.ts';
import type { StaffRequestReceipt } from '../../../../shared/requests/staff-intake.schemas.ts';
import type { RequestCategory } from '../../../../shared/requests/requests.schemas.ts';
import { sectorSummaries, territoryPathOf } from '../../territory/index.ts';
import type { REQUEST_TIMES_OF_DAY } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { checkDescription, cleanContact, receiptOf, sendReceipt } from './request-intake.ts';
import { insertRequestWithHistory, type NewRequest } from './request-insert.ts';
import { routeRequest, type RequestPlace } from './request-routing.ts';
import { hashToken, trackingToken } from '../tracking/tracking-token.ts';

/** Where a request recorded by staff comes from: kept in its history, shown on the tracking page. */
export type StaffOrigin = { kind: 'phone' } | { kind: 'office_hour_visit'; visitId: string; visitDate: string };

export interface StaffRequestInput {
  channel: 'phone' | 'office_hour';
  category: RequestCategory;
  description: string;
  timeOfDay?: (typeof REQUEST_TIMES_OF_DAY)[number];
  recurring?: boolean;
  /** A map point (routed like the public form) and/or a label; without a point, the sector named by staff. */
  place: { point?: { lon: number; lat: number } | null; label?: string | null; sectorId?: string | null };
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
  noAnswerWanted?: boolean;
  anonymity: 'named' | 'police_only' | 'anonymous';
  confidential?: boolean;
  origin: StaffOrigin;
}

export type StaffPlace = RequestPlace & { path?: TerritoryPath };

const FROM_TEXT = (origin: StaffOrigin) =>
  origin.kind === 'phone'
    ? 'Demande enregistrée lors d’un appel téléphonique.'
    : `Demande recueillie lors d’une permanence du délégué (visite du ${formatDate(origin.visitDate)}).`;

/**
 * Where a staff-recorded request goes, and the territory the agent must cover to record it: the
 * point's sector (or département, outside every sector), else the sector the agent named.
 */
export async function locateStaffRequest(ctx: RequestsContext, place: StaffRequestInput['place']): Promise<StaffPlace> {
  if (place.point) {
    const routed = await routeRequest(
      ctx.database,
      place.point.lon,
      place.point.lat,
      ctx.settings.routingRadiusKm,
      ctx.cachePollMs,
    );
    const path = routed.sectorId
      ? await territoryPathOf(ctx.database.db, 'sector', routed.sectorId)
      : routed.departmentId
        ? { departmentId: routed.departmentId }
        : undefined;
    return { ...routed, path };
  }
  if (!place.sectorId)
    throw new BadRequestError('Indiquez le lieu sur la carte ou choisissez le secteur concerné.', [
      { pointer: '/point', message: 'Lieu ou secteur requis.' },
    ]);
  const path = await territoryPathOf(ctx.database.db, 'sector', place.sectorId);
  if (!path)
    throw new UnprocessableError('Secteur introuvable.', [{ pointer: '/sectorId', message: 'Secteur introuvable.' }]);
  const [sector] = await sectorSummaries(ctx.database.db, [place.sectorId]);
  return {
    routing: 'sector',
    sectorId: place.sectorId,
    municipalityId: path.municipalityId ?? null,
    departmentId: path.departmentId,
    outsideSectors: false,
    sector: sector as RequestPlace['sector'],
    path,
  };
}

/**
 * Records a request taken by staff (a phone call, an office-hour visit) in the caller's
 * transaction: the request with its reference and tracking token, its first event saying where
 * it came from, the audit event, and the resident's acknowledgement with the tracking link by
 * e-mail (or SMS when only a phone is known) through the outbox. `located` comes from
 * locateStaffRequest, called before the transaction: the sector resolver reads through the
 * database's own connection, which a single-connection database (PGlite) cannot lend mid-transaction.
 */
export async function recordStaffRequest(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  input: StaffRequestInput,
  located: StaffPlace,
): Promise<StaffRequestReceipt> {
  const description = checkDescription(input.description);
  const contact = cleanContact({
    anonymity: input.anonymity,
    contact: {
      name: input.contact?.name ?? undefined,
      email: input.contact?.email ?? undefined,
      phone: input.contact?.phone ?? undefined,
    },
  });
  const place = located;
  const id = crypto.randomUUID();
  const values: NewRequest = {
    id,
    channel: input.channel,
    category: input.category,
    description,
    timeOfDay: input.timeOfDay ?? null,
    recurring: input.recurring ?? null,
    lon: input.place.point?.lon ?? null,
    lat: input.place.point?.lat ?? null,
    placeLabel: input.place.label?.trim() || null,
    sectorId: place.sectorId,
    municipalityId: place.municipalityId,
    departmentId: place.departmentId,
    outsideSectors: place.outsideSectors,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone,
    noAnswerWanted: input.noAnswerWanted ?? false,
    anonymity: input.anonymity,
    confidential: input.confidential ?? false,
    trackingTokenHash: hashToken(trackingToken(ctx.key, id)),
    createdBy: actor.type === 'user' ? actor.id : null,
  };
  const origin =
    input.origin.kind === 'office_hour_visit'
      ? { visitId: input.origin.visitId, visitDate: input.origin.visitDate }
      : {};
  return withTransaction(executor, async (tx) => {
    const row = await insertRequestWithHistory(
      tx,
      actor,
      values,
      { channel: input.channel, routing: place.routing, ...origin },
      {
        channel: input.channel,
        category: input.category,
        routing: place.routing,
        sectorId: place.sectorId,
        departmentId: place.departmentId,
        contact: { email: !!contact.email, phone: !!contact.phone },
        ...origin,
      },
      { inTransaction: true, eventBody: FROM_TEXT(input.origin) },
    );
    // No idempotency key: the insert always writes.
    if (!row) throw new Error('request insert returned no row');
    const receipt = receiptOf(ctx, row, place.sector, false);
    const to = contact.email ? { email: contact.email } : contact.phone ? { phone: contact.phone } : undefined;
    if (to) await sendReceipt(tx, ctx, actor, row, to, receipt.trackingUrl);
    return {
      id,
      reference: row.reference,
      status: row.status,
      routing: receipt.routing,
      sector: receipt.sector,
      confirmationSent: !!to,
    };
  });
}
