import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/client.ts';
import { sectorSummaries } from '../../territory/index.ts';
import { requests } from '../requests.tables.ts';
import { scrubContactDetails } from '../contact-scrub.ts';
import { REQUEST_CATEGORY_LABELS } from '../../../../shared/requests/requests.schemas.ts';
import { isoWithOffset } from './open311-format.ts';
import { deadlinesOf, type TargetBook } from '../targets/request-deadlines.ts';

/** The specification's default window when no date is given, and our cap on one answer. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const PUBLIC_DESCRIPTION_CHARS = 1000;

const CLOSED_NOTES = {
  resolved: 'Demande traitée.',
  duplicate: 'Demande déjà signalée par ailleurs (doublon).',
  rejected: 'Demande hors du champ de la police de sécurité du quotidien.',
  transferred: 'Demande transmise au service compétent.',
} as const;
const OPEN_NOTES = {
  new: 'Demande reçue.',
  acknowledged: 'Demande prise en compte.',
  in_progress: 'Demande en cours de traitement.',
  answered: 'Le demandeur a reçu une réponse.',
  closed: 'Demande close.',
} as const;

const columns = {
  id: requests.id,
  reference: requests.reference,
  category: requests.category,
  description: requests.description,
  anonymity: requests.anonymity,
  departmentId: requests.departmentId,
  status: requests.status,
  closeReason: requests.closeReason,
  lon: requests.lon,
  lat: requests.lat,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
  acknowledgedAt: requests.acknowledgedAt,
  anonymisedAt: requests.anonymisedAt,
  sectorId: requests.sectorId,
};
const selectPublic = (db: Executor) => db.select(columns).from(requests);
type PublicRow = Awaited<ReturnType<typeof selectPublic>>[number] & { sectorName: string | null };

/** The sector's name of each row, from one reader call for the whole answer. */
async function withSectorNames(db: Executor, rows: Awaited<ReturnType<typeof selectPublic>>): Promise<PublicRow[]> {
  const names = new Map(
    (
      await sectorSummaries(
        db,
        rows.map((row) => row.sectorId),
      )
    ).map((sector) => [sector.id, sector.name]),
  );
  return rows.map((row) => ({ ...row, sectorName: (row.sectorId && names.get(row.sectorId)) || null }));
}

/** ~100 m: three decimals of a degree; never the resident's exact point. */
const coarse = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * What anyone may read of a request. No contact, no address typed by the resident (it may be
 * their home), a point rounded to ~100 m, generic status notes (never staff's free text). The
 * description is published only when the resident accepted that their request be passed on
 * (anonymity "named"), scrubbed of e-mails, numbers and links; otherwise it is absent.
 */
export function toPublicRequest(row: PublicRow, targets: TargetBook, now: Date) {
  const shareable = row.anonymity === 'named' && !row.anonymisedAt;
  return {
    service_request_id: row.reference,
    status: row.status === 'closed' ? 'closed' : 'open',
    status_notes: row.status === 'closed' && row.closeReason ? CLOSED_NOTES[row.closeReason] : OPEN_NOTES[row.status],
    service_name: REQUEST_CATEGORY_LABELS[row.category],
    service_code: row.category,
    description: shareable ? scrubContactDetails(row.description).slice(0, PUBLIC_DESCRIPTION_CHARS) : null,
    agency_responsible: row.sectorName ? `Police nationale — ${row.sectorName}` : 'Police nationale',
    service_notice: null,
    requested_datetime: isoWithOffset(row.createdAt),
    updated_datetime: isoWithOffset(row.updatedAt),
    // The same acknowledgement due date as the staff inbox shows (the category's target in the request's département).
    expected_datetime:
      row.status === 'new'
        ? isoWithOffset(new Date(deadlinesOf(row, targets.of(row.departmentId), now).ackDueAt))
        : null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: coarse(row.lat),
    long: coarse(row.lon),
    media_url: null,
  };
}
export type PublicRequest = ReturnType<typeof toPublicRequest>;

export interface PublicRequestFilter {
  references?: string[];
  serviceCode?: typeof requests.category._.data;
  from?: Date;
  to?: Date;
  statuses?: Array<'open' | 'closed'>;
}

/** Non-confidential requests only, newest first, at most MAX_REQUESTS. */
export async function listPublicRequests(
  db: Executor,
  filter: PublicRequestFilter,
  targets: TargetBook,
): Promise<PublicRequest[]> {
  const where: Array<SQL | undefined> = [eq(requests.confidential, false)];
  if (filter.references) where.push(inArray(requests.reference, filter.references));
  else {
    if (filter.serviceCode) where.push(eq(requests.category, filter.serviceCode));
    if (filter.from) where.push(gte(requests.createdAt, filter.from));
    if (filter.to) where.push(lte(requests.createdAt, filter.to));
    const statuses = new Set(filter.statuses ?? []);
    if (statuses.size === 1)
      where.push(
        statuses.has('closed')
          ? eq(requests.status, 'closed')
          : inArray(requests.status, ['new', 'acknowledged', 'in_progress', 'answered']),
      );
  }
  const rows = await withSectorNames(
    db,
    await selectPublic(db)
      .where(and(...where))
      .orderBy(desc(requests.createdAt), desc(requests.id))
      .limit(MAX_REQUESTS),
  );
  const now = new Date();
  return rows.map((row) => toPublicRequest(row, targets, now));
}

/** `GET tokens/{token}`: the token handed at submission is the request's id. */
export async function referenceOfToken(db: Executor, token: string): Promise<string | undefined> {
  const [row] = await db.select({ reference: requests.reference }).from(requests).where(eq(requests.id, token));
  return row?.reference;
}
