import { and, asc, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { AckView, AlertDetail, AlertList, AlertStatus } from '../../../shared/alerts/alerts.schemas.ts';
import { userSummaries } from '../identity/index.ts';
import { readDeliveryStates } from '../notifications/index.ts';
import { municipalitySummaries, type MunicipalitySummary } from '../territory/index.ts';
import { alertCommunes, alertMessages, alertRecipients, alerts } from './alerts.tables.ts';
import { actorCoversCommune, communePathFor, coveredMunicipalityIds } from './alert-scope.ts';
import { verifyAckCode } from './ack-codes.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const communeRef = (communes: Map<string, MunicipalitySummary>, id: string) =>
  communes.get(id) ?? { id, inseeCode: '', name: 'Commune supprimée' };

async function communeMap(db: Executor, ids: string[]) {
  return new Map((await municipalitySummaries(db, ids)).map((c) => [c.id, c]));
}

const messagesOf = async (db: Executor, alertId: string) =>
  (
    await db
      .select()
      .from(alertMessages)
      .where(eq(alertMessages.alertId, alertId))
      .orderBy(asc(alertMessages.createdAt))
  ).map((m) => ({ id: m.id, kind: m.kind, text: m.text, createdAt: m.createdAt.toISOString() }));

/**
 * The sender's view. Readers see recipients only in communes they cover, and phone numbers only
 * where they may send alerts or manage the contact list.
 */
export async function loadAlertDetail(db: Executor, actor: Actor, alertId: string): Promise<AlertDetail> {
  const [alert] = await db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!alert) throw new NotFoundError('Alerte introuvable.');
  const communes = await db.select().from(alertCommunes).where(eq(alertCommunes.alertId, alertId));
  const recipients = await db
    .select()
    .from(alertRecipients)
    .where(eq(alertRecipients.alertId, alertId))
    .orderBy(asc(alertRecipients.rank), asc(alertRecipients.createdAt));
  const names = await communeMap(
    db,
    communes.map((c) => c.municipalityId),
  );
  const deliveries = await readDeliveryStates(
    db,
    recipients.flatMap((r) => [r.smsDeliveryId, r.inAppDeliveryId].filter((id): id is string => !!id)),
  );
  const sender = (await userSummaries(db, [alert.createdBy])).get(alert.createdBy);
  const rights = await Promise.all(
    communes.map(async (c) => ({
      send: await actorCoversCommune(db, actor, 'alerts.send', c.municipalityId),
      read: await actorCoversCommune(db, actor, 'alerts.read', c.municipalityId),
      contacts: await actorCoversCommune(db, actor, 'alerts.contacts.manage', c.municipalityId),
    })),
  );
  const mine =
    actor.type === 'user'
      ? (recipients.find((r) => r.userId === actor.id && !r.acknowledgedAt) ??
        recipients.find((r) => r.userId === actor.id))
      : undefined;
  return {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    text: alert.text,
    status: alert.status,
    point: alert.lon !== null && alert.lat !== null ? { lon: alert.lon, lat: alert.lat } : null,
    escalationDelayMinutes: alert.escalationDelayMinutes,
    createdAt: alert.createdAt.toISOString(),
    createdBy: { id: alert.createdBy, displayName: sender?.displayName ?? 'Compte supprimé' },
    closedAt: iso(alert.closedAt),
    communes: communes.map((c, index) => ({
      id: c.id,
      municipality: communeRef(names, c.municipalityId),
      currentRank: c.currentRank,
      nextEscalationAt: iso(c.nextEscalationAt),
      acknowledgedAt: iso(c.acknowledgedAt),
      recipients: recipients
        .filter((r) => r.alertCommuneId === c.id && (rights[index].read || rights[index].send || r.userId === actor.id))
        .map((r) => {
          const sms = r.smsDeliveryId ? deliveries.get(r.smsDeliveryId) : undefined;
          const inApp = r.inAppDeliveryId ? deliveries.get(r.inAppDeliveryId) : undefined;
          return {
            id: r.id,
            name: r.name,
            role: r.role,
            phone: rights[index].send || rights[index].contacts ? r.phone : null,
            rank: r.rank,
            inApp: !!r.userId,
            alertedAt: r.createdAt.toISOString(),
            smsStatus: sms?.status ?? null,
            smsError: sms?.status === 'failed' ? sms.lastError : null,
            deliveredAt: iso(sms?.deliveredAt ?? null),
            readAt: iso(inApp?.readAt ?? null),
            acknowledgedAt: iso(r.acknowledgedAt),
            acknowledgedVia: r.acknowledgedVia,
          };
        }),
    })),
    messages: await messagesOf(db, alertId),
    canManage: alert.status === 'open' && rights.length > 0 && rights.every((r) => r.send),
    myRecipient: mine ? { id: mine.id, acknowledgedAt: iso(mine.acknowledgedAt) } : null,
  };
}

