import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { departments, sectors } from '../../territory/territory.tables.ts';
import { requests } from '../requests.tables.ts';

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
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: ATTACHMENT_SOURCES }).notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_attachments_request_idx').on(table.requestId, table.createdAt),
    check('request_attachments_source_ck', sql`${table.source} in ('web', 'email')`),
  ],
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
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('sector_mailboxes_address_ck', sql`${table.address} = lower(${table.address})`)],
);

export const IMAP_SECURITY = ['tls', 'starttls', 'none'] as const;

/**
 * Where a mailbox is also fetched by IMAP (issue 6: « ou relevé par IMAP »): the worker's job
 * `requests-imap-fetch` connects, takes the unseen messages and marks them seen. The password is
 * sealed (AES-256-GCM, key derived from SECRET_KEY) and never leaves the server. The last run's
 * outcome is kept for the administrators' page; `lease_until` keeps two processes from fetching
 * the same mailbox at once.
 */
export const mailboxImapSources = pgTable(
  'mailbox_imap_sources',
  {
    mailboxId: uuid('mailbox_id')
      .primaryKey()
      .references(() => sectorMailboxes.id, { onDelete: 'cascade' }),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    security: text('security', { enum: IMAP_SECURITY }).notNull(),
    username: text('username').notNull(),
    passwordSealed: text('password_sealed').notNull(),
    folder: text('folder').notNull().default('INBOX'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastSummary: text('last_summary'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('mailbox_imap_sources_security_ck', sql`${table.security} in ('tls', 'starttls', 'none')`),
    check('mailbox_imap_sources_port_ck', sql`${table.port} between 1 and 65535`),
  ],
);

export const IMAP_OUTCOMES = ['request', 'reply', 'refused', 'too_large', 'deferred'] as const;

/**
 * Each message taken from an IMAP mailbox, by (mailbox, UIDVALIDITY, UID): written in the same
 * transaction as the request (or reply) it became, so a crash between that commit and the \Seen
 * flag never makes a second request. `refused` and `too_large` stay in the mailbox, flagged, and
 * are not tried again; `deferred` (sender over the hourly limit) is tried again after `retry_after`.
 * `message_id_hash` (SHA-256 of the Message-ID) also catches the same message under a new UIDVALIDITY.
 */
export const mailboxImapMessages = pgTable(
  'mailbox_imap_messages',
  {
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => sectorMailboxes.id, { onDelete: 'cascade' }),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    messageIdHash: text('message_id_hash'),
    outcome: text('outcome', { enum: IMAP_OUTCOMES }).notNull(),
    detail: text('detail'),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    retryAfter: timestamp('retry_after', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.mailboxId, table.uidValidity, table.uid] }),
    index('mailbox_imap_messages_message_id_idx').on(table.mailboxId, table.messageIdHash),
    check(
      'mailbox_imap_messages_outcome_ck',
      sql`${table.outcome} in ('request', 'reply', 'refused', 'too_large', 'deferred')`,
    ),
  ],
);
