import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../../territory/territory.tables.ts';
import { REQUEST_CATEGORIES } from '../requests.tables.ts';

/** Which answer channel a template is written for: SMS ones are short and GSM-7 friendly. */
export const ANSWER_TEMPLATE_CHANNELS = ['email', 'sms', 'both'] as const;

/**
 * Answer templates staff start from when they answer a resident. A null département is a national
 * template shipped by the platform (`seed_key` names it, so the start-up seed is idempotent and
 * updates its text); a département's templates are written by its administrators and referents.
 * Archived ones leave the lists but stay for the audit trail.
 */
export const requestAnswerTemplates = pgTable(
  'request_answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    seedKey: text('seed_key').unique(),
    /** Null: any category. */
    category: text('category', { enum: REQUEST_CATEGORIES }),
    channel: text('channel', { enum: ANSWER_TEMPLATE_CHANNELS }).notNull(),
    title: text('title').notNull(),
    /** May hold {reference}, {categorie}, {date_demande}, replaced when rendered for a request. */
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    index('request_answer_templates_department_idx').on(table.departmentId),
    check('request_answer_templates_seed_national', sql`${table.seedKey} is null or ${table.departmentId} is null`),
  ],
);
