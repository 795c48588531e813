import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { UnprocessableError } from '../../platform/errors.ts';
import { countSegments, estimateCost, nonGsmCharacters } from '../../platform/sms/segments.ts';
import type { AlertCreate, AlertPreview, AlertPreviewRequest } from '../../../shared/alerts/alerts.schemas.ts';
import { alertCommunes, alertMessages, alertRecipients, alerts } from './alerts.tables.ts';
import { newAckCode, signAckCode } from './ack-codes.ts';
import {
  alertBody,
  announceAlert,
  notifyAddressees,
  recordFirstDeliveries,
  type AlertHead,
  type MessageKind,
} from './alert-notify.ts';
import { planCommunes, trimmedText, type CommunePlan } from './alert-plan.ts';
import { assertAlertRate, lockAccountAlerts } from './alert-rate-limit.ts';
import type { AlertsContext } from './alerts-context.ts';
import type { ContactRow } from './contacts.queries.ts';

/** Who would be alerted now in the draft's communes (found by the route's loader), and what the SMS would cost. */
export async function previewAlert(
  ctx: AlertsContext,
  input: AlertPreviewRequest,
  municipalityIds: string[],
  now = new Date(),
): Promise<AlertPreview> {
  const text = trimmedText(input.text);
  const plans = await planCommunes(ctx.database.db, municipalityIds, now);
  // A link of the real length, so the segment count is the one the recipients will get.
  const sampleLink = `${ctx.publicUrl}/a/${signAckCode(ctx.ackKey, newAckCode())}`;
  const body = alertBody('initial', input, plans[0].commune.name, text, sampleLink);
  const count = countSegments(body);
  const recipients = plans.reduce((sum, plan) => sum + plan.pick.contacts.length, 0);
  return {
    communes: plans.map((plan) => ({
      municipality: plan.commune,
      recipients: plan.pick.contacts.map((c) => ({
        contactId: c.id,
        name: c.name,
        role: c.role,
        phone: c.phone,
        rank: c.rank,
        inApp: !!c.userId,
      })),
      warning: plan.warning,
    })),
    warnings: plans.flatMap((plan) => (plan.warning ? [plan.warning] : [])),
    sms: {
      body,
      encoding: count.encoding,
      characters: count.characters,
      segments: count.segments,
      perSegment: count.perSegment,
      nonGsmCharacters: nonGsmCharacters(body),
      recipients,
      costPerSegmentEur: ctx.settings.smsCostEur,
      costEur: estimateCost(count.segments, recipients, ctx.settings.smsCostEur),
    },
  };
}

/**
 * Adds recipient rows for these contacts of one commune of the alert and sends them `message`
 * (initial or escalation). Shared by creation and escalation.
 */
export async function alertContacts(
  ctx: AlertsContext,
  executor: Executor,
  actor: Parameters<typeof notifyAddressees>[2],
  alert: AlertHead,
  alertCommuneId: string,
  communeName: string,
  contacts: ContactRow[],
  message: MessageKind,
  text: string,
): Promise<number> {
  if (contacts.length === 0) return 0;
  return withTransaction(executor, async (tx) => {
    const rows = await tx
      .insert(alertRecipients)
      .values(
        contacts.map((c) => ({
          alertId: alert.id,
          alertCommuneId,
          contactId: c.id,
          name: c.name,
          role: c.role,
          phone: c.phone,
          userId: c.userId,
          rank: c.rank,
          ackCode: newAckCode(),
        })),
      )
      .returning();
    const deliveries = await notifyAddressees(
      ctx,
      tx,
      actor,
      alert,
      message,
      text,
      rows.map((row) => ({ ...row, communeName })),
    );
    await recordFirstDeliveries(tx, actor, alert.id, deliveries, new Map(rows.map((row) => [row.id, row.rank])));
    return rows.length;
  });
}

function assertReachable(plans: CommunePlan[], confirmed: boolean) {
  const warnings = plans.flatMap((plan) => (plan.warning ? [plan.warning] : []));
  if (warnings.length === 0 || confirmed) return;
  throw new UnprocessableError(
    `Personne ne recevrait l'alerte dans ${warnings.length > 1 ? 'ces communes' : 'cette commune'} : ${plans
      .filter((p) => p.warning)
      .map((p) => p.commune.name)
      .join(', ')}. Confirmez pour l'envoyer quand même (elle sera enregistrée, et l'escalade réessaiera plus tard).`,
    warnings.map((message) => ({ pointer: '/municipalityIds', message })),
  );
}

/**
 * Creates the alert and sends it, in one transaction: alert, communes (those the route's loader
 * found the draft to name), rank-1 (or first reachable) recipients, initial message, one
 * notification per recipient, audit, live event. The account's rate limit is checked again under
 * its lock inside the transaction, so that concurrent requests cannot slip past it together.
 */
export async function createAlert(
  ctx: AlertsContext,
  executor: Executor,
  actor: UserActor,
  input: AlertCreate,
  municipalityIds: string[],
  now = new Date(),
): Promise<string> {
  const text = trimmedText(input.text);
  const plans = await planCommunes(ctx.database.db, municipalityIds, now);
  assertReachable(plans, input.confirmNoContact === true);
  const delay = input.escalationDelayMinutes ?? ctx.settings.escalationMinutes;
  const deadline = new Date(now.getTime() + delay * 60_000);
  return withTransaction(executor, async (tx) => {
    await lockAccountAlerts(tx, actor.id);
    await assertAlertRate(tx, actor.id, ctx.settings.perMinute);
    const [row] = await tx
      .insert(alerts)
      .values({
        kind: input.kind,
        severity: input.severity,
        text,
        lon: input.point?.lon ?? null,
        lat: input.point?.lat ?? null,
        escalationDelayMinutes: delay,
        createdBy: actor.id,
      })
      .returning();
    const head: AlertHead = { id: row.id, kind: row.kind, severity: row.severity, createdBy: actor.id };
    let recipients = 0;
    for (const plan of plans) {
      // A deadline whenever a higher rank exists, including when nobody is reachable at this hour
      // (rank 0): escalation then tries again when the delay is over.
      const [commune] = await tx
        .insert(alertCommunes)
        .values({
          alertId: row.id,
          municipalityId: plan.commune.id,
          currentRank: plan.pick.rank,
          nextEscalationAt: plan.pick.ranksLeft ? deadline : null,
        })
        .returning();
      recipients += await alertContacts(
        ctx,
        tx,
        actor,
        head,
        commune.id,
        plan.commune.name,
        plan.pick.contacts,
        'initial',
        text,
      );
    }
    await tx.insert(alertMessages).values({ alertId: row.id, kind: 'initial', text, createdBy: actor.id });
    await recordAudit(tx, actor, {
      action: 'alert.created',
      recordType: 'alert',
      recordId: row.id,
      details: {
        kind: row.kind,
        severity: row.severity,
        municipalityIds,
        recipients,
        escalationDelayMinutes: delay,
        unreachable: plans.filter((p) => p.warning).map((p) => p.commune.id),
      },
    });
    await announceAlert(tx, row.id, actor.id);
    return row.id;
  });
}
