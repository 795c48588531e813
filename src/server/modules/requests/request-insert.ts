import { sql, type Placeholder } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { connectionOf } from '../../platform/db/named-query.ts';
import { requests } from './requests.tables.ts';

const parisYearFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' });

/** The columns a submission sets; every statement names them all, so one prepared statement serves every submission. */
const COLUMNS = [
  'id', 'channel', 'category', 'description', 'timeOfDay', 'recurring', 'lon', 'lat', 'placeLabel', 'sectorId', 'municipalityId', 'departmentId', 'outsideSectors',
  'contactName', 'contactEmail', 'contactPhone', 'noAnswerWanted', 'anonymity', 'confidential', 'trackingTokenHash', 'idempotencyClient', 'idempotencyKey', 'idempotencyFingerprint', 'createdBy',
] as const;
export type NewRequest = Pick<typeof requests.$inferInsert, 'id' | 'channel' | 'category' | 'description' | 'anonymity' | 'trackingTokenHash'> & Partial<Pick<typeof requests.$inferInsert, (typeof COLUMNS)[number]>>;

/**
 * The request, its first history line ('created') and its audit event in ONE statement
 * (data-modifying CTEs): one round trip, atomic on its own. On an idempotency key already used,
 * nothing is written (the history and audit inserts read the request's row) and no row comes
 * back. The reference (R-<Paris year>-<number>) is computed by the insert; a retry thus burns a
 * number of the sequence: references may have gaps.
 */
function buildInsert(db: Executor) {
  const placeholders = Object.fromEntries(COLUMNS.map((column) => [column, sql.placeholder(column)])) as Record<(typeof COLUMNS)[number], Placeholder>;
  const r = db.$with('r').as(
    db.insert(requests)
      .values({ ...placeholders, reference: sql`'R-' || ${sql.placeholder('year')}::text || '-' || lpad(nextval('request_reference_seq')::text, 6, '0')` })
      .onConflictDoNothing({ target: [requests.idempotencyClient, requests.idempotencyKey] })
      .returning(),
  );
  const event = db.$with('e', { n: sql<number>`n` }).as(sql`
    insert into request_events (request_id, kind, visibility, to_status, author_type, author_id, details)
    select r.id, 'created', 'resident', 'new', ${sql.placeholder('authorType')}::text, ${sql.placeholder('authorId')}::uuid, ${sql.placeholder('eventDetails')}::jsonb from r returning 1 as n`);
  const audit = db.$with('a', { n: sql<number>`n` }).as(sql`
    insert into audit_events (actor_type, actor_id, action, record_type, record_id, details)
    select ${sql.placeholder('actorType')}::text, ${sql.placeholder('actorId')}::text, 'request.created', 'request', r.id::text,
      ${sql.placeholder('auditDetails')}::jsonb || jsonb_build_object('reference', r.reference, 'confidential', r.confidential) from r returning 1 as n`);
  return db.with(r, event, audit).select().from(r);
}

type Prepared = ReturnType<ReturnType<typeof buildInsert>['prepare']>;
/** Built and prepared once per database: the statement's text and plan are reused by every submission outside a transaction. */
const prepared = new WeakMap<Db, Prepared>();
const preparedOnConnection = new WeakMap<object, Prepared>();

export async function insertRequestWithHistory(db: Executor, actor: Actor, values: NewRequest, eventDetails: Record<string, unknown>, auditDetails: Record<string, unknown>, options: { inTransaction: boolean }): Promise<typeof requests.$inferSelect | undefined> {
  const byStaff = actor.type === 'user';
  const params: Record<string, unknown> = {
    ...Object.fromEntries(COLUMNS.map((column) => [column, values[column] ?? null])),
    outsideSectors: values.outsideSectors ?? false, noAnswerWanted: values.noAnswerWanted ?? false, confidential: values.confidential ?? false,
    year: parisYearFormat.format(new Date()),
    authorType: byStaff ? 'staff' : 'resident', authorId: byStaff ? actor.id : null,
    actorType: actor.type, actorId: actor.id,
    eventDetails: JSON.stringify(eventDetails), auditDetails: JSON.stringify(auditDetails),
  };
  if (options.inTransaction) {
    // In a transaction (receipt e-mail, attachments): prepared once per server connection, which
    // later transactions borrow again; on PGlite, built for each transaction as before.
    const connection = connectionOf(db);
    let onConnection = connection && preparedOnConnection.get(connection);
    if (!onConnection) {
      onConnection = buildInsert(db).prepare('request_insert_with_history');
      if (connection) preparedOnConnection.set(connection, onConnection);
    }
    return (await onConnection.execute(params))[0];
  }
  let statement = prepared.get(db as Db);
  if (!statement) prepared.set(db as Db, (statement = buildInsert(db).prepare('request_insert_with_history')));
  return (await statement.execute(params))[0];
}
