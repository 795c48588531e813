import { Type, type Static } from 'typebox';
import { PlainLine, StrictObject, Uuid } from '../common.schemas.ts';

/** Wire contract of residents' requests (server module `requests`, web pages on top of it). */

export const REQUEST_CATEGORY_LABELS = {
  incivilities: 'Incivilités',
  motorbike_rodeo: 'Rodéos motorisés',
  drug_dealing: 'Trafic de stupéfiants',
  burglary: 'Cambriolages',
  noise: 'Nuisances sonores',
  neighbour_dispute: 'Conflit de voisinage',
  road_safety: 'Sécurité routière',
  other: 'Autre',
} as const;
export type RequestCategory = keyof typeof REQUEST_CATEGORY_LABELS;
export const RequestCategory = Type.Union([
  Type.Literal('incivilities'),
  Type.Literal('motorbike_rodeo'),
  Type.Literal('drug_dealing'),
  Type.Literal('burglary'),
  Type.Literal('noise'),
  Type.Literal('neighbour_dispute'),
  Type.Literal('road_safety'),
  Type.Literal('other'),
]);

export const RequestStatus = Type.Union([
  Type.Literal('new'),
  Type.Literal('acknowledged'),
  Type.Literal('in_progress'),
  Type.Literal('answered'),
  Type.Literal('closed'),
]);
export type RequestStatus = Static<typeof RequestStatus>;
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  new: 'Reçue',
  acknowledged: 'Prise en compte',
  in_progress: 'En cours de traitement',
  answered: 'Répondue',
  closed: 'Close',
};
export const RequestChannel = Type.Union([
  Type.Literal('web'),
  Type.Literal('email'),
  Type.Literal('office_hour'),
  Type.Literal('phone'),
]);
export const TimeOfDay = Type.Union([
  Type.Literal('morning'),
  Type.Literal('afternoon'),
  Type.Literal('evening'),
  Type.Literal('night'),
  Type.Literal('any'),
]);
export const Anonymity = Type.Union([Type.Literal('named'), Type.Literal('police_only'), Type.Literal('anonymous')]);
/** transferred: handed to the town hall or another service, with the reason shown to the resident. */
export const CloseReason = Type.Union([
  Type.Literal('resolved'),
  Type.Literal('duplicate'),
  Type.Literal('rejected'),
  Type.Literal('transferred'),
]);
/** sector: resolved to a sector; department: outside every sector, in the nearest département's inbox; unrouted: no département near. */
export const Routing = Type.Union([Type.Literal('sector'), Type.Literal('department'), Type.Literal('unrouted')]);
export type Routing = Static<typeof Routing>;

const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Point = StrictObject({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
const Description = Type.String({
  minLength: 10,
  maxLength: 5000,
  description: 'Ce qui se passe (10 à 5 000 caractères)',
});
const MessageText = Type.String({ minLength: 1, maxLength: 5000 });

// ---------------------------------------------------------------- public intake

/** `POST /api/requests`: the public form. `website` is a honeypot: people never see it, bots fill it. */
export const RequestCreate = StrictObject({
  category: RequestCategory,
  description: Description,
  timeOfDay: Type.Optional(TimeOfDay),
  recurring: Type.Optional(Type.Boolean()),
  point: Point,
  placeLabel: Type.Optional(Type.String({ maxLength: 200 })),
  contact: Type.Optional(
    StrictObject({
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
      email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
      phone: Type.Optional(Type.String({ minLength: 6, maxLength: 40 })),
    }),
  ),
  noAnswerWanted: Type.Optional(Type.Boolean()),
  anonymity: Anonymity,
  confidential: Type.Optional(Type.Boolean()),
  website: Type.Optional(Type.String({ maxLength: 500 })),
  /** Photos sent first to `POST /api/requests/uploads` (5 at most). */
  attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 5, uniqueItems: true })),
});
export type RequestCreate = Static<typeof RequestCreate>;

/** The headers `POST /api/requests` reads; the key's shape is checked by the intake (its own French 400). */
export const RequestSubmitHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'Une clé par formulaire (8 à 200 caractères parmi A-Z a-z 0-9 _ . : -) : une ' +
        'nouvelle tentative rend la première demande',
    }),
  ),
});

export const RequestReceipt = Type.Object({
  reference: Type.String(),
  /** The private link; the token in it is shown once and only its hash is stored. */
  trackingUrl: Type.String(),
  trackingToken: Type.String(),
  status: RequestStatus,
  routing: Routing,
  sector: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  confirmationSent: Type.Boolean(),
});
export type RequestReceipt = Static<typeof RequestReceipt>;

// ---------------------------------------------------------------- tracking (resident)

export const TrackParams = StrictObject({ token: Type.String({ minLength: 1, maxLength: 100 }) });
export const TrackEvent = Type.Object({
  at: Timestamp,
  kind: Type.Union([
    Type.Literal('created'),
    Type.Literal('status'),
    Type.Literal('answer'),
    Type.Literal('reply'),
    Type.Literal('redirect'),
  ]),
  status: Nullable(RequestStatus),
  /** Answers, the resident's own replies, and the reason of a closing; never internal notes or staff names. */
  text: Nullable(Type.String()),
});
export const TrackView = Type.Object({
  reference: Type.String(),
  category: RequestCategory,
  description: Type.String(),
  status: RequestStatus,
  closeReason: Nullable(CloseReason),
  createdAt: Timestamp,
  acknowledgedAt: NullableTimestamp,
  answeredAt: NullableTimestamp,
  closedAt: NullableTimestamp,
  sector: Nullable(Type.Object({ name: Type.String() })),
  canReply: Type.Boolean(),
  history: Type.Array(TrackEvent),
});
export type TrackView = Static<typeof TrackView>;
export const TrackReply = StrictObject({ text: MessageText });
export type TrackReply = Static<typeof TrackReply>;

