import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type TerritoryPath, type UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Database, Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../../platform/errors.ts';
import type {
  AnswerTemplate,
  AnswerTemplateCreate,
  AnswerTemplateQuery,
  AnswerTemplateUpdate,
  RenderedAnswer,
} from '../../../../shared/requests/templates.schemas.ts';
import { assertKnownPlaceholders, estimateAnswerSms, fillTemplate, sampleValues } from './answer-template-text.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requests } from '../requests.tables.ts';
import { requestAnswerTemplates as templates } from './request-templates.tables.ts';
import { seedNationalTemplates } from './request-templates.seed.ts';
import { departmentsWith } from '../request-access.ts';
import { trackingToken, trackingUrl } from '../tracking/tracking-token.ts';

type Row = typeof templates.$inferSelect;
export const MANAGE_TEMPLATES = 'requests.templates.manage' as const;

/** Seeded once per database and process, on first use: a fresh production database has them too. */
const seeded = new WeakMap<Database, Promise<void>>();
function ensureNationalTemplates(database: Database): Promise<void> {
  let done = seeded.get(database);
  if (!done) {
    done = seedNationalTemplates(database).catch((error: unknown) => {
      seeded.delete(database);
      throw error;
    });
    seeded.set(database, done);
  }
  return done;
}

/** A département's template sits on the département; national ones sit nowhere (nobody edits them). */
export async function templatePath(db: Executor, id: string): Promise<TerritoryPath | undefined> {
  const [row] = await db.select({ departmentId: templates.departmentId }).from(templates).where(eq(templates.id, id));
  return row?.departmentId ? { departmentId: row.departmentId } : undefined;
}

/** The départements where the actor handles requests, whatever the level of the assignment ('all' for jobs and the CLI). */
function toWire(row: Row, actor: Actor, link: string): AnswerTemplate {
  const sms =
    row.channel === 'email'
      ? null
      : estimateAnswerSms('R-2026-000123', fillTemplate(row.body, sampleValues(row.category)), link);
  return {
    id: row.id,
    departmentId: row.departmentId,
    category: row.category,
    channel: row.channel,
    title: row.title,
    body: row.body,
    editable: row.departmentId !== null && can(actor, MANAGE_TEMPLATES, { departmentId: row.departmentId }),
    sms: sms?.sms ?? null,
    warnings: sms?.warnings ?? [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A link as long as a real one (same PUBLIC_URL, 43-character token), to count a template's SMS before any request. */
const sampleLink = (ctx: RequestsContext) => trackingUrl(ctx.publicUrl, 'x'.repeat(43));

/** The national templates and those of my départements, not archived; the département's own first. */
export async function listAnswerTemplates(
  ctx: RequestsContext,
  actor: Actor,
  query: AnswerTemplateQuery,
): Promise<AnswerTemplate[]> {
  await ensureNationalTemplates(ctx.database);
  const db = ctx.database.db;
  const departmentIds = await departmentsWith(db, actor, 'requests.handle');
  const conditions: SQL[] = [isNull(templates.archivedAt)];
  if (departmentIds !== 'all')
    conditions.push(
      departmentIds.length
        ? or(isNull(templates.departmentId), inArray(templates.departmentId, departmentIds))!
        : isNull(templates.departmentId),
    );
  if (query.category) conditions.push(or(isNull(templates.category), eq(templates.category, query.category))!);
  if (query.channel) conditions.push(inArray(templates.channel, [query.channel, 'both']));
  const rows = await db
    .select()
    .from(templates)
    .where(and(...conditions))
    .orderBy(sql`${templates.departmentId} is null`, asc(templates.title));
  return rows.map((row) => toWire(row, actor, sampleLink(ctx)));
}

function checkBody(body: string): string {
  const text = body.trim();
  if (!text) throw new BadRequestError('Le texte du modèle est vide.', [{ pointer: '/body', message: 'Texte vide.' }]);
  assertKnownPlaceholders(text);
  return text;
}

export async function createAnswerTemplate(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  input: AnswerTemplateCreate,
): Promise<AnswerTemplate> {
  const body = checkBody(input.body);
  return withTransaction(executor, async (tx) => {
    const [row] = await tx
      .insert(templates)
      .values({
        departmentId: input.departmentId,
        category: input.category ?? null,
        channel: input.channel,
        title: input.title.trim(),
        body,
        createdBy: actor.id,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'request.template.created',
      recordType: 'request_answer_template',
      recordId: row.id,
      details: { departmentId: row.departmentId, category: row.category, channel: row.channel, title: row.title },
    });
    return toWire(row, actor, sampleLink(ctx));
  });
}

async function lockTemplate(tx: Executor, id: string): Promise<Row> {
  const [row] = await tx.select().from(templates).where(eq(templates.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

export async function updateAnswerTemplate(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  id: string,
  input: AnswerTemplateUpdate,
  now = new Date(),
): Promise<AnswerTemplate> {
  const body = input.body === undefined ? undefined : checkBody(input.body);
  return withTransaction(executor, async (tx) => {
    const before = await lockTemplate(tx, id);
    if (before.archivedAt) throw new ConflictError('Ce modèle est archivé : créez-en un nouveau.');
    const changes = {
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.channel ? { channel: input.channel } : {}),
      ...(input.title ? { title: input.title.trim() } : {}),
      ...(body ? { body } : {}),
    };
    const [row] = await tx
      .update(templates)
      .set({ ...changes, updatedAt: now })
      .where(eq(templates.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'request.template.updated',
      recordType: 'request_answer_template',
      recordId: id,
      details: { fields: Object.keys(changes) },
    });
    return toWire(row, actor, sampleLink(ctx));
  });
}

/** Archived, not deleted: answers already sent from it stay explained by the audit trail. Archiving twice changes nothing. */
export async function archiveAnswerTemplate(
  executor: Executor,
  actor: UserActor,
  id: string,
  now = new Date(),
): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const row = await lockTemplate(tx, id);
    if (row.archivedAt) return;
    await tx.update(templates).set({ archivedAt: now, updatedAt: now }).where(eq(templates.id, id));
    await recordAudit(tx, actor, {
      action: 'request.template.archived',
      recordType: 'request_answer_template',
      recordId: id,
      details: { title: row.title },
    });
  });
}

/**
 * A template filled in for one request: national or of the request's département, not archived
 * (else 404). The text comes back to the answer form, editable, and is sent by `POST /answers`.
 */
export async function renderAnswerTemplate(
  ctx: RequestsContext,
  requestId: string,
  templateId: string,
): Promise<RenderedAnswer> {
  await ensureNationalTemplates(ctx.database);
  const db = ctx.database.db;
  const [request] = await db
    .select({
      reference: requests.reference,
      category: requests.category,
      createdAt: requests.createdAt,
      departmentId: requests.departmentId,
    })
    .from(requests)
    .where(eq(requests.id, requestId));
  if (!request) throw new NotFoundError();
  const sameDepartment = request.departmentId
    ? or(isNull(templates.departmentId), eq(templates.departmentId, request.departmentId))
    : isNull(templates.departmentId);
  const [template] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.id, templateId), isNull(templates.archivedAt), sameDepartment));
  if (!template) throw new NotFoundError('Modèle de réponse introuvable pour cette demande.');
  const text = fillTemplate(template.body, request);
  // The real link only to count the SMS: it is never returned, the answer appends it itself.
  const { sms, warnings } = estimateAnswerSms(
    request.reference,
    text,
    trackingUrl(ctx.publicUrl, trackingToken(ctx.key, requestId)),
  );
  return { templateId, text, sms, warnings };
}
