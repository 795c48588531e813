import { Type, type Static } from 'typebox';
import { PlainLine, PlainText, StrictObject, Uuid } from '../common.schemas.ts';

/**
 * Wire contract of office hours (permanences): venues, schedules, occurrence exceptions, the
 * public listing. Free text is plain text: markup and control characters are refused (one-line
 * fields refuse line breaks too).
 */

const HourMinute = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description: 'Heure « HH:MM », heure de Paris',
});
const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Date « AAAA-MM-JJ »',
});
const Timestamp = Type.String({ format: 'date-time' });
/** The RRULE value alone (no DTSTART, no line breaks): « FREQ=WEEKLY;BYDAY=WE ». */
const RRuleValue = Type.String({
  minLength: 6,
  maxLength: 300,
  pattern: '^[A-Za-z0-9=;,+:-]+$',
  description: 'Règle RFC 5545 (valeur de RRULE)',
});

export const Point = StrictObject({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});

// ---------------------------------------------------------------- venues

export const OfficeHourVenue = Type.Object({
  id: Uuid,
  name: Type.String(),
  address: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  accessibilityNotes: Type.Union([Type.String(), Type.Null()]),
  sector: Type.Union([Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }), Type.Null()]),
  municipality: Type.Object({ id: Uuid, inseeCode: Type.String(), name: Type.String() }),
});
export type OfficeHourVenue = Static<typeof OfficeHourVenue>;
export const OfficeHourVenueList = Type.Object({ items: Type.Array(OfficeHourVenue) });
export type OfficeHourVenueList = Static<typeof OfficeHourVenueList>;

