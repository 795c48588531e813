import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { officeHourSchedules, officeHourVenues } from '../office-hours/office-hours.tables.ts';
import { requests } from '../requests/requests.tables.ts';
import { departments, municipalities, sectors } from '../territory/territory.tables.ts';

/** The request categories that make sense for a visit (road safety is not one of them). */
export const VISIT_CATEGORIES = [
  'incivilities',
  'motorbike_rodeo',
  'drug_dealing',
  'burglary',
  'noise',
  'neighbour_dispute',
  'other',
] as const;
export const VISIT_FOLLOW_UPS = ['none', 'awaiting', 'done'] as const;

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * What a resident said at an office hour, noted in confidence by the delegate who met them.
 * Tied to an occurrence (schedule + date) or, for an ad-hoc visit, to a venue and a date. The
 * venue's sector, commune and département are copied at writing time: they scope who may read
 * it (the author, the sector's police referents, admins) even if the venue later moves or goes.
 */
export const officeHourVisits = pgTable(
  'office_hour_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id').references(() => officeHourSchedules.id, { onDelete: 'set null' }),
    venueId: uuid('venue_id').references(() => officeHourVenues.id, { onDelete: 'set null' }),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    authorId: uuid('author_id').notNull(),
    category: text('category', { enum: VISIT_CATEGORIES }).notNull(),
    placeLabel: text('place_label'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    said: text('said').notNull(),
    wantsAnswer: boolean('wants_answer').notNull().default(false),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    followUp: text('follow_up', { enum: VISIT_FOLLOW_UPS }).notNull().default('none'),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('office_hour_visits_author_idx').on(table.authorId, table.visitDate),
    index('office_hour_visits_sector_idx').on(table.sectorId, table.visitDate),
    index('office_hour_visits_municipality_idx').on(table.municipalityId, table.visitDate),
    index('office_hour_visits_department_idx').on(table.departmentId, table.visitDate),
    index('office_hour_visits_created_idx').on(table.createdAt),
    check('office_hour_visits_category_ck', sql`${table.category} in (${list(VISIT_CATEGORIES)})`),
    check('office_hour_visits_follow_up_ck', sql`${table.followUp} in (${list(VISIT_FOLLOW_UPS)})`),
    check('office_hour_visits_point_ck', sql`(${table.lon} is null) = (${table.lat} is null)`),
  ],
);
