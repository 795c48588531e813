import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';

/** Wire contract of operational alerts to mayors (server module `alerts`, web pages on top of it). */

export const AlertKind = Type.Union([
  Type.Literal('intervention'),
  Type.Literal('public_order'),
  Type.Literal('road_closed'),
  Type.Literal('missing_person'),
  Type.Literal('other'),
]);
export type AlertKind = Static<typeof AlertKind>;
export const AlertSeverity = Type.Union([Type.Literal('info'), Type.Literal('important'), Type.Literal('critical')]);
export type AlertSeverity = Static<typeof AlertSeverity>;
export const AlertStatus = Type.Union([Type.Literal('open'), Type.Literal('closed')]);
export type AlertStatus = Static<typeof AlertStatus>;
export const AlertMessageKind = Type.Union([
  Type.Literal('initial'),
  Type.Literal('update'),
  Type.Literal('escalation'),
  Type.Literal('close'),
]);

/** "HH:MM", 00:00–23:59, Europe/Paris. */
const HourMinute = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Heure « HH:MM », heure de Paris',
});
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
/** Text of an alert or of an update: trimmed by the server, never empty. */
const AlertText = Type.String({ minLength: 1, maxLength: 320, description: 'Texte court (320 caractères au plus)' });

export const CommuneRef = Type.Object({ id: Uuid, inseeCode: Type.String(), name: Type.String() });
export type CommuneRef = Static<typeof CommuneRef>;

// ---------------------------------------------------------------- contacts

