import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { publishLive } from '../../platform/live/live.ts';
import { ALERT_UPDATED_EVENT, type AlertKind, type AlertSeverity } from '../../../shared/alerts/alerts.schemas.ts';
import { notify, readDeliveryStates } from '../notifications/index.ts';
import { alertRecipients } from './alerts.tables.ts';
import { ackLink } from './ack-codes.ts';
import type { AlertsContext } from './alerts-context.ts';

/** Kinds declared by the notifications module: the first message cannot be opted out of SMS; updates may. */
export const ALERT_NOTIFICATION_KIND = 'alert.operational';
export const ALERT_UPDATE_NOTIFICATION_KIND = 'alert.update';
export type MessageKind = 'initial' | 'update' | 'escalation' | 'close';

// Labels stay in the GSM-7 alphabet (é, è are in it; ê, ç, À are not) so that a short alert fits one SMS.
export const KIND_LABELS: Record<AlertKind, string> = {
  intervention: 'Intervention en cours',
  public_order: 'Ordre public',
  road_closed: 'Route fermée',
  missing_person: 'Personne disparue',
  other: 'Information',
};
export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  info: 'info',
  important: 'IMPORTANTE',
  critical: 'CRITIQUE',
};

export interface AlertHead {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  createdBy: string;
}

/** The SMS (and in-app) text: what, where, and the recipient's own acknowledgement link. */
export function alertBody(
  message: MessageKind,
  alert: Pick<AlertHead, 'kind' | 'severity'>,
  commune: string,
  text: string,
  link: string | null,
): string {
  const head =
    message === 'close'
      ? `PSQ FIN D'ALERTE - ${commune}`
      : message === 'update'
        ? `PSQ ALERTE MISE A JOUR - ${commune}`
        : `PSQ ALERTE ` +
          `${SEVERITY_LABELS[alert.severity]}${message === 'escalation' ? ' (relance)' : ''}` +
          ` - ${KIND_LABELS[alert.kind]} - ${commune}`;
  return `${head} : ${text}${link ? `\nAccusez réception : ${link}` : ''}`;
}

export interface Addressee {
  id: string;
  ackCode: string;
  phone: string;
  userId: string | null;
  communeName: string;
}

/**
 * One notification per recipient: each body carries that recipient's own signed link, and
 * notify() sends one body to all its recipients. SMS always, in-app when the contact has an
 * account. Returns the deliveries per recipient so that the first message's can be tracked.
 */
export async function notifyAddressees(
  ctx: AlertsContext,
  executor: Executor,
  actor: Actor,
  alert: AlertHead,
  message: MessageKind,
  text: string,
  addressees: Addressee[],
) {
  return withTransaction(executor, async (tx) => {
    const deliveries = new Map<string, { sms: string | null; inApp: string | null }>();
    for (const addressee of addressees) {
      const link = message === 'close' ? null : ackLink(ctx.publicUrl, ctx.ackKey, addressee.ackCode);
      const result = await notify(tx, ctx.jobs(), actor, {
        kind: message === 'update' || message === 'close' ? ALERT_UPDATE_NOTIFICATION_KIND : ALERT_NOTIFICATION_KIND,
        subject:
          `${message === 'close' ? "Fin d'alerte" : `Alerte ${SEVERITY_LABELS[alert.severity].toLowerCase()}`}` +
          ` – ${addressee.communeName}`,
        body: alertBody(message, alert, addressee.communeName, text, link),
        recipients: [{ phone: addressee.phone, ...(addressee.userId ? { userId: addressee.userId } : {}) }],
        channels: addressee.userId ? ['sms', 'in_app'] : ['sms'],
      });
      const states = [...(await readDeliveryStates(tx, result.deliveryIds)).values()];
      deliveries.set(addressee.id, {
        sms: states.find((s) => s.channel === 'sms')?.id ?? null,
        inApp: states.find((s) => s.channel === 'in_app')?.id ?? null,
      });
    }
    return deliveries;
  });
}

/** Records on each new recipient row which deliveries carry its first message, and audits it. */
export async function recordFirstDeliveries(
  tx: Tx,
  actor: Actor,
  alertId: string,
  deliveries: Map<string, { sms: string | null; inApp: string | null }>,
  ranks: Map<string, number>,
) {
  for (const [id, delivery] of deliveries) {
    await tx
      .update(alertRecipients)
      .set({ smsDeliveryId: delivery.sms, inAppDeliveryId: delivery.inApp })
      .where(eq(alertRecipients.id, id));
    // Who and how, never the number: the recipient row keeps it for the alert's own retention.
    await recordAudit(tx, actor, {
      action: 'alert.recipient.added',
      recordType: 'alert_recipient',
      recordId: id,
      details: { alertId, rank: ranks.get(id), sms: !!delivery.sms, inApp: !!delivery.inApp },
    });
  }
}

/** Tells the sender and every in-app recipient's browser to refetch the alert. */
export async function announceAlert(tx: Tx, alertId: string, createdBy: string) {
  const rows = await tx
    .select({ userId: alertRecipients.userId })
    .from(alertRecipients)
    .where(eq(alertRecipients.alertId, alertId));
  const users = [createdBy, ...rows.flatMap((row) => (row.userId ? [row.userId] : []))];
  await publishLive(tx, users, { type: ALERT_UPDATED_EVENT, data: { alertId } });
}
