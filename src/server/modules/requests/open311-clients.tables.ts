import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Client applications allowed to POST service requests through Open311 (GeoReport v2). The key
 * is shown once at creation; only its SHA-256 is kept. A revoked client keeps its row, so the
 * audit trail and the requests it sent still name it.
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('open311_clients_created_idx').on(table.createdAt)],
);