/** A contact of a commune's list. `availableFrom`/`availableTo` null = reachable at any hour. */
export const AlertContact = Type.Object({
  id: Uuid,
  municipalityId: Uuid,
  name: Type.String(),
  role: Type.String(),
  /** E.164. */
  phone: Type.String(),
  rank: Type.Integer({ minimum: 1, maximum: 9 }),
  availableFrom: Type.Union([HourMinute, Type.Null()]),
  availableTo: Type.Union([HourMinute, Type.Null()]),
  active: Type.Boolean(),
  /** Computed now, in Europe/Paris. */
  availableNow: Type.Boolean(),
  /** The linked PSQ account (then also alerted in the app). */
  user: Type.Union([Type.Object({ id: Uuid, displayName: Type.String(), email: Type.String() }), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AlertContact = Static<typeof AlertContact>;
export const AlertContactList = Type.Object({ commune: CommuneRef, items: Type.Array(AlertContact) });
export type AlertContactList = Static<typeof AlertContactList>;

const contactFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  role: Type.String({ minLength: 1, maxLength: 80, description: 'Maire, Adjoint à la sécurité, DGS…' }),
  /** E.164 or French national form ("06 12 34 56 78"); must be a mobile. */
  phone: Type.String({ minLength: 1, maxLength: 40 }),
  rank: Type.Integer({ minimum: 1, maximum: 9, description: '1 = alerté immédiatement, 2 et plus = ordre d’escalade' }),
  /** Both or neither; may wrap midnight (22:00 → 07:00). */
  availableFrom: Type.Union([HourMinute, Type.Null()]),
  availableTo: Type.Union([HourMinute, Type.Null()]),
  active: Type.Boolean(),
  /** E-mail of an active PSQ account to link, or null to unlink. */
  userEmail: Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
};
export const AlertContactCreate = StrictObject({
  name: contactFields.name,
  role: contactFields.role,
  phone: contactFields.phone,
  rank: Type.Optional(contactFields.rank),
  availableFrom: Type.Optional(contactFields.availableFrom),
  availableTo: Type.Optional(contactFields.availableTo),
  active: Type.Optional(contactFields.active),
  userEmail: Type.Optional(contactFields.userEmail),
});
export type AlertContactCreate = Static<typeof AlertContactCreate>;
export const AlertContactUpdate = Type.Object(
  {
    name: Type.Optional(contactFields.name),
    role: Type.Optional(contactFields.role),
    phone: Type.Optional(contactFields.phone),
    rank: Type.Optional(contactFields.rank),
    availableFrom: Type.Optional(contactFields.availableFrom),
    availableTo: Type.Optional(contactFields.availableTo),
    active: Type.Optional(contactFields.active),
    userEmail: Type.Optional(contactFields.userEmail),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AlertContactUpdate = Static<typeof AlertContactUpdate>;

// ---------------------------------------------------------------- communes a sender may alert

/** `GET /api/alerts/communes`: with lon+lat, the commune at that point; otherwise those of my territory (q filters by name). */
export const AlertCommuneQuery = StrictObject({
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type AlertCommuneQuery = Static<typeof AlertCommuneQuery>;
export const AlertCommune = Type.Object({
  ...CommuneRef.properties,
  /** Active contacts, and those reachable now. */
  contacts: Type.Integer(),
  reachableNow: Type.Integer(),
});
export type AlertCommune = Static<typeof AlertCommune>;
export const AlertCommuneList = Type.Object({ items: Type.Array(AlertCommune) });
export type AlertCommuneList = Static<typeof AlertCommuneList>;

// ---------------------------------------------------------------- preview and creation

const Point = StrictObject({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
/** Either `municipalityIds` or `point` (resolved to its commune). */
const draftFields = {
  municipalityIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true })),
  point: Type.Optional(Point),
  kind: AlertKind,
  severity: AlertSeverity,
  text: AlertText,
};
export const AlertPreviewRequest = StrictObject(draftFields);
export type AlertPreviewRequest = Static<typeof AlertPreviewRequest>;
export const AlertCreate = StrictObject({
  ...draftFields,
  /** Minutes without acknowledgement before the next rank is alerted (default ALERT_ESCALATION_MINUTES). */
  escalationDelayMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  /** Send even if some communes have no reachable contact (otherwise 422). */
  confirmNoContact: Type.Optional(Type.Boolean()),
});
export type AlertCreate = Static<typeof AlertCreate>;

export const PreviewRecipient = Type.Object({
  contactId: Uuid,
  name: Type.String(),
  role: Type.String(),
  phone: Type.String(),
  rank: Type.Integer(),
  inApp: Type.Boolean(),
});
export const AlertPreview = Type.Object({
  communes: Type.Array(
    Type.Object({
      municipality: CommuneRef,
      recipients: Type.Array(PreviewRecipient),
      /** French sentence when nobody would be alerted now in this commune, else null. */
      warning: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  /** One sentence per commune without a reachable contact (empty: nothing to confirm). */
  warnings: Type.Array(Type.String()),
  sms: Type.Object({
    /** Example body, with a link of the real length. */
    body: Type.String(),
    encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]),
    characters: Type.Integer(),
    segments: Type.Integer(),
    perSegment: Type.Integer(),
    /** Characters that force UCS-2 (ê, ç…), to suggest replacing them. */
    nonGsmCharacters: Type.Array(Type.String()),
    recipients: Type.Integer(),
    costPerSegmentEur: Type.Number(),
    costEur: Type.Number(),
  }),
});
export type AlertPreview = Static<typeof AlertPreview>;

// ---------------------------------------------------------------- sender and reader views

export const AlertRecipient = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: Type.String(),
  /** Null for a reader who may neither send alerts nor manage this commune's contacts. */
  phone: Type.Union([Type.String(), Type.Null()]),
  rank: Type.Integer(),
  inApp: Type.Boolean(),
  alertedAt: Timestamp,
  /** SMS delivery: queued, sending, sent, delivered, failed (null: no SMS row any more). */
  smsStatus: Type.Union([Type.String(), Type.Null()]),
  smsError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: NullableTimestamp,
  /** In-app message read. */
  readAt: NullableTimestamp,
  acknowledgedAt: NullableTimestamp,
  acknowledgedVia: Type.Union([Type.Literal('link'), Type.Literal('app'), Type.Null()]),
});
export type AlertRecipient = Static<typeof AlertRecipient>;

export const AlertMessage = Type.Object({
  id: Uuid,
  kind: AlertMessageKind,
  text: Type.String(),
  createdAt: Timestamp,
});
export type AlertMessage = Static<typeof AlertMessage>;

export const AlertDetail = Type.Object({
  id: Uuid,
  kind: AlertKind,
  severity: AlertSeverity,
  text: Type.String(),
  status: AlertStatus,
  point: Type.Union([Type.Object({ lon: Type.Number(), lat: Type.Number() }), Type.Null()]),
  escalationDelayMinutes: Type.Integer(),
  createdAt: Timestamp,
  createdBy: Type.Object({ id: Uuid, displayName: Type.String() }),
  closedAt: NullableTimestamp,
  communes: Type.Array(
    Type.Object({
      id: Uuid,
      municipality: CommuneRef,
      currentRank: Type.Integer(),
      nextEscalationAt: NullableTimestamp,
      acknowledgedAt: NullableTimestamp,
      recipients: Type.Array(AlertRecipient),
    }),
  ),
  messages: Type.Array(AlertMessage),
  /** The caller may send updates and close it. */
  canManage: Type.Boolean(),
  /** The caller's own recipient row (linked account), to show an "Accuser réception" button. */
  myRecipient: Type.Union([Type.Object({ id: Uuid, acknowledgedAt: NullableTimestamp }), Type.Null()]),
});
export type AlertDetail = Static<typeof AlertDetail>;

export const AlertListQuery = StrictObject({ status: Type.Optional(AlertStatus) });
export const AlertSummary = Type.Object({
  id: Uuid,
  kind: AlertKind,
  severity: AlertSeverity,
  text: Type.String(),
  status: AlertStatus,
  createdAt: Timestamp,
  closedAt: NullableTimestamp,
  communes: Type.Array(CommuneRef),
  recipients: Type.Integer(),
  acknowledged: Type.Integer(),
  /** Sent by the caller. */
  mine: Type.Boolean(),
});
export type AlertSummary = Static<typeof AlertSummary>;
export const AlertList = Type.Object({ items: Type.Array(AlertSummary) });
export type AlertList = Static<typeof AlertList>;

export const AlertUpdateCreate = StrictObject({ text: AlertText });
export type AlertUpdateCreate = Static<typeof AlertUpdateCreate>;
export const AlertClose = StrictObject({ text: Type.Optional(AlertText) });
export type AlertClose = Static<typeof AlertClose>;

// ---------------------------------------------------------------- acknowledgement

/** The code of a short link `<PUBLIC_URL>/a/<code>`: 8 random characters + 8 of signature. */
export const AckParams = StrictObject({ code: Type.String({ pattern: '^[0-9A-Za-z]{16}$' }) });
export type AckParams = Static<typeof AckParams>;
/** What the link shows its recipient: the alert and their own row, nobody else's. */
export const AckView = Type.Object({
  alert: Type.Object({
    kind: AlertKind,
    severity: AlertSeverity,
    text: Type.String(),
    status: AlertStatus,
    createdAt: Timestamp,
    closedAt: NullableTimestamp,
    messages: Type.Array(AlertMessage),
  }),
  commune: CommuneRef,
  recipient: Type.Object({
    name: Type.String(),
    role: Type.String(),
    acknowledgedAt: NullableTimestamp,
    acknowledgedVia: Type.Union([Type.Literal('link'), Type.Literal('app'), Type.Null()]),
  }),
});
export type AckView = Static<typeof AckView>;
export const AckResult = Type.Object({
  acknowledgedAt: Timestamp,
  alreadyAcknowledged: Type.Boolean(),
  /** French sentence to show as is. */
  message: Type.String(),
});
export type AckResult = Static<typeof AckResult>;

/** Live event (SSE `GET /api/live`) sent to the sender and in-app recipients: refetch the alert. */
export const ALERT_UPDATED_EVENT = 'alert.updated';
export interface AlertUpdatedEvent {
  alertId: string;
}
