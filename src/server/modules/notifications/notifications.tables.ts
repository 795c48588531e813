import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const CHANNELS = ['email', 'sms', 'in_app', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const FAILURE_KINDS = ['permanent', 'temporary', 'technical'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** One message a module asked for; its deliveries say who gets it, how, and how far it went. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /** Actor id (user uuid, job or command name): text because system actors are not users. */
  createdBy: text('created_by'),
  /** Reply-To of its e-mails (e.g. a request's signed reply address); null: replies go to the sender. */
  replyTo: text('reply_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    recipientUserId: uuid('recipient_user_id'),
    /** E-mail, E.164 number, or the user id for in-app messages. */
    address: text('address').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('queued'),
    failureKind: text('failure_kind', { enum: FAILURE_KINDS }),
    attempts: integer('attempts').notNull().default(0),
    providerId: text('provider_id'),
    /** `<notification id>:<channel>:<address>`: the same message never goes twice to one address. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** French, for an operator; never the address nor the body. */
    lastError: text('last_error'),
    /** When a temporarily failed delivery may be tried again (exponential backoff). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [
    index('notification_deliveries_status_idx').on(table.status),
    index('notification_deliveries_recipient_idx').on(table.recipientUserId, table.channel, table.createdAt),
    index('notification_deliveries_provider_idx').on(table.providerId),
    // The outbox relay's poll (sweep-deliveries.ts `due`): only queued rows, by due time.
    index('notification_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'queued'`),
    check('notification_deliveries_channel_ck', sql`${table.channel} in ('email', 'sms', 'in_app', 'push')`),
    check(
      'notification_deliveries_status_ck',
      sql`${table.status} in ('queued', 'sending', 'sent', 'delivered', 'failed')`,
    ),
    check(
      'notification_deliveries_failure_kind_ck',
      sql`${table.failureKind} is null or ${table.failureKind} in ('permanent', 'temporary', 'technical')`,
    ),
  ],
);

/** What the local providers "sent" (no SMTP, no Twilio): an admin reads it to follow a demo. */
export const testOutbox = pgTable('test_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  channel: text('channel').notNull(),
  address: text('address').notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How a person wants to be reached, beyond their account: phone for SMS, quiet hours. */
export const notificationProfiles = pgTable(
  'notification_profiles',
  {
    userId: uuid('user_id').primaryKey(),
    /** E.164, validated with libphonenumber-js. */
    phone: text('phone'),
    /** Minutes after midnight, Europe/Paris; both null = no quiet hours. May wrap midnight (22:00–07:00). */
    quietStartMinute: smallint('quiet_start_minute'),
    quietEndMinute: smallint('quiet_end_minute'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'notification_profiles_quiet_ck',
      sql`(${table.quietStartMinute} is null) = (${table.quietEndMinute} is null) and coalesce(${table.quietStartMinute}, 0) between 0 and 1439 and coalesce(${table.quietEndMinute}, 0) between 0 and 1439`,
    ),
  ],
);

/** A person's chosen channels for one kind of message (only kinds that allow a choice). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    channels: text('channels').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** A browser that accepted web push (VAPID) for a staff user. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  },
  (table) => [index('push_subscriptions_user_idx').on(table.userId)],
);
