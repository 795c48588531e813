import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database } from './client.ts';
import { queryNamed } from './named-query.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const TEXT = 'select $1::int + $2::int as sum, $3::text as label';

describe('queryNamed', () => {
  it(
    'runs one text with new values each time, in a transaction and on the pool, ' +
      'prepared once per connection on a server',
    async () => {
      const prepared = await database.db.transaction(async (tx) => {
        expect((await queryNamed<{ sum: number; label: string }>(tx, TEXT, [1, 2, 'a'])).rows).toEqual([
          { sum: 3, label: 'a' },
        ]);
        expect((await queryNamed<{ sum: number; label: string }>(tx, TEXT, [40, 2, null])).rows).toEqual([
          { sum: 42, label: null },
        ]);
        if (database.kind === 'pglite') return [];
        return (
          await queryNamed<{ statement: string }>(
            tx,
            'select statement from pg_prepared_statements where statement = $1',
            [TEXT],
          )
        ).rows;
      });
      if (database.kind === 'postgres') expect(prepared).toHaveLength(1);
      expect((await queryNamed<{ sum: number }>(database.db, TEXT, [5, 5, 'b'])).rows[0].sum).toBe(10);
    },
  );

  it('fails a transaction like any statement', async () => {
    await expect(database.db.transaction((tx) => queryNamed(tx, 'select 1 / $1::int as x', [0]))).rejects.toThrow(
      /division by zero/,
    );
  });
});
