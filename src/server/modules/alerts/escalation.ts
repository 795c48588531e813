import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { municipalitySummaries } from '../territory/index.ts';
import { alertCommunes, alertMessages, alerts } from './alerts.tables.ts';
import { announceAlert } from './alert-notify.ts';
import { pickRank } from './alert-plan.ts';
import { alertContacts } from './alert-send.ts';
import type { AlertsContext } from './alerts-context.ts';
import { listContactRows } from './contacts.queries.ts';

export const ESCALATE_JOB = 'alerts-escalate';
const BATCH = 100;
const actor = systemActor(ESCALATE_JOB);

/**
 * Alerts the next rank of every commune whose deadline passed without acknowledgement while the
 * alert is open. Each commune is handled in its own transaction, its row locked (skip locked):
 * two workers never escalate the same commune twice. `now` is a parameter so tests choose it.
 * Returns how many communes moved (escalated, postponed or finished).
 */
export async function escalateDueAlerts(ctx: AlertsContext, now = new Date()): Promise<number> {
  const db = ctx.database.db;
  const due = await db
    .select({ id: alertCommunes.id })
    .from(alertCommunes)
    .innerJoin(alerts, eq(alerts.id, alertCommunes.alertId))
    .where(
      and(lte(alertCommunes.nextEscalationAt, now), isNull(alertCommunes.acknowledgedAt), eq(alerts.status, 'open')),
    )
    .orderBy(asc(alertCommunes.nextEscalationAt))
    .limit(BATCH);
  let moved = 0;
  for (const { id } of due) {
    const done = await withTransaction(db, async (tx) => {
      const [commune] = await tx
        .select()
        .from(alertCommunes)
        .where(
          and(eq(alertCommunes.id, id), lte(alertCommunes.nextEscalationAt, now), isNull(alertCommunes.acknowledgedAt)),
        )
        .for('update', { skipLocked: true });
      if (!commune) return false;
      const [alert] = await tx.select().from(alerts).where(eq(alerts.id, commune.alertId));
      if (alert.status !== 'open') return false;
      const pick = pickRank(await listContactRows(tx, commune.municipalityId, true), commune.currentRank, now);
      const next = new Date(now.getTime() + alert.escalationDelayMinutes * 60_000);
      if (pick.contacts.length === 0) {
        // Higher ranks exist but nobody is reachable at this hour: try again after another delay.
        await tx
          .update(alertCommunes)
          .set({ nextEscalationAt: pick.ranksLeft ? next : null })
          .where(eq(alertCommunes.id, id));
        await recordAudit(tx, actor, {
          action: pick.ranksLeft ? 'alert.escalation.postponed' : 'alert.escalation.exhausted',
          recordType: 'alert',
          recordId: alert.id,
          details: { municipalityId: commune.municipalityId, rank: commune.currentRank },
        });
        return true;
      }
      const [summary] = await municipalitySummaries(tx, [commune.municipalityId]);
      const head = { id: alert.id, kind: alert.kind, severity: alert.severity, createdBy: alert.createdBy };
      const sent = await alertContacts(
        ctx,
        tx,
        actor,
        head,
        id,
        summary?.name ?? '',
        pick.contacts,
        'escalation',
        alert.text,
      );
      await tx
        .update(alertCommunes)
        .set({ currentRank: pick.rank, nextEscalationAt: pick.ranksLeft ? next : null })
        .where(eq(alertCommunes.id, id));
      const text =
        `Sans accusé de réception après ${alert.escalationDelayMinutes} min, alerte ` +
        `transmise au rang ${pick.rank} de ${summary?.name ?? 'la commune'} (${sent} ` +
        `contact${sent > 1 ? 's' : ''}).`;
      await tx.insert(alertMessages).values({ alertId: alert.id, kind: 'escalation', text, createdBy: ESCALATE_JOB });
      await recordAudit(tx, actor, {
        action: 'alert.escalated',
        recordType: 'alert',
        recordId: alert.id,
        details: {
          municipalityId: commune.municipalityId,
          fromRank: commune.currentRank,
          toRank: pick.rank,
          recipients: sent,
        },
      });
      await announceAlert(tx, alert.id, alert.createdBy);
      return true;
    });
    if (done) moved += 1;
  }
  return moved;
}
