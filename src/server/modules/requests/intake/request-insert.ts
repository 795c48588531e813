import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { auditInsertFrom } from '../../../platform/audit/audit.ts';
import type { Db, Executor } from '../../../platform/db/client.ts';
import { connectionOf } from '../../../platform/db/named-query.ts';
import { assertHitAllowed, throttleUpsert, type ThrottleRule } from '../../../platform/throttle/throttle.ts';
import { statementMessageCtes, statementMessageParams, type StatementMessage } from '../../notifications/index.ts';
import { requests } from '../requests.tables.ts';

const parisYearFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' });
/** The Paris year, formatted at most once a minute (Intl formatting costs about a microsecond per call). */
let yearCache = { minute: -1, year: '' };
function parisYear(): string {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== yearCache.minute) yearCache = { minute, year: parisYearFormat.format(new Date()) };
  return yearCache.year;
}

/** The columns a submission sets; every statement names them all, so one prepared statement serves every submission. */
const COLUMNS = [
  'id',
  'channel',
  'category',
  'description',
  'timeOfDay',
  'recurring',
  'lon',
  'lat',
  'placeLabel',
  'sectorId',
  'municipalityId',
  'departmentId',
  'outsideSectors',
  'contactName',
  'contactEmail',
  'contactPhone',
  'noAnswerWanted',
  'anonymity',
  'confidential',
  'trackingTokenHash',
  'idempotencyClient',
  'idempotencyKey',
  'idempotencyFingerprint',
  'createdBy',
] as const;
export type NewRequest = Pick<
  typeof requests.$inferInsert,
  'id' | 'channel' | 'category' | 'description' | 'anonymity' | 'trackingTokenHash'
> &
  Partial<Pick<typeof requests.$inferInsert, (typeof COLUMNS)[number]>>;
/** What callers read back (receipt, acknowledgement): a few columns, not the description sent back over the wire. */
export type InsertedRequest = Pick<
  typeof requests.$inferSelect,
  'id' | 'reference' | 'status' | 'category' | 'noAnswerWanted' | 'sectorId' | 'departmentId'
>;

/** Marks the place of the reference in a receipt's subject and body: the statement numbers the request. */
export const REFERENCE_MARK = '{reference}';

/** What else the statement writes with the request. */
export interface InsertExtras {
  /** The submitter's per-address counter: counted by the statement, the request written only under the limit. */
  throttle?: { key: string; rule: ThrottleRule };
  /** The receipt e-mail, in the outbox (REFERENCE_MARK in subject and body becomes the reference). */
  receipt?: StatementMessage & { subject: string; body: string };
  /** Text of the first history line, shown to the resident (e.g. where staff took the request). */
  eventBody?: string;
}

type Shape = 'plain' | 'throttled' | 'throttled+receipt' | 'receipt';
const shapeOf = (extras: InsertExtras): Shape =>
  extras.throttle ? (extras.receipt ? 'throttled+receipt' : 'throttled') : extras.receipt ? 'receipt' : 'plain';

/**
 * ONE statement (data-modifying CTEs), so one round trip, atomic without a transaction: the
 * per-address counter (`t`, when asked), the request (`r`, written only when `t` is under the
 * limit; on an idempotency key already used, nothing), its first history line (`e`) and its audit
 * event (`a`), and the receipt e-mail with its delivery and audit event (`msg_*`, when asked; the
 * outbox relay sends it). The history, audit and message read `r`, so a refused or replayed
 * submission writes nothing but its count. The reference (R-<Paris year>-<number>) is numbered by
 * the insert; a retry thus burns a number of the sequence: references may have gaps.
 */
