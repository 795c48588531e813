import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities } from '../territory/territory.tables.ts';

export const ALERT_KINDS = ['intervention', 'public_order', 'road_closed', 'missing_person', 'other'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_SEVERITIES = ['info', 'important', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'closed'] as const;

/**
 * Who a commune wants to be told, in order: rank 1 receives an alert at once, rank 2 when nobody
 * acknowledged within the escalation delay, and so on. Managed by the commune's mayor.
 */
export const communeContacts = pgTable(
  'commune_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Maire, adjoint à la sécurité, DGS… free text shown to the sender. */
    role: text('role').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    /** Linked account, when the contact uses the app: receives the alert in-app too. */
    userId: uuid('user_id'),
    rank: smallint('rank').notNull().default(1),
    /** Minutes after midnight, Europe/Paris; both null = reachable at any hour. May wrap midnight. */
    availableFromMinute: smallint('available_from_minute'),
    availableToMinute: smallint('available_to_minute'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('commune_contacts_municipality_idx').on(table.municipalityId, table.rank),
    uniqueIndex('commune_contacts_municipality_phone_uq').on(table.municipalityId, table.phone),
    check('commune_contacts_rank_ck', sql`${table.rank} between 1 and 9`),
    check(
      'commune_contacts_hours_ck',
      sql`(${table.availableFromMinute} is null) = (${table.availableToMinute} is null) and coalesce(${table.availableFromMinute}, 0) between 0 and 1439 and coalesce(${table.availableToMinute}, 0) between 0 and 1439`,
    ),
  ],
);

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
    /** The point the sender clicked, when the communes were resolved from it. */
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    escalationDelayMinutes: integer('escalation_delay_minutes').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
  },
  (table) => [
    index('alerts_created_by_idx').on(table.createdBy, table.createdAt),
    check(
      'alerts_kind_ck',
      sql`${table.kind} in ('intervention', 'public_order', 'road_closed', 'missing_person', 'other')`,
    ),
    check('alerts_severity_ck', sql`${table.severity} in ('info', 'important', 'critical')`),
    check('alerts_status_ck', sql`${table.status} in ('open', 'closed')`),
  ],
);

/** One commune an alert concerns, and how far its escalation went. */
export const alertCommunes = pgTable(
  'alert_communes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id, { onDelete: 'restrict' }),
    /** Highest contact rank alerted so far. */
    currentRank: smallint('current_rank').notNull().default(1),
    /** Null once acknowledged, closed, or when no rank is left. */
    nextEscalationAt: timestamp('next_escalation_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('alert_communes_alert_municipality_uq').on(table.alertId, table.municipalityId),
    index('alert_communes_escalation_idx').on(table.nextEscalationAt),
  ],
);

/** A contact an alert went to; the copy of the contact is kept so later edits do not rewrite history. */
export const alertRecipients = pgTable(
  'alert_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    alertCommuneId: uuid('alert_commune_id')
      .notNull()
      .references(() => alertCommunes.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id'),
    name: text('name').notNull(),
    role: text('role').notNull(),
    phone: text('phone').notNull(),
    userId: uuid('user_id'),
    rank: smallint('rank').notNull(),
    /** Random part of the short acknowledgement link (the link also carries an HMAC of it). */
    ackCode: text('ack_code').notNull().unique(),
    smsDeliveryId: uuid('sms_delivery_id'),
    inAppDeliveryId: uuid('in_app_delivery_id'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedVia: text('acknowledged_via', { enum: ['link', 'app'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('alert_recipients_alert_idx').on(table.alertId),
    index('alert_recipients_user_idx').on(table.userId),
    check(
      'alert_recipients_via_ck',
      sql`${table.acknowledgedVia} is null or ${table.acknowledgedVia} in ('link', 'app')`,
    ),
  ],
);

/** The initial message, each update and the closing message, with the notification that carried it. */
export const alertMessages = pgTable(
  'alert_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['initial', 'update', 'escalation', 'close'] }).notNull(),
    text: text('text').notNull(),
    notificationId: uuid('notification_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('alert_messages_alert_idx').on(table.alertId, table.createdAt),
    check('alert_messages_kind_ck', sql`${table.kind} in ('initial', 'update', 'escalation', 'close')`),
  ],
);
