import { and, desc, eq, gt, or } from 'drizzle-orm';
import { systemActor, type Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { formatDate, formatDateTime } from '../../../../shared/format/french-dates.ts';
import { REQUEST_CATEGORY_LABELS } from '../../../../shared/requests/requests.schemas.ts';
import { activeStaffWithRoles, type StaffMember } from '../../identity/index.ts';
import { notify } from '../../notifications/index.ts';
import { parisDate } from '../../office-hours/index.ts';
import { sectorSummaries } from '../../territory/index.ts';
import { requestDigests } from './request-digests.tables.ts';
import { requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { visibleRequests } from '../request-access.ts';
import { actorOf } from '../handling/request-assignees.ts';
import { deadlinesOf, overdueCondition } from '../targets/request-deadlines.ts';
import { effectiveTargets } from '../targets/request-targets.ts';

export const DIGEST_JOB = 'requests-daily-digest';
export const DIGEST_NOTIFICATION_KIND = 'request.digest';
/** Who sends the digest: the job. */
export const DIGEST_ACTOR = systemActor(DIGEST_JOB);
const DAY_MS = 86_400_000;
/** An e-mail stays readable: past this, the digest says how many more are in the inbox. */
const MAX_LINES = 50;

/** The overdue and new (last 24 h) requests this referent may see, overdue first. */
async function digestRows(ctx: RequestsContext, member: StaffMember, now: Date) {
  const db = ctx.database.db;
  const targets = await effectiveTargets(ctx);
  const overdue = overdueCondition(targets, now);
  const found = await db
    .select()
    .from(requests)
    .where(
      and(
        await visibleRequests(db, actorOf(member), 'requests.read'),
        or(overdue, gt(requests.createdAt, new Date(now.getTime() - DAY_MS))),
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(500);
  const names = new Map(
    (
      await sectorSummaries(
        db,
        found.map((request) => request.sectorId),
      )
    ).map((sector) => [sector.id, sector.name]),
  );
  const rows = found.map((request) => ({
    request,
    sectorName: (request.sectorId && names.get(request.sectorId)) || null,
  }));
  const withDeadlines = rows.map((r) => ({ ...r, ...deadlinesOf(r.request, targets.of(r.request.departmentId), now) }));
  return [...withDeadlines.filter((r) => r.overdue), ...withDeadlines.filter((r) => !r.overdue)];
}

/** A line of the digest is dense: « 09/12/2026 à 14 h 20 ». */
const at = (instant: Date | string) => formatDateTime(instant, 'short');

function digestBody(ctx: RequestsContext, rows: Awaited<ReturnType<typeof digestRows>>): string {
  const late = rows.filter((r) => r.overdue).length;
  const line = (r: (typeof rows)[number]) =>
    `- ${r.request.reference} · ${REQUEST_CATEGORY_LABELS[r.request.category]} · ` +
    `${r.sectorName ?? 'hors secteur'} · reçue le ` +
    `${at(r.request.createdAt)}${r.overdue ? ` · EN RETARD ` + `(${r.request.status === 'new' ? `prise en compte attendue le ${at(r.ackDueAt)}` : `réponse attendue le ${at(r.answerDueAt)}`})` : ' · nouvelle'}\n  ` +
    `${ctx.publicUrl}/demandes/${r.request.id}`;
  const more =
    rows.length > MAX_LINES
      ? `\n… et ${rows.length - MAX_LINES} autres dans la boîte de réception : ${ctx.publicUrl}/demandes\n`
      : '';
  return (
    `Bonjour,\n\nDemandes de votre territoire : ${late} en retard, ` +
    `${rows.length - late} nouvelle(s) depuis 24 ` +
    `h.\n\n${rows.slice(0, MAX_LINES).map(line).join('\n')}\n${more}\nBoîte de ` +
    `réception : ${ctx.publicUrl}/demandes?en-retard=oui\n`
  );
}

/**
 * The daily digest (cron, 06:00 UTC): each active police referent gets by e-mail the overdue and
 * new requests of their territory; nothing to report, no e-mail. The (referent, Paris day) row is
 * claimed in the transaction that queues the e-mail (one per referent, joined when `executor` is
 * the caller's), so a second run the same day sends nothing. `actor`: the job (DIGEST_ACTOR).
 */
export async function sendDailyDigests(
  ctx: RequestsContext,
  executor: Executor,
  actor: Actor,
  now = new Date(),
): Promise<number> {
  const day = parisDate(now);
  let sent = 0;
  // Read outside the transactions, on the module's database; each referent's digest is then written in one.
  for (const member of await activeStaffWithRoles(ctx.database.db, ['police_referent'])) {
    const rows = await digestRows(ctx, member, now);
    if (rows.length === 0) continue;
    await withTransaction(executor, async (tx) => {
      const [claimed] = await tx
        .insert(requestDigests)
        .values({ userId: member.id, day, requestCount: rows.length })
        .onConflictDoNothing()
        .returning({ userId: requestDigests.userId });
      if (!claimed) return;
      const late = rows.filter((r) => r.overdue).length;
      const result = await notify(tx, ctx.jobs(), actor, {
        kind: DIGEST_NOTIFICATION_KIND,
        subject: `Demandes du ${formatDate(day)} : ${late} en retard, ${rows.length - late} nouvelle(s)`,
        body: digestBody(ctx, rows),
        recipients: [{ userId: member.id }],
        channels: ['email'],
      });
      await tx
        .update(requestDigests)
        .set({ notificationId: result.notificationId })
        .where(and(eq(requestDigests.userId, member.id), eq(requestDigests.day, day)));
      await recordAudit(tx, actor, {
        action: 'request.digest',
        recordType: 'user',
        recordId: member.id,
        details: { day, requests: rows.length, overdue: late },
      });
      sent += 1;
    });
  }
  return sent;
}
