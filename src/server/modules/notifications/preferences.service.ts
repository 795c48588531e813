import { count, eq } from 'drizzle-orm';
import type {
  NotificationPreferences,
  UpdateNotificationPreferences,
} from '../../../shared/notifications/notification-preferences.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { BadRequestError, type ProblemItem } from '../../platform/errors.ts';
import { normalisePhone } from '../../platform/sms/phone.ts';
import { NOTIFICATION_KINDS, channelsFor, findKind, type NotificationKind } from './notification-kinds.ts';
import {
  CHANNELS,
  notificationPreferences,
  notificationProfiles,
  pushSubscriptions,
  type Channel,
} from './notifications.tables.ts';
import { formatMinute, parseMinute } from './quiet-hours.ts';

const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'courriel',
  sms: 'SMS',
  in_app: 'dans l’application',
  push: 'notification sur l’appareil',
};

export async function readPreferences(db: Executor, userId: string): Promise<NotificationPreferences> {
  const [profile] = await db.select().from(notificationProfiles).where(eq(notificationProfiles.userId, userId));
  const chosen = new Map(
    (await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId))).map((row) => [
      row.kind,
      row.channels as Channel[],
    ]),
  );
  const [{ subscriptions }] = await db
    .select({ subscriptions: count() })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  const quiet = profile && profile.quietStartMinute !== null && profile.quietEndMinute !== null;
  return {
    phone: profile?.phone ?? null,
    quietHours: quiet
      ? { start: formatMinute(profile.quietStartMinute!), end: formatMinute(profile.quietEndMinute!) }
      : null,
    kinds: Object.entries(NOTIFICATION_KINDS).map(([kind, spec]: [string, NotificationKind]) => ({
      kind,
      label: spec.label,
      urgent: spec.urgent,
      allowed: [...spec.allowed],
      choosable: [...spec.choosable],
      channels: channelsFor(kind, spec.allowed, chosen.get(kind)),
    })),
    pushSubscriptions: subscriptions,
  };
}

function parseQuietHours(input: UpdateNotificationPreferences['quietHours'], errors: ProblemItem[]) {
  if (input === null) return { quietStartMinute: null, quietEndMinute: null };
  const start = parseMinute(input.start);
  const end = parseMinute(input.end);
  if (start === undefined)
    errors.push({
      pointer: '/quietHours/start',
      message: 'Début des heures calmes invalide : format HH:MM attendu (exemple : 22:00).',
    });
  if (end === undefined)
    errors.push({
      pointer: '/quietHours/end',
      message: 'Fin des heures calmes invalide : format HH:MM attendu (exemple : 07:00).',
    });
  if (start !== undefined && start === end)
    errors.push({
      pointer: '/quietHours',
      message: 'Les heures calmes doivent commencer et finir à des heures différentes.',
    });
  return { quietStartMinute: start ?? null, quietEndMinute: end ?? null };
}

/** Keeps only what the person may choose; refuses kinds and channels that do not exist or do not apply. */
function parseKinds(kinds: UpdateNotificationPreferences['kinds'], errors: ProblemItem[]) {
  const parsed = new Map<string, Channel[]>();
  kinds.forEach((entry, index) => {
    const spec = findKind(entry.kind);
    if (!spec)
      return void errors.push({
        pointer: `/kinds/${index}/kind`,
        message: `Type de message inconnu : « ${entry.kind} ».`,
      });
    for (const channel of entry.channels) {
      if (!(CHANNELS as readonly string[]).includes(channel))
        errors.push({ pointer: `/kinds/${index}/channels`, message: `Canal inconnu : « ${channel} ».` });
      else if (!spec.allowed.includes(channel as Channel))
        errors.push({
          pointer: `/kinds/${index}/channels`,
          message: `« ${spec.label} » ne peut pas être envoyé par ${CHANNEL_LABELS[channel as Channel]}.`,
        });
    }
    // Imposed channels stay on whatever is sent: only the choosable ones are stored.
    parsed.set(
      entry.kind,
      spec.choosable.filter((channel) => entry.channels.includes(channel)),
    );
  });
  return parsed;
}

/** Saves the person's own phone, quiet hours and channel choices; audited without the phone itself. */
export async function updatePreferences(
  executor: Executor,
  actor: UserActor,
  input: UpdateNotificationPreferences,
): Promise<void> {
  const userId = actor.id;
  const errors: ProblemItem[] = [];
  let phone: string | null = null;
  if (input.phone !== null && input.phone.trim() !== '') {
    const normalised = normalisePhone(input.phone);
    if (normalised.ok) phone = normalised.e164;
    else errors.push({ pointer: '/phone', message: normalised.message });
  }
  const quiet = parseQuietHours(input.quietHours, errors);
  const kinds = parseKinds(input.kinds, errors);
  if (errors.length) throw new BadRequestError(errors[0].message, errors);

  const now = new Date();
  const profile = { phone, ...quiet, updatedAt: now };
  await withTransaction(executor, async (tx) => {
    await tx
      .insert(notificationProfiles)
      .values({ userId, ...profile })
      .onConflictDoUpdate({ target: notificationProfiles.userId, set: profile });
    for (const [kind, channels] of kinds) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind, channels, updatedAt: now })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { channels, updatedAt: now },
        });
    }
    await recordAudit(tx, actor, {
      action: 'notification-preferences.updated',
      recordType: 'user',
      recordId: userId,
      details: { phone: phone !== null, quietHours: input.quietHours, kinds: Object.fromEntries(kinds) },
    });
  });
}