function buildInsert(db: Executor, shape: Shape) {
  const throttled = shape.startsWith('throttled');
  const t = db
    .$with('t', { hits: sql<number>`hits`.as('hits'), retry: sql<number>`retry`.as('retry') })
    .as(throttleUpsert(sql`${sql.placeholder('throttleKey')}::text`, sql`${sql.placeholder('throttleWindow')}::int`));
  const names = sql.join(
    [...COLUMNS.map((c) => sql.identifier(requests[c].name)), sql.identifier(requests.reference.name)],
    sql`, `,
  );
  // INSERT … SELECT (not VALUES) so that a WHERE can depend on the counter: each value is cast to its column's type.
  const values = sql.join(
    COLUMNS.map((c) => sql`${sql.placeholder(c)}::${sql.raw(requests[c].getSQLType())}`),
    sql`, `,
  );
  const underLimit = throttled ? sql`where (select hits from t) <= ${sql.placeholder('throttleLimit')}::int` : sql``;
  const r = db.$with('r', getTableColumns(requests)).as(sql`
    insert into requests (${names})
    select ${values}, 'R-' || ${sql.placeholder('year')}::text || '-' || lpad(nextval('request_reference_seq')::text, 6, '0')
    ${underLimit}
    on conflict (idempotency_client, idempotency_key) do nothing
    returning *`);
  const event = db.$with('e', { n: sql<number>`n` }).as(sql`
    insert into request_events (request_id, kind, visibility, to_status, body, author_type, author_id, details)
    select r.id, 'created', 'resident', 'new', ${sql.placeholder('eventBody')}::text, ${sql.placeholder('authorType')}::text, ${sql.placeholder('authorId')}::uuid, ${sql.placeholder('eventDetails')}::jsonb from r returning 1 as n`);
  const auditRow = auditInsertFrom(
    {
      actorType: sql`${sql.placeholder('actorType')}::text`,
      actorId: sql`${sql.placeholder('actorId')}::text`,
      action: sql`'request.created'`,
      recordType: sql`'request'`,
      recordId: sql`r.id::text`,
      details: sql`${sql.placeholder('auditDetails')}::jsonb || jsonb_build_object('reference', r.reference, 'confidential', r.confidential)`,
    },
    sql`r`,
  );
  const audit = db.$with('a', { n: sql<number>`n` }).as(sql`${auditRow} returning 1 as n`);
  const numbered = (name: string): SQL => sql`replace(${sql.placeholder(name)}::text, ${REFERENCE_MARK}, r.reference)`;
  const message = shape.endsWith('receipt')
    ? statementMessageCtes(db, 'r', numbered('receiptSubject'), numbered('receiptBody'))
    : [];
  const inserted = {
    id: r.id,
    reference: r.reference,
    status: r.status,
    category: r.category,
    noAnswerWanted: r.noAnswerWanted,
    sectorId: r.sectorId,
    departmentId: r.departmentId,
  };
  if (throttled)
    return db
      .with(t, r, event, audit, ...message)
      .select({ hits: t.hits, retry: t.retry, ...inserted })
      .from(t)
      .leftJoin(r, sql`true`);
  return db
    .with(r, event, audit, ...message)
    .select(inserted)
    .from(r);
}

/** Throttled shapes also answer the counter (and a null id when refused or replayed). */
type Row = InsertedRequest & { hits?: number; retry?: number };
type Prepared = { execute(params: Record<string, unknown>): Promise<Row[]> };
/** Built and prepared once per database and shape: the statement's text and plan are reused by every submission outside a transaction. */
const prepared = new WeakMap<Db, Map<Shape, Prepared>>();
/** In a transaction: prepared once per server connection, which later transactions borrow again. */
const preparedOnConnection = new WeakMap<object, Map<Shape, Prepared>>();

function statementFor(db: Executor, shape: Shape, inTransaction: boolean): Prepared {
  const owner: object | undefined = inTransaction ? connectionOf(db) : db;
  const cache = inTransaction ? preparedOnConnection : (prepared as WeakMap<object, Map<Shape, Prepared>>);
  let byShape = owner && cache.get(owner);
  if (!byShape) {
    byShape = new Map();
    // On PGlite a transaction has no connection of its own: built for each transaction.
    if (owner) cache.set(owner, byShape);
  }
  let statement = byShape.get(shape);
  if (!statement)
    byShape.set(
      shape,
      (statement = buildInsert(db, shape).prepare(`request_insert_${shape.replace('+', '_')}`) as unknown as Prepared),
    );
  return statement;
}

/**
 * Writes a request with its history line and audit event (and, when asked, the submitter's count
 * and the receipt) in one statement. Undefined: the idempotency key was already used. Over the
 * counter's limit: 429, nothing written.
 */
export async function insertRequestWithHistory(
  db: Executor,
  actor: Actor,
  values: NewRequest,
  eventDetails: Record<string, unknown>,
  auditDetails: Record<string, unknown>,
  options: { inTransaction: boolean } & InsertExtras,
): Promise<InsertedRequest | undefined> {
  const byStaff = actor.type === 'user';
  const params: Record<string, unknown> = {};
  for (const column of COLUMNS) params[column] = values[column] ?? null;
  Object.assign(params, {
    outsideSectors: values.outsideSectors ?? false,
    noAnswerWanted: values.noAnswerWanted ?? false,
    confidential: values.confidential ?? false,
    year: parisYear(),
    authorType: byStaff ? 'staff' : 'resident',
    authorId: byStaff ? actor.id : null,
    actorType: actor.type,
    actorId: actor.id,
    eventDetails: JSON.stringify(eventDetails),
    auditDetails: JSON.stringify(auditDetails),
    eventBody: options.eventBody ?? null,
  });
  if (options.throttle)
    Object.assign(params, {
      throttleKey: options.throttle.key,
      throttleWindow: options.throttle.rule.windowSeconds,
      throttleLimit: options.throttle.rule.limit,
    });
  if (options.receipt)
    Object.assign(params, statementMessageParams(actor, options.receipt), {
      receiptSubject: options.receipt.subject,
      receiptBody: options.receipt.body,
    });
  const [row] = await statementFor(db, shapeOf(options), options.inTransaction).execute(params);
  if (!options.throttle) return row;
  const { hits, retry, ...request } = row;
  assertHitAllowed({ hits: Number(hits), retry: Number(retry) }, options.throttle.rule);
  return request.id ? request : undefined;
}