const venueFields = {
  name: PlainLine(120),
  address: PlainLine(300),
  lon: Point.properties.lon,
  lat: Point.properties.lat,
  accessibilityNotes: Type.Union([PlainText(1000), Type.Null()]),
};
export const OfficeHourVenueCreate = StrictObject({
  ...venueFields,
  accessibilityNotes: Type.Optional(venueFields.accessibilityNotes),
});
export type OfficeHourVenueCreate = Static<typeof OfficeHourVenueCreate>;
export const OfficeHourVenueUpdate = Type.Object(
  {
    name: Type.Optional(venueFields.name),
    address: Type.Optional(venueFields.address),
    lon: Type.Optional(venueFields.lon),
    lat: Type.Optional(venueFields.lat),
    accessibilityNotes: Type.Optional(venueFields.accessibilityNotes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OfficeHourVenueUpdate = Static<typeof OfficeHourVenueUpdate>;

// ---------------------------------------------------------------- schedules and exceptions

export const ExceptionKind = Type.Union([Type.Literal('cancelled'), Type.Literal('moved'), Type.Literal('added')]);
export type ExceptionKind = Static<typeof ExceptionKind>;
export const OfficeHourException = Type.Object({
  id: Uuid,
  kind: ExceptionKind,
  originalDate: Type.Union([IsoDate, Type.Null()]),
  date: Type.Union([IsoDate, Type.Null()]),
  startTime: Type.Union([HourMinute, Type.Null()]),
  endTime: Type.Union([HourMinute, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type OfficeHourException = Static<typeof OfficeHourException>;

export const OfficeHourSchedule = Type.Object({
  id: Uuid,
  venueId: Uuid,
  delegateUserId: Uuid,
  title: Type.String(),
  startTime: HourMinute,
  endTime: HourMinute,
  durationMinutes: Type.Integer(),
  rrule: Type.Union([Type.String(), Type.Null()]),
  rdates: Type.Array(IsoDate),
  startDate: IsoDate,
  endDate: IsoDate,
  bookingEnabled: Type.Boolean(),
  slotMinutes: Type.Union([Type.Integer(), Type.Null()]),
  exceptions: Type.Array(OfficeHourException),
});
export type OfficeHourSchedule = Static<typeof OfficeHourSchedule>;
export const OfficeHourVenueDetail = Type.Object({ venue: OfficeHourVenue, schedules: Type.Array(OfficeHourSchedule) });
export type OfficeHourVenueDetail = Static<typeof OfficeHourVenueDetail>;

const scheduleFields = {
  title: PlainLine(160),
  startTime: HourMinute,
  endTime: HourMinute,
  /** A recurrence, or null with explicit dates only. */
  rrule: Type.Union([RRuleValue, Type.Null()]),
  rdates: Type.Array(IsoDate, { maxItems: 400, uniqueItems: true }),
  startDate: IsoDate,
  /** Optional when the rule ends by itself (UNTIL or COUNT) or with explicit dates only. */
  endDate: IsoDate,
  bookingEnabled: Type.Boolean(),
  slotMinutes: Type.Union([Type.Integer({ minimum: 5, maximum: 480 }), Type.Null()]),
};
export const OfficeHourScheduleCreate = StrictObject({
  venueId: Uuid,
  /** Defaults to the caller. */
  delegateUserId: Type.Optional(Uuid),
  title: scheduleFields.title,
  startTime: scheduleFields.startTime,
  endTime: scheduleFields.endTime,
  rrule: Type.Optional(scheduleFields.rrule),
  rdates: Type.Optional(scheduleFields.rdates),
  startDate: scheduleFields.startDate,
  endDate: Type.Optional(scheduleFields.endDate),
  bookingEnabled: Type.Optional(scheduleFields.bookingEnabled),
  slotMinutes: Type.Optional(scheduleFields.slotMinutes),
});
export type OfficeHourScheduleCreate = Static<typeof OfficeHourScheduleCreate>;
export const OfficeHourScheduleUpdate = Type.Object(
  {
    title: Type.Optional(scheduleFields.title),
    startTime: Type.Optional(scheduleFields.startTime),
    endTime: Type.Optional(scheduleFields.endTime),
    rrule: Type.Optional(scheduleFields.rrule),
    rdates: Type.Optional(scheduleFields.rdates),
    startDate: Type.Optional(scheduleFields.startDate),
    endDate: Type.Optional(scheduleFields.endDate),
    bookingEnabled: Type.Optional(scheduleFields.bookingEnabled),
    slotMinutes: Type.Optional(scheduleFields.slotMinutes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OfficeHourScheduleUpdate = Static<typeof OfficeHourScheduleUpdate>;

/** Cancel (with a public reason), move (new date and times) or add one occurrence. */
export const OfficeHourExceptionCreate = Type.Union([
  StrictObject({ kind: Type.Literal('cancelled'), originalDate: IsoDate, reason: PlainLine(300) }),
  StrictObject({
    kind: Type.Literal('moved'),
    originalDate: IsoDate,
    date: IsoDate,
    startTime: HourMinute,
    endTime: HourMinute,
    reason: Type.Optional(PlainLine(300)),
  }),
  StrictObject({
    kind: Type.Literal('added'),
    date: IsoDate,
    startTime: HourMinute,
    endTime: HourMinute,
    reason: Type.Optional(PlainLine(300)),
  }),
]);
export type OfficeHourExceptionCreate = Static<typeof OfficeHourExceptionCreate>;

// ---------------------------------------------------------------- public listing

export const OccurrenceStatus = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('cancelled'),
  Type.Literal('moved'),
  Type.Literal('added'),
]);
export type OccurrenceStatus = Static<typeof OccurrenceStatus>;
export const PublicOccurrence = Type.Object({
  scheduleId: Uuid,
  title: Type.String(),
  /** Local date and times in Europe/Paris, and the instants. */
  date: IsoDate,
  startTime: HourMinute,
  endTime: HourMinute,
  start: Timestamp,
  end: Timestamp,
  status: OccurrenceStatus,
  /** Public reason of a cancellation or a move. */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** For a moved occurrence, the date it was planned on. */
  originalDate: Type.Union([IsoDate, Type.Null()]),
  /** Public listings only: who holds it (their feed `/calendar/delegates/:id.ics`) and whether residents may book (slot length, or null for attendance only). */
  delegateUserId: Type.Optional(Uuid),
  bookingEnabled: Type.Optional(Type.Boolean()),
  slotMinutes: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export type PublicOccurrence = Static<typeof PublicOccurrence>;

export const PublicOfficeHoursQuery = StrictObject({
  municipality: Type.Optional(
    Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$', description: 'Code INSEE de la commune' }),
  ),
  department: Type.Optional(Type.String({ pattern: '^([0-9]{2}|2A|2B|97[1-6])$', description: 'Code du département' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type PublicOfficeHoursQuery = Static<typeof PublicOfficeHoursQuery>;
export const PublicVenueOccurrences = Type.Object({
  venue: OfficeHourVenue,
  occurrences: Type.Array(PublicOccurrence),
});
export type PublicVenueOccurrences = Static<typeof PublicVenueOccurrences>;
export const PublicOfficeHours = Type.Object({
  from: IsoDate,
  to: IsoDate,
  venues: Type.Array(PublicVenueOccurrences),
});
export type PublicOfficeHours = Static<typeof PublicOfficeHours>;

export const NearOfficeHoursQuery = StrictObject({ lon: Point.properties.lon, lat: Point.properties.lat });
export type NearOfficeHoursQuery = Static<typeof NearOfficeHoursQuery>;
export const NearOfficeHours = Type.Object({
  sector: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  municipality: Type.Object({ id: Uuid, inseeCode: Type.String(), name: Type.String() }),
  /** The next occurrence (not cancelled) at each venue of the point's commune, the point's own sector first, then by date. */
  items: Type.Array(
    Type.Object({
      venue: OfficeHourVenue,
      distanceMeters: Type.Integer(),
      sameSector: Type.Boolean(),
      next: PublicOccurrence,
    }),
  ),
});
export type NearOfficeHours = Static<typeof NearOfficeHours>;

// ---------------------------------------------------------------- iCalendar feeds and cached answers

export const InseeParams = StrictObject({ insee: Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$' }) });
export type InseeParams = Static<typeof InseeParams>;
export const DepartmentCodeParams = StrictObject({ code: Type.String({ pattern: '^([0-9]{2}|2A|2B|97[1-6])$' }) });
export type DepartmentCodeParams = Static<typeof DepartmentCodeParams>;
/** An iCalendar feed (RFC 5545), sent as `text/calendar; charset=utf-8`. */
export const CalendarFeed = Type.String({ description: 'text/calendar (RFC 5545)' });
/** The validator of a cached answer, sent back by a client that holds it: unchanged data answers 304. */
export const ConditionalHeaders = Type.Object({
  'if-none-match': Type.Optional(
    Type.String({ description: 'ETag reçu précédemment : 304 sans corps si rien n’a changé' }),
  ),
});
export type ConditionalHeaders = Static<typeof ConditionalHeaders>;
