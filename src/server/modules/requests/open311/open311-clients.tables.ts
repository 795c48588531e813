import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../../territory/territory.tables.ts';

/**
 * Client applications allowed to POST service requests through Open311 (GeoReport v2). The key
 * is shown once at creation; only its SHA-256 is kept. A revoked client keeps its row, so the
 * audit trail and the requests it sent still name it. Each belongs to a département: only that
 * département's administrators list and revoke it (its key still submits anywhere: routing is by point).
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('open311_clients_created_idx').on(table.createdAt),
    index('open311_clients_department_idx').on(table.departmentId),
  ],
);
