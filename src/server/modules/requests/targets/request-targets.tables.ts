import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../../territory/territory.tables.ts';
import { REQUEST_CATEGORIES } from '../requests.tables.ts';

/**
 * Acknowledgement and answer targets set by a département's administrators: one row per
 * (département, category) at most. A request takes its département's row for its category, else
 * REQUEST_TARGETS, else the code's default (request-targets.ts); an unrouted request (no
 * département) takes REQUEST_TARGETS or the default. Due dates are computed on read, so a change
 * applies to every open request of the département.
 */
export const requestCategoryTargets = pgTable(
  'request_category_targets',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    category: text('category', { enum: REQUEST_CATEGORIES }).notNull(),
    ackHours: integer('ack_hours').notNull(),
    answerHours: integer('answer_hours').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The administrator's user id (no foreign key: the audit log keeps who it was after an account is gone). */
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    primaryKey({ columns: [table.departmentId, table.category] }),
    check(
      'request_category_targets_category_ck',
      sql`${table.category} in (${sql.raw(REQUEST_CATEGORIES.map((c) => `'${c}'`).join(', '))})`,
    ),
    check(
      'request_category_targets_hours_ck',
      sql`${table.ackHours} >= 1 and ${table.ackHours} <= ${table.answerHours} and ${table.answerHours} <= 8760`,
    ),
  ],
);
