import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, sectors } from '../territory/territory.tables.ts';
import { requests } from './requests.tables.ts';

/** Raw bytes; node-postgres gives a Buffer, PGlite a Uint8Array: both come back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const ATTACHMENT_SOURCES = ['web', 'email'] as const;

/**
 * A photo (or, by e-mail, a PDF) attached to a request: type detected from the bytes, metadata
 * already stripped, bytes kept in the database so that an acknowledged upload survives a crash
 * and follows the request's backups and deletion.
 */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull().references(() => requests.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: ATTACHMENT_SOURCES }).notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('request_attachments_request_idx').on(table.requestId, table.createdAt), check('request_attachments_source_ck', sql`${table.source} in ('web', 'email')`)],
);

/**
 * A photo uploaded by the public form before the request itself: the form then names it by its
 * opaque id. Valid one hour, consumed when attached; the retention job purges the rest.
 */
export const requestUploads = pgTable(
  'request_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('request_uploads_expires_idx').on(table.expiresAt)],
);

/**
 * An e-mail address the platform's SMTP listener receives for: a sector's mailbox, or (no sector)
 * a département's catch-all. Addresses are stored lower-case.
 */
export const sectorMailboxes = pgTable(
  'sector_mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    address: text('address').notNull().unique(),
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull().references(() => departments.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('sector_mailboxes_address_ck', sql`${table.address} = lower(${table.address})`)],
);
