import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { REQUEST_CATEGORIES } from './requests.tables.ts';

/**
 * Acknowledgement and answer targets set by administrators, national: one row per category at
 * most. A category without a row takes REQUEST_TARGETS, then the code's default
 * (request-targets.ts). Due dates are computed on read, so a change applies to every open request.
 */
export const requestCategoryTargets = pgTable(
  'request_category_targets',
  {
    category: text('category', { enum: REQUEST_CATEGORIES }).primaryKey(),
    ackHours: integer('ack_hours').notNull(),
    answerHours: integer('answer_hours').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The administrator's user id (no foreign key: the audit log keeps who it was after an account is gone). */
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    check('request_category_targets_category_ck', sql`${table.category} in (${sql.raw(REQUEST_CATEGORIES.map((c) => `'${c}'`).join(', '))})`),
    check('request_category_targets_hours_ck', sql`${table.ackHours} >= 1 and ${table.ackHours} <= ${table.answerHours} and ${table.answerHours} <= 8760`),
  ],
);
