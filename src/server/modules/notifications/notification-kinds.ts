import type { Channel } from './notifications.tables.ts';

/**
 * The kinds of message the platform sends, and what a person may choose for each.
 * - `allowed`: channels this kind may ever use (a caller asking for others gets only these).
 * - `choosable`: the allowed channels a person may turn on or off; the others are always on
 *   when the caller asks for them (an operational alert always goes by SMS).
 * - `defaults`: the choosable channels that are on until the person says otherwise.
 * - `urgent`: sent at once, even during the person's quiet hours.
 */
export interface NotificationKind {
  label: string;
  urgent: boolean;
  allowed: readonly Channel[];
  choosable: readonly Channel[];
  defaults: readonly Channel[];
}

export const NOTIFICATION_KINDS = {
  'alert.operational': {
    label: 'Alerte opérationnelle (intervention en cours dans la commune)',
    urgent: true,
    allowed: ['sms', 'in_app', 'push'],
    choosable: ['push'],
    defaults: ['push'],
  },
  'alert.update': {
    label: "Mise à jour ou clôture d'une alerte",
    urgent: true,
    allowed: ['sms', 'in_app', 'push'],
    choosable: ['sms', 'push'],
    defaults: ['sms', 'push'],
  },
  // Residents have no account: they get the channel staff choose for the answer (e-mail or SMS).
  'request.answer': {
    label: 'Réponse à une demande',
    urgent: false,
    allowed: ['email', 'sms', 'in_app', 'push'],
    choosable: ['email', 'sms', 'push'],
    defaults: ['email', 'sms'],
  },
  // Police referents: their territory's overdue and new requests, once a day; they may turn it off.
  'request.digest': {
    label: 'Récapitulatif quotidien des demandes en retard et nouvelles',
    urgent: false,
    allowed: ['email'],
    choosable: ['email'],
    defaults: ['email'],
  },
  // The staff of a sector a request was redirected to: in the app always, by e-mail unless they turn it off.
  'request.redirected': {
    label: 'Demande réorientée vers votre secteur',
    urgent: false,
    allowed: ['email', 'in_app', 'push'],
    choosable: ['email', 'push'],
    defaults: ['email'],
  },
  'request.receipt': {
    label: "Accusé de réception d'une demande (lien de suivi)",
    urgent: false,
    // SMS when staff record a call or a visit and the resident left only a phone number.
    allowed: ['email', 'sms'],
    choosable: [],
    defaults: [],
  },
  'office-hours.booking': {
    label: 'Rendez-vous de permanence',
    urgent: false,
    allowed: ['email', 'sms', 'in_app', 'push'],
    choosable: ['email', 'sms', 'push'],
    defaults: ['email', 'sms'],
  },
  'prevention.bulletin': {
    label: 'Bulletin de prévention',
    urgent: false,
    allowed: ['email', 'in_app', 'push'],
    choosable: ['email', 'in_app', 'push'],
    defaults: ['email', 'in_app'],
  },
  'system.test': {
    label: "Message de test de l'administrateur",
    urgent: false,
    allowed: ['email', 'sms', 'in_app', 'push'],
    choosable: [],
    defaults: [],
  },
} as const satisfies Record<string, NotificationKind>;

export type NotificationKindName = keyof typeof NOTIFICATION_KINDS;

export function findKind(kind: string): NotificationKind | undefined {
  return Object.hasOwn(NOTIFICATION_KINDS, kind)
    ? (NOTIFICATION_KINDS as Record<string, NotificationKind>)[kind]
    : undefined;
}

/**
 * Channels a person gets for one message: asked by the caller, allowed for the kind, and either
 * imposed by the kind or chosen by the person (their saved choice, else the kind's defaults).
 * Kinds outside the registry are not filtered: the caller's request stands.
 */
export function channelsFor(
  kind: string,
  requested: readonly Channel[],
  chosen: readonly Channel[] | undefined,
): Channel[] {
  const spec = findKind(kind);
  if (!spec) return [...new Set(requested)];
  const on = chosen ?? spec.defaults;
  return [...new Set(requested)].filter(
    (channel) => spec.allowed.includes(channel) && (!spec.choosable.includes(channel) || on.includes(channel)),
  );
}
