import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per in-process cache; a write bumps its version in the same transaction so every
 * process (web or worker, any number of them) notices and reloads.
 */
export const cacheVersions = pgTable('cache_versions', {
  key: text('key').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only trail of writes (and, with identity, of personal data reads). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (table) => [
    index('audit_events_occurred_at_idx').on(table.occurredAt),
    index('audit_events_record_idx').on(table.recordType, table.recordId),
  ],
);

export const uuidPk = () => uuid('id').primaryKey().defaultRandom();

/** Facts about this database itself, e.g. when demo data was loaded (so a second start reuses it). */
export const platformMeta = pgTable('platform_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Anti-abuse counters per key in fixed windows (public forms, trackings, uploads, e-mail senders,
 * API clients, bookings), in the database so that every process sees the same counts. Unlogged
 * (migration 0012): a crash only restarts the windows. Its name comes from its first user, the
 * requests module; renaming a table is not worth a migration.
 */
export const throttleCounters = pgTable('request_throttle', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});