// ---------------------------------------------------------------- staff

export const RequestListQuery = StrictObject({
  status: Type.Optional(RequestStatus),
  category: Type.Optional(RequestCategory),
  sectorId: Type.Optional(Uuid),
  routing: Type.Optional(Routing),
  overdue: Type.Optional(
    Type.Boolean({ description: 'Au-delà du délai de prise en compte ou de réponse de leur catégorie' }),
  ),
  channel: Type.Optional(RequestChannel),
  olderThanDays: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3650, description: 'Reçues il y a plus de N jours' }),
  ),
  assignedToMe: Type.Optional(Type.Boolean()),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Recherche plein texte en français (référence, description, lieu, notes, réponses et messages)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
});
export type RequestListQuery = Static<typeof RequestListQuery>;

const Place = {
  point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  placeLabel: Nullable(Type.String()),
  routing: Routing,
  sector: Nullable(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
  municipality: Nullable(Type.Object({ id: Uuid, inseeCode: Type.String(), name: Type.String() })),
  departmentId: Nullable(Uuid),
};
const Summary = {
  id: Uuid,
  reference: Type.String(),
  channel: RequestChannel,
  category: RequestCategory,
  status: RequestStatus,
  confidential: Type.Boolean(),
  overdue: Type.Boolean(),
  /** Targets of the category, computed on read (REQUEST_TARGETS). */
  ackDueAt: Timestamp,
  answerDueAt: Timestamp,
  assigneeId: Nullable(Uuid),
  createdAt: Timestamp,
  ...Place,
};
export const RequestSummary = Type.Object({ ...Summary, excerpt: Type.String() });
export type RequestSummary = Static<typeof RequestSummary>;
/** `nextOffset`: the offset of the next page, null on the last one. */
export const RequestList = Type.Object({ items: Type.Array(RequestSummary), nextOffset: Nullable(Type.Integer()) });
export type RequestList = Static<typeof RequestList>;

export const RequestEvent = Type.Object({
  id: Uuid,
  kind: Type.Union([
    Type.Literal('created'),
    Type.Literal('status'),
    Type.Literal('note'),
    Type.Literal('answer'),
    Type.Literal('reply'),
    Type.Literal('redirect'),
    Type.Literal('assignment'),
  ]),
  visibility: Type.Union([Type.Literal('internal'), Type.Literal('resident')]),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  text: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  author: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
  authorType: Type.Union([Type.Literal('staff'), Type.Literal('resident'), Type.Literal('system')]),
  at: Timestamp,
});
export const RequestDetail = Type.Object({
  ...Summary,
  description: Type.String(),
  timeOfDay: Nullable(TimeOfDay),
  recurring: Nullable(Type.Boolean()),
  anonymity: Anonymity,
  /** Null when anonymous. */
  contact: Type.Object({
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    noAnswerWanted: Type.Boolean(),
  }),
  closeReason: Nullable(CloseReason),
  closeNote: Nullable(Type.String()),
  duplicateOfId: Nullable(Uuid),
  acknowledgedAt: NullableTimestamp,
  startedAt: NullableTimestamp,
  answeredAt: NullableTimestamp,
  closedAt: NullableTimestamp,
  events: Type.Array(RequestEvent),
});
export type RequestDetail = Static<typeof RequestDetail>;

/** `POST /api/requests/:id/actions`: one triage or status step; an impossible step is a 409. */
export const RequestAction = Type.Union([
  StrictObject({
    action: Type.Union([
      Type.Literal('acknowledge'),
      Type.Literal('start'),
      Type.Literal('close'),
      Type.Literal('reopen'),
    ]),
    note: Type.Optional(MessageText),
  }),
  StrictObject({ action: Type.Literal('redirect'), sectorId: Uuid, note: Type.Optional(MessageText) }),
  StrictObject({ action: Type.Literal('duplicate'), duplicateOfId: Uuid }),
  StrictObject({ action: Type.Literal('reject'), reason: Type.String({ minLength: 3, maxLength: 1000 }) }),
  StrictObject({ action: Type.Literal('assign'), assigneeId: Nullable(Uuid) }),
  /** Closes it as handed to the town hall or another service; `service` and `reason` are shown to the resident. */
  StrictObject({ action: Type.Literal('transfer'), service: PlainLine(200), reason: PlainLine(1000) }),
]);
export type RequestAction = Static<typeof RequestAction>;
export const RequestNoteCreate = StrictObject({ text: MessageText });
export type RequestNoteCreate = Static<typeof RequestNoteCreate>;
export const RequestAnswerCreate = StrictObject({
  text: MessageText,
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
});
export type RequestAnswerCreate = Static<typeof RequestAnswerCreate>;
