import { and, eq, sql } from 'drizzle-orm';
import type { Actor, UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type { AckResult } from '../../../shared/alerts/alerts.schemas.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { municipalitySummaries } from '../territory/index.ts';
import { alertCommunes, alertMessages, alertRecipients, alerts } from './alerts.tables.ts';
import { announceAlert, notifyAddressees, type MessageKind } from './alert-notify.ts';
import { trimmedText } from './alert-plan.ts';
import type { AlertsContext } from './alerts-context.ts';
import { findRecipientByCode } from './alerts.queries.ts';

const CLOSED = "L'alerte est close : il n'est plus nécessaire d'en accuser réception.";

/** The alert, locked for the rest of the transaction: updates, closing and acknowledgements queue up. */
async function lockAlert(tx: Tx, alertId: string) {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
  if (!row) throw new NotFoundError('Alerte introuvable.');
  return row;
}

/**
 * Acknowledges for one recipient (link or app). Twice is fine (same answer, nothing changes);
 * after the alert closed it is a 409. Stops the commune's escalation.
 */
export async function acknowledgeRecipient(
  executor: Executor,
  actor: Actor,
  recipientId: string,
  via: 'link' | 'app',
  now = new Date(),
): Promise<AckResult> {
  return withTransaction(executor, async (tx) => {
    const [recipient] = await tx.select().from(alertRecipients).where(eq(alertRecipients.id, recipientId));
    if (!recipient) throw new NotFoundError('Alerte introuvable.');
    const alert = await lockAlert(tx, recipient.alertId);
    const [current] = await tx.select().from(alertRecipients).where(eq(alertRecipients.id, recipientId));
    if (current.acknowledgedAt) {
      return {
        acknowledgedAt: current.acknowledgedAt.toISOString(),
        alreadyAcknowledged: true,
        message: `Vous aviez déjà accusé réception de cette alerte le ${formatDateTime(current.acknowledgedAt)}.`,
      };
    }
    if (alert.status === 'closed') throw new ConflictError(CLOSED);
    await tx
      .update(alertRecipients)
      .set({ acknowledgedAt: now, acknowledgedVia: via })
      .where(eq(alertRecipients.id, recipientId));
    await tx
      .update(alertCommunes)
      .set({
        acknowledgedAt: sql`coalesce(${alertCommunes.acknowledgedAt}, ${now.toISOString()}::timestamptz)`,
        nextEscalationAt: null,
      })
      .where(eq(alertCommunes.id, recipient.alertCommuneId));
    await recordAudit(tx, actor, {
      action: 'alert.acknowledged',
      recordType: 'alert_recipient',
      recordId: recipientId,
      details: { alertId: alert.id, via, rank: recipient.rank },
    });
    await announceAlert(tx, alert.id, alert.createdBy);
    return {
      acknowledgedAt: now.toISOString(),
      alreadyAcknowledged: false,
      message: 'Merci : votre accusé de réception a été transmis.',
    };
  });
}

/** The acknowledgement by the signed link of the SMS (the link is the credential; a tampered or unknown code: 404). */
export async function acknowledgeByLink(
  ctx: Pick<AlertsContext, 'ackKey'>,
  executor: Executor,
  actor: Actor,
  signed: string,
  now = new Date(),
): Promise<AckResult> {
  return withTransaction(executor, async (tx) => {
    const recipient = await findRecipientByCode(tx, ctx.ackKey, signed);
    return acknowledgeRecipient(tx, actor, recipient.id, 'link', now);
  });
}

/** The in-app acknowledgement: the caller must be one of the alert's recipients (linked account). */
export async function acknowledgeInApp(
  executor: Executor,
  actor: UserActor,
  alertId: string,
  now = new Date(),
): Promise<AckResult> {
  return withTransaction(executor, async (tx) => {
    const rows = await tx
      .select({ id: alertRecipients.id, acknowledgedAt: alertRecipients.acknowledgedAt })
      .from(alertRecipients)
      .where(and(eq(alertRecipients.alertId, alertId), eq(alertRecipients.userId, actor.id)));
    if (rows.length === 0) throw new NotFoundError('Alerte introuvable.');
    // Alerted for several communes: the first pending row stands for the person.
    const row = rows.find((r) => !r.acknowledgedAt) ?? rows[0];
    return acknowledgeRecipient(tx, actor, row.id, 'app', now);
  });
}

/** Sends `text` to everyone already alerted, each with their own link (none when closing). */
async function sendToAll(
  tx: Tx,
  ctx: AlertsContext,
  actor: Actor,
  alert: typeof alerts.$inferSelect,
  message: MessageKind,
  text: string,
) {
  const recipients = await tx.select().from(alertRecipients).where(eq(alertRecipients.alertId, alert.id));
  const communes = await tx
    .select({ id: alertCommunes.id, municipalityId: alertCommunes.municipalityId })
    .from(alertCommunes)
    .where(eq(alertCommunes.alertId, alert.id));
  const names = new Map(
    (
      await municipalitySummaries(
        tx,
        communes.map((c) => c.municipalityId),
      )
    ).map((c) => [c.id, c.name]),
  );
  const communeName = new Map(communes.map((c) => [c.id, names.get(c.municipalityId) ?? '']));
  await notifyAddressees(
    ctx,
    tx,
    actor,
    alert,
    message,
    text,
    recipients.map((r) => ({ ...r, communeName: communeName.get(r.alertCommuneId) ?? '' })),
  );
  await tx.insert(alertMessages).values({ alertId: alert.id, kind: message, text, createdBy: actor.id ?? actor.type });
  return recipients.length;
}

export async function sendAlertUpdate(
  ctx: AlertsContext,
  executor: Executor,
  actor: UserActor,
  alertId: string,
  input: { text: string },
): Promise<void> {
  const text = trimmedText(input.text);
  await withTransaction(executor, async (tx) => {
    const alert = await lockAlert(tx, alertId);
    if (alert.status === 'closed')
      throw new ConflictError("L'alerte est close : on ne peut plus envoyer de mise à jour.");
    const recipients = await sendToAll(tx, ctx, actor, alert, 'update', text);
    await recordAudit(tx, actor, {
      action: 'alert.updated',
      recordType: 'alert',
      recordId: alertId,
      details: { recipients },
    });
    await announceAlert(tx, alertId, alert.createdBy);
  });
}

export async function closeAlert(
  ctx: AlertsContext,
  executor: Executor,
  actor: UserActor,
  alertId: string,
  input: { text?: string },
  now = new Date(),
): Promise<void> {
  const text = input.text === undefined ? "L'intervention est terminée, l'alerte est close." : trimmedText(input.text);
  await withTransaction(executor, async (tx) => {
    const alert = await lockAlert(tx, alertId);
    if (alert.status === 'closed') throw new ConflictError('Cette alerte est déjà close.');
    await tx.update(alerts).set({ status: 'closed', closedAt: now, closedBy: actor.id }).where(eq(alerts.id, alertId));
    await tx
      .update(alertCommunes)
      .set({ nextEscalationAt: null })
      .where(and(eq(alertCommunes.alertId, alertId), sql`${alertCommunes.nextEscalationAt} is not null`));
    const recipients = await sendToAll(tx, ctx, actor, alert, 'close', text);
    await recordAudit(tx, actor, {
      action: 'alert.closed',
      recordType: 'alert',
      recordId: alertId,
      details: { recipients },
    });
    await announceAlert(tx, alertId, alert.createdBy);
  });
}
