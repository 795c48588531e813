import pg from 'pg';

/** The PostgreSQL server of the tests (trust auth), as for `npm run test:postgres`. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One statement on a database of that server (a test's own database, or the server's to create and drop them). */
export async function onServer(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** The address of a database of that server, by name. */
export const databaseUrlOf = (database: string) =>
  Object.assign(new URL(SERVER_URL), { pathname: `/${database}` }).toString();
