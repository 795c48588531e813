import { Type, type Static } from 'typebox';
import { PlainLine, PlainText, StrictObject, Uuid } from '../common.schemas.ts';
import { Anonymity, REQUEST_CATEGORY_LABELS, RequestStatus } from '../requests/requests.schemas.ts';

/** Wire contract of confidential office-hour visit records and the delegate's dashboard (server module `office-hour-visits`). */

// The categories of the issue's visit record: the requests' own, road safety aside (a visit becomes
// a request of the same category), with the same French words.
const { road_safety: _roadSafety, ...visitCategoryLabels } = REQUEST_CATEGORY_LABELS;
export const VISIT_CATEGORY_LABELS = visitCategoryLabels;
export type VisitCategory = keyof typeof VISIT_CATEGORY_LABELS;
export const VisitCategory = Type.Union([
  Type.Literal('incivilities'),
  Type.Literal('motorbike_rodeo'),
  Type.Literal('drug_dealing'),
  Type.Literal('burglary'),
  Type.Literal('noise'),
  Type.Literal('neighbour_dispute'),
  Type.Literal('other'),
]);
export const FOLLOW_UP_LABELS = { none: 'Pas de suite', awaiting: 'Suite à donner', done: 'Suite donnée' } as const;
export const FollowUp = Type.Union([Type.Literal('none'), Type.Literal('awaiting'), Type.Literal('done')]);
export type FollowUp = Static<typeof FollowUp>;

const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Date « AAAA-MM-JJ »',
});
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Point = StrictObject({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
const Contact = StrictObject({
  name: Type.Optional(Nullable(PlainLine(120))),
  email: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 254 }))),
  phone: Type.Optional(Nullable(Type.String({ minLength: 6, maxLength: 40 }))),
});

const Editable = {
  category: VisitCategory,
  placeLabel: Type.Optional(Nullable(PlainLine(200))),
  point: Type.Optional(Nullable(Point)),
  /** What the resident said, as the delegate noted it. */
  said: PlainText(5000),
  wantsAnswer: Type.Optional(Type.Boolean()),
  contact: Type.Optional(Contact),
  followUp: Type.Optional(FollowUp),
};

/** `POST /api/office-hours/visits`: at an occurrence (schedule + date) or, ad hoc, at a venue on a date. */
export const VisitCreate = StrictObject({
  scheduleId: Type.Optional(Uuid),
  venueId: Type.Optional(Uuid),
  date: IsoDate,
  ...Editable,
});
export type VisitCreate = Static<typeof VisitCreate>;

export const VisitUpdate = StrictObject({
  category: Type.Optional(VisitCategory),
  placeLabel: Editable.placeLabel,
  point: Editable.point,
  said: Type.Optional(PlainText(5000)),
  wantsAnswer: Editable.wantsAnswer,
  contact: Editable.contact,
  followUp: Editable.followUp,
});
export type VisitUpdate = Static<typeof VisitUpdate>;

export const VisitListQuery = StrictObject({
  followUp: Type.Optional(FollowUp),
  category: Type.Optional(VisitCategory),
  venueId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type VisitListQuery = Static<typeof VisitListQuery>;

/** Of the request made from a visit, a delegate sees only where it stands. */
export const LinkedRequest = Type.Object({
  id: Uuid,
  reference: Type.String(),
  status: RequestStatus,
  createdAt: Timestamp,
  acknowledgedAt: Nullable(Timestamp),
  answeredAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
});

export const Visit = Type.Object({
  id: Uuid,
  date: IsoDate,
  venue: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  schedule: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  author: Type.Object({ id: Uuid, displayName: Type.String() }),
  category: VisitCategory,
  placeLabel: Nullable(Type.String()),
  point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  said: Type.String(),
  wantsAnswer: Type.Boolean(),
  contact: Type.Object({
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
  }),
  followUp: FollowUp,
  request: Nullable(LinkedRequest),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Visit = Static<typeof Visit>;
export const VisitList = Type.Object({ items: Type.Array(Visit) });
export type VisitList = Static<typeof VisitList>;

/** `POST /api/office-hours/visits/:id/request`: the visit becomes a request for the sector. */
export const VisitConversion = StrictObject({
  anonymity: Anonymity,
  confidential: Type.Optional(Type.Boolean()),
  /** What the request says; the visit's notes when omitted. */
  description: Type.Optional(PlainText(5000)),
});
export type VisitConversion = Static<typeof VisitConversion>;

// ---------------------------------------------------------------- dashboard

export const DashboardOccurrence = Type.Object({
  scheduleId: Uuid,
  title: Type.String(),
  venue: Type.Object({ id: Uuid, name: Type.String() }),
  date: IsoDate,
  startTime: Type.String(),
  endTime: Type.String(),
  start: Timestamp,
  status: Type.Union([
    Type.Literal('scheduled'),
    Type.Literal('cancelled'),
    Type.Literal('moved'),
    Type.Literal('added'),
  ]),
  bookings: Type.Integer(),
});
export const DashboardBooking = Type.Object({
  scheduleId: Uuid,
  title: Type.String(),
  date: IsoDate,
  slot: Nullable(Type.String()),
  name: Nullable(Type.String()),
});
export const DashboardVisit = Type.Object({
  id: Uuid,
  date: IsoDate,
  category: VisitCategory,
  venue: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  wantsAnswer: Type.Boolean(),
  requestReference: Nullable(Type.String()),
});
export const Dashboard = Type.Object({
  nextOccurrences: Type.Array(DashboardOccurrence),
  upcomingBookings: Type.Array(DashboardBooking),
  awaitingFollowUp: Type.Array(DashboardVisit),
  /** The last 12 months (« AAAA-MM »), oldest first. */
  months: Type.Array(Type.String()),
  byCategory: Type.Array(Type.Object({ month: Type.String(), category: VisitCategory, count: Type.Integer() })),
  byVenue: Type.Array(
    Type.Object({ month: Type.String(), venue: Type.Object({ id: Uuid, name: Type.String() }), count: Type.Integer() }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;
