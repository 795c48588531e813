import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client.ts';
import { notificationDeliveries, type Channel } from './notifications.tables.ts';

type DeliveryRow = typeof notificationDeliveries.$inferInsert;
export interface InsertedDelivery {
  id: string;
  channel: Channel;
}

/** Rows per statement: bounds the size of the one JSON parameter (about 1 MB). */
const ROWS_PER_STATEMENT = 5_000;
const columns = getTableColumns(notificationDeliveries) as Record<string, PgColumn>;

/** The columns a row sets; one left out (undefined) keeps its default, as with drizzle's insert. */
function groupByColumns(rows: DeliveryRow[]): Map<string, DeliveryRow[]> {
  const groups = new Map<string, DeliveryRow[]>();
  for (const row of rows) {
    const signature = Object.entries(row)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key)
      .join(',');
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  return groups;
}

/**
 * Inserts deliveries many at a time, each slice passed as ONE JSON parameter that
 * json_to_recordset expands: a multi-row VALUES for a message to 50,000 people exceeds
 * PostgreSQL's 65,535 bind parameters, and drizzle spends ~30 µs of CPU per row building one.
 * A row whose idempotency key exists already is skipped. Runs in the caller's transaction.
 */
export async function insertDeliveries(tx: Tx, rows: DeliveryRow[]): Promise<InsertedDelivery[]> {
  const inserted: InsertedDelivery[] = [];
  for (const [signature, group] of groupByColumns(rows)) {
    const keys = signature.split(',') as Array<keyof DeliveryRow>;
    const names = sql.join(
      keys.map((key) => sql.identifier(columns[key].name)),
      sql`, `,
    );
    const types = sql.join(
      keys.map((key) => sql`${sql.identifier(columns[key].name)} ${sql.raw(columns[key].getSQLType())}`),
      sql`, `,
    );
    for (let start = 0; start < group.length; start += ROWS_PER_STATEMENT) {
      const records = group
        .slice(start, start + ROWS_PER_STATEMENT)
        .map((row) =>
          Object.fromEntries(
            keys.map((key) => [columns[key].name, row[key] === null ? null : columns[key].mapToDriverValue(row[key])]),
          ),
        );
      const result = await tx.execute(
        sql`insert into ${notificationDeliveries} (${names}) select ${names} from json_to_recordset(${JSON.stringify(records)}::json) as t(${types}) on conflict do nothing returning id, channel`,
      );
      inserted.push(...(result as unknown as { rows: InsertedDelivery[] }).rows);
    }
  }
  return inserted;
}
