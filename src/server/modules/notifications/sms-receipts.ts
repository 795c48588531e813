import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { SmsReceipt, SmsReceiptRequest } from '../../platform/sms/sms-provider.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { OUTCOME_UNKNOWN } from './sweep-deliveries.ts';

type VerifiedReceipt = Extract<SmsReceipt, { ok: true }>;

/**
 * Moves an SMS delivery forward from a verified receipt. With `deliveryId` (our callback URL
 * carries it, and the provider signs the URL) the receipt lands even when it overtakes the
 * worker's own record of the send, or when that worker died before recording it: the provider's
 * id is then stored from the receipt. Without it, the provider id stored at send time is the key.
 * A receipt only moves forward: a late 'sent' after 'delivered' is ignored. A send whose outcome
 * was unknown (provider timeout) is settled by the receipt: the provider did take it.
 */
/** Returns the messages whose deliveries moved, so their authors can be told. */
export async function applySmsReceipt(db: Executor, receipt: VerifiedReceipt, deliveryId?: string): Promise<string[]> {
  const d = notificationDeliveries;
  const target = deliveryId
    ? and(eq(d.id, deliveryId), eq(d.channel, 'sms'), or(isNull(d.providerId), eq(d.providerId, receipt.providerId)))
    : eq(d.providerId, receipt.providerId);
  const now = new Date();
  const known = { providerId: receipt.providerId, updatedAt: now };
  const moved = { notificationId: d.notificationId };
  const open = or(
    inArray(d.status, ['sending', 'sent']),
    and(eq(d.status, 'failed'), eq(d.lastError, OUTCOME_UNKNOWN)),
  );
  let rows: Array<{ notificationId: string }> = [];
  if (receipt.status === 'delivered') {
    rows = await db
      .update(d)
      .set({
        ...known,
        status: 'delivered',
        deliveredAt: now,
        sentAt: sql`coalesce(${d.sentAt}, now())`,
        failureKind: null,
        lastError: null,
      })
      .where(and(target, open))
      .returning(moved);
  } else if (receipt.status === 'failed' || receipt.status === 'undelivered') {
    const code = receipt.errorCode ? ` (code ${receipt.errorCode})` : '';
    rows = await db
      .update(d)
      .set({
        ...known,
        status: 'failed',
        failureKind: 'permanent',
        lastError: `L'opérateur signale que le SMS n'a pas été remis${code}.`,
      })
      .where(and(target, open))
      .returning(moved);
  } else if (receipt.status === 'sent') {
    rows = await db
      .update(d)
      .set({ ...known, status: 'sent', sentAt: now, failureKind: null, lastError: null })
      .where(and(target, or(eq(d.status, 'sending'), and(eq(d.status, 'failed'), eq(d.lastError, OUTCOME_UNKNOWN)))))
      .returning(moved);
  } else if (deliveryId) {
    // 'queued' / 'sending' at the provider: nothing to move, but the provider's id is worth keeping.
    await db
      .update(d)
      .set(known)
      .where(and(target, isNull(d.providerId), eq(d.status, 'sending')));
  }
  return rows.map((row) => row.notificationId);
}

/**
 * A receipt posted by the provider: refused (403, nothing changes) unless its signature over the
 * URL it was sent to and the form checks out; applied, then the messages' authors are told.
 */
export async function receiveSmsReceipt(
  ctx: Pick<NotificationsContext, 'sms' | 'announcer'>,
  executor: Executor,
  signed: SmsReceiptRequest,
  deliveryId?: string,
): Promise<void> {
  const receipt = ctx.sms().verifyReceipt(signed);
  if (!receipt.ok) throw new ForbiddenError('Accusé de réception refusé : signature invalide.');
  // Live events are a courtesy: not awaited, a failure changes nothing.
  ctx.announcer.announceByIds(await applySmsReceipt(executor, receipt, deliveryId)).catch(() => undefined);
}