/** Path for the access layer: a commune of the alert the actor covers if any, else one they do not (→ 404). */
export async function alertPath(
  db: Executor,
  actor: Actor,
  permission: 'alerts.read' | 'alerts.send',
  alertId: string,
) {
  const communes = await db
    .select({ municipalityId: alertCommunes.municipalityId })
    .from(alertCommunes)
    .where(eq(alertCommunes.alertId, alertId));
  const paths = await Promise.all(communes.map((c) => communePathFor(db, actor, permission, c.municipalityId)));
  const known = paths.filter((p) => !!p);
  // Managing needs every commune of the alert; reading, any of them.
  if (permission === 'alerts.send')
    return known.length === paths.length ? (known.find((p) => !can(actor, permission, p!)) ?? known[0]) : undefined;
  return known.find((p) => can(actor, permission, p!)) ?? known[0];
}

/** The alerts of the actor's communes (those they may read), and those they sent; newest first. */
export async function listAlertsOf(db: Executor, actor: Actor, status?: AlertStatus): Promise<AlertList> {
  return listAlerts(db, actor.id, await coveredMunicipalityIds(db, actor, 'alerts.read'), status);
}

/** Alerts concerning the given communes, or sent by the actor; newest first. */
export async function listAlerts(
  db: Executor,
  actorId: string | null,
  municipalityIds: string[],
  status?: AlertStatus,
): Promise<AlertList> {
  const concerns = municipalityIds.length
    ? exists(
        db
          .select({ one: sql`1` })
          .from(alertCommunes)
          .where(and(eq(alertCommunes.alertId, alerts.id), inArray(alertCommunes.municipalityId, municipalityIds))),
      )
    : undefined;
  const visible = or(concerns, actorId ? eq(alerts.createdBy, actorId) : undefined);
  if (!visible) return { items: [] };
  const rows = await db
    .select()
    .from(alerts)
    .where(and(visible, status ? eq(alerts.status, status) : undefined))
    .orderBy(desc(alerts.createdAt))
    .limit(200);
  if (rows.length === 0) return { items: [] };
  const ids = rows.map((r) => r.id);
  const communes = await db
    .select({ alertId: alertCommunes.alertId, municipalityId: alertCommunes.municipalityId })
    .from(alertCommunes)
    .where(inArray(alertCommunes.alertId, ids));
  const counts = await db
    .select({
      alertId: alertRecipients.alertId,
      total: sql<number>`count(*)::int`,
      acknowledged: sql<number>`count(${alertRecipients.acknowledgedAt})::int`,
    })
    .from(alertRecipients)
    .where(inArray(alertRecipients.alertId, ids))
    .groupBy(alertRecipients.alertId);
  const names = await communeMap(
    db,
    communes.map((c) => c.municipalityId),
  );
  return {
    items: rows.map((row) => {
      const count = counts.find((c) => c.alertId === row.id);
      return {
        id: row.id,
        kind: row.kind,
        severity: row.severity,
        text: row.text,
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        closedAt: iso(row.closedAt),
        communes: communes.filter((c) => c.alertId === row.id).map((c) => communeRef(names, c.municipalityId)),
        recipients: count?.total ?? 0,
        acknowledged: count?.acknowledged ?? 0,
        mine: row.createdBy === actorId,
      };
    }),
  };
}

/** The recipient a signed link names; a tampered or unknown code is a plain 404. */
export async function findRecipientByCode(db: Executor, key: Buffer, signed: string) {
  const code = verifyAckCode(key, signed);
  const [row] = code ? await db.select().from(alertRecipients).where(eq(alertRecipients.ackCode, code)) : [];
  if (!row) throw new NotFoundError('Lien invalide ou expiré.');
  return row;
}

/** What the link shows: the alert and this recipient only, never anyone else's name or number. */
export async function loadAckView(db: Executor, recipient: typeof alertRecipients.$inferSelect): Promise<AckView> {
  const [alert] = await db.select().from(alerts).where(eq(alerts.id, recipient.alertId));
  const [commune] = await db
    .select({ municipalityId: alertCommunes.municipalityId })
    .from(alertCommunes)
    .where(eq(alertCommunes.id, recipient.alertCommuneId));
  const names = await communeMap(db, [commune.municipalityId]);
  return {
    alert: {
      kind: alert.kind,
      severity: alert.severity,
      text: alert.text,
      status: alert.status,
      createdAt: alert.createdAt.toISOString(),
      closedAt: iso(alert.closedAt),
      messages: (await messagesOf(db, alert.id)).filter((m) => m.kind !== 'escalation'),
    },
    commune: communeRef(names, commune.municipalityId),
    recipient: {
      name: recipient.name,
      role: recipient.role,
      acknowledgedAt: iso(recipient.acknowledgedAt),
      acknowledgedVia: recipient.acknowledgedVia,
    },
  };
}

/** What the link of the SMS shows (a tampered or unknown code: 404). */
export async function readAckView(db: Executor, key: Buffer, signed: string): Promise<AckView> {
  return loadAckView(db, await findRecipientByCode(db, key, signed));
}
