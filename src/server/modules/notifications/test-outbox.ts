import { desc } from 'drizzle-orm';
import type { OutboxMessageList } from '../../../shared/notifications/notifications.schemas.ts';
import type { Executor } from '../../platform/db/client.ts';
import { testOutbox } from './notifications.tables.ts';

/** What the local providers kept instead of sending (no SMTP server, no SMS operator): the 200 latest. */
export async function listTestOutbox(db: Executor): Promise<OutboxMessageList> {
  const rows = await db.select().from(testOutbox).orderBy(desc(testOutbox.createdAt)).limit(200);
  return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
}
