import { date, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per referent and (Paris) day whose daily digest was sent: the row is claimed in the
 * transaction that queues the e-mail, so a second run of the job the same day sends nothing.
 */
export const requestDigests = pgTable(
  'request_digests',
  {
    userId: uuid('user_id').notNull(),
    day: date('day').notNull(),
    requestCount: integer('request_count').notNull(),
    notificationId: uuid('notification_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);
