import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, sectors } from '../territory/territory.tables.ts';

export const EXCEPTION_KINDS = ['cancelled', 'moved', 'added'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/**
 * Where office hours are held (mairie de quartier, hôtel de ville, maison de services au public).
 * Its sector and commune are resolved from its position when it is saved: a venue outside every
 * sector is refused. A sector later removed leaves the venue in its commune.
 */
export const officeHourVenues = pgTable(
  'office_hour_venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    accessibilityNotes: text('accessibility_notes'),
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('office_hour_venues_municipality_idx').on(table.municipalityId),
    index('office_hour_venues_sector_idx').on(table.sectorId),
  ],
);

/**
 * A recurring office hour, stored as its rule (RFC 5545 RRULE value and/or explicit dates), never
 * as expanded rows. Times are wall-clock minutes in Europe/Paris, so 14:00 stays 14:00 across
 * daylight-saving changes.
 */
export const officeHourSchedules = pgTable(
  'office_hour_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => officeHourVenues.id, { onDelete: 'cascade' }),
    /** The delegate (or commissioner) holding it; an account id, like other modules' user references. */
    delegateUserId: uuid('delegate_user_id').notNull(),
    title: text('title').notNull(),
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
    /** RRULE value without DTSTART ("FREQ=WEEKLY;BYDAY=WE"); null when only explicit dates. */
    rrule: text('rrule'),
    /** Explicit dates (RDATE), ISO "YYYY-MM-DD". */
    rdates: date('rdates', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    bookingEnabled: boolean('booking_enabled').notNull().default(false),
    slotMinutes: smallint('slot_minutes'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('office_hour_schedules_venue_idx').on(table.venueId),
    index('office_hour_schedules_delegate_idx').on(table.delegateUserId),
    check(
      'office_hour_schedules_minutes_ck',
      sql`${table.startMinute} between 0 and 1439 and ${table.endMinute} between 1 and 1440 and ${table.startMinute} < ${table.endMinute}`,
    ),
    check('office_hour_schedules_dates_ck', sql`${table.startDate} <= ${table.endDate}`),
    check(
      'office_hour_schedules_slot_ck',
      sql`${table.slotMinutes} is null or ${table.slotMinutes} between 5 and ${table.endMinute} - ${table.startMinute}`,
    ),
  ],
);

/**
 * One occurrence changed: cancelled (with a public reason), moved (to a new date and times), or
 * added (an extra date). `originalDate` names the occurrence of the rule (null for an added one).
 */
export const officeHourExceptions = pgTable(
  'office_hour_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => officeHourSchedules.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EXCEPTION_KINDS }).notNull(),
    originalDate: date('original_date', { mode: 'string' }),
    /** New date and times (moved, added); null for a cancellation. */
    date: date('date', { mode: 'string' }),
    startMinute: smallint('start_minute'),
    endMinute: smallint('end_minute'),
    /** Shown to the public. */
    reason: text('reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('office_hour_exceptions_original_uq').on(table.scheduleId, table.originalDate),
    check('office_hour_exceptions_kind_ck', sql`${table.kind} in ('cancelled', 'moved', 'added')`),
    check(
      'office_hour_exceptions_shape_ck',
      sql`(${table.kind} = 'cancelled' and ${table.originalDate} is not null and ${table.date} is null)
        or (${table.kind} = 'moved' and ${table.originalDate} is not null and ${table.date} is not null and ${table.startMinute} < ${table.endMinute})
        or (${table.kind} = 'added' and ${table.originalDate} is null and ${table.date} is not null and ${table.startMinute} < ${table.endMinute})`,
    ),
  ],
);

export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;

/**
 * A resident's booking of one occurrence: a slot (its start minute, Paris wall clock) or just
 * attendance (null slot). The partial unique index is what stops two residents getting the same
 * slot, even when their requests arrive at the same instant. Only the hash of the cancel code is
 * kept; the source address only as a keyed hash, for the per-address limit.
 */
export const officeHourBookings = pgTable(
  'office_hour_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => officeHourSchedules.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    slotStartMinute: smallint('slot_start_minute'),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    cancelCodeHash: text('cancel_code_hash').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('booked'),
    sourceKey: text('source_key'),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('office_hour_bookings_slot_uq')
      .on(table.scheduleId, table.date, table.slotStartMinute)
      .where(sql`${table.status} = 'booked' and ${table.slotStartMinute} is not null`),
    uniqueIndex('office_hour_bookings_code_uq').on(table.cancelCodeHash),
    index('office_hour_bookings_date_idx').on(table.date),
    index('office_hour_bookings_source_idx').on(table.sourceKey, table.createdAt),
    check('office_hour_bookings_status_ck', sql`${table.status} in ('booked', 'cancelled')`),
    check('office_hour_bookings_contact_ck', sql`${table.email} is not null or ${table.phone} is not null`),
  ],
);
