import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { departments, municipalities, sectors } from '../territory/territory.tables.ts';

export const REQUEST_CHANNELS = ['web', 'email', 'office_hour', 'phone'] as const;
export const REQUEST_CATEGORIES = [
  'incivilities',
  'motorbike_rodeo',
  'drug_dealing',
  'burglary',
  'noise',
  'neighbour_dispute',
  'road_safety',
  'other',
] as const;
export const REQUEST_STATUSES = ['new', 'acknowledged', 'in_progress', 'answered', 'closed'] as const;
export const REQUEST_TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'night', 'any'] as const;
/** named: the name may be passed on to the services handling it; police_only: known to the police only; anonymous: no name kept. */
export const REQUEST_ANONYMITY = ['named', 'police_only', 'anonymous'] as const;
/** transferred: handed to the town hall or another service (the note says which and why). */
export const REQUEST_CLOSE_REASONS = ['resolved', 'duplicate', 'rejected', 'transferred'] as const;
export const REQUEST_EVENT_KINDS = ['created', 'status', 'note', 'answer', 'reply', 'redirect', 'assignment'] as const;
export const REQUEST_EVENT_VISIBILITIES = ['internal', 'resident'] as const;

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * French full-text search without the unaccent extension (absent from PGlite and not always
 * installed): lower case, accents folded by translate(), then the french stemmer. The same
 * expression is used by the GIN indexes here and by the queries (request-search.ts).
 */
export const SEARCH_ACCENTS = 'àâäáãåéèêëíìîïóòôöõúùûüýÿçñ';
export const SEARCH_PLAIN = 'aaaaaaeeeeiiiiooooouuuuyycn';
export const searchVector = (text: SQL) =>
  sql`to_tsvector('french'::regconfig, translate(lower(${text}), ${sql.raw(`'${SEARCH_ACCENTS}'`)}, ${sql.raw(`'${SEARCH_PLAIN}'`)}))`;

/** Numbers the references (R-2026-000123); a sequence never hands the same number to two processes. */
export const requestReferenceSeq = pgSequence('request_reference_seq', { startWith: 1 });

/**
 * A resident's request (demande de sécurité), whatever its channel. The place is resolved to a
 * sector when possible; outside every sector it still lands in a département's inbox when one
 * is near (flag `outside_sectors`), and with no département it is "non routée" (all ids null).
 */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    channel: text('channel', { enum: REQUEST_CHANNELS }).notNull(),
    category: text('category', { enum: REQUEST_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    timeOfDay: text('time_of_day', { enum: REQUEST_TIMES_OF_DAY }),
    recurring: boolean('recurring'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    /** Free text the resident typed (address, landmark). */
    placeLabel: text('place_label'),
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    municipalityId: uuid('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    outsideSectors: boolean('outside_sectors').notNull().default(false),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    noAnswerWanted: boolean('no_answer_wanted').notNull().default(false),
    anonymity: text('anonymity', { enum: REQUEST_ANONYMITY }).notNull(),
    confidential: boolean('confidential').notNull().default(false),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('new'),
    closeReason: text('close_reason', { enum: REQUEST_CLOSE_REASONS }),
    /** Why it was rejected, or which request it duplicates (shown to the resident). */
    closeNote: text('close_note'),
    duplicateOfId: uuid('duplicate_of_id'),
    assigneeId: uuid('assignee_id'),
    /** SHA-256 of the tracking token; the token itself is only ever in the resident's link. */
    trackingTokenHash: text('tracking_token_hash').notNull().unique(),
    idempotencyClient: text('idempotency_client'),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the submitted body: the same key with another body is refused, never answered with someone else's request. */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Set by the retention rule once contact details, texts and the precise point are gone (REQUEST_ANONYMISE_AFTER_DAYS). */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('requests_idempotency_uq').on(table.idempotencyClient, table.idempotencyKey),
    index('requests_sector_idx').on(table.sectorId, table.status, table.createdAt),
    index('requests_municipality_idx').on(table.municipalityId, table.createdAt),
    index('requests_department_idx').on(table.departmentId, table.createdAt),
    index('requests_status_idx').on(table.status, table.createdAt),
    // Duplicate suggestions: same category, then a latitude band (bounding-box prefilter).
    index('requests_category_point_idx').on(table.category, table.lat, table.lon),
    index('requests_search_idx').using(
      'gin',
      searchVector(sql`${table.reference} || ' ' || ${table.description} || ' ' || coalesce(${table.placeLabel}, '')`),
    ),
    // The retention rule's scan: closed requests not yet anonymised, oldest first.
    index('requests_to_anonymise_idx')
      .on(table.closedAt)
      .where(sql`${table.anonymisedAt} is null and ${table.closedAt} is not null`),
    check('requests_channel_ck', sql`${table.channel} in (${list(REQUEST_CHANNELS)})`),
    check('requests_category_ck', sql`${table.category} in (${list(REQUEST_CATEGORIES)})`),
    check('requests_status_ck', sql`${table.status} in (${list(REQUEST_STATUSES)})`),
    check(
      'requests_time_of_day_ck',
      sql`${table.timeOfDay} is null or ${table.timeOfDay} in (${list(REQUEST_TIMES_OF_DAY)})`,
    ),
    check('requests_anonymity_ck', sql`${table.anonymity} in (${list(REQUEST_ANONYMITY)})`),
    check(
      'requests_close_reason_ck',
      sql`${table.closeReason} is null or ${table.closeReason} in (${list(REQUEST_CLOSE_REASONS)})`,
    ),
    check('requests_point_ck', sql`(${table.lon} is null) = (${table.lat} is null)`),
  ],
);

/** The request's history: status changes, internal notes, answers sent, resident replies. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REQUEST_EVENT_KINDS }).notNull(),
    /** internal: staff only (notes, assignments); resident: also on the tracking page, without staff names. */
    visibility: text('visibility', { enum: REQUEST_EVENT_VISIBILITIES }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    body: text('body'),
    /** For answers: e-mail or SMS. */
    channel: text('channel'),
    authorType: text('author_type', { enum: ['staff', 'resident', 'system'] }).notNull(),
    authorId: uuid('author_id'),
    notificationId: uuid('notification_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_events_request_idx').on(table.requestId, table.createdAt),
    index('request_events_search_idx').using('gin', searchVector(sql`coalesce(${table.body}, '')`)),
    check('request_events_kind_ck', sql`${table.kind} in (${list(REQUEST_EVENT_KINDS)})`),
    check('request_events_visibility_ck', sql`${table.visibility} in (${list(REQUEST_EVENT_VISIBILITIES)})`),
  ],
);
