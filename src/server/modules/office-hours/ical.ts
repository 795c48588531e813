import type { ExceptionRow, ScheduleRow, VenueRow } from './office-hours.queries.ts';
import { scheduleDates } from './occurrences.ts';
import { parisInstant, toHourMinute } from './paris-time.ts';

/**
 * RFC 5545 feeds. One VEVENT per schedule carries its RRULE (bounded by UNTIL) and RDATEs; a
 * cancelled or moved occurrence is an override with the same UID and its RECURRENCE-ID (cancelled
 * ones keep STATUS:CANCELLED and the public reason, which an EXDATE would hide); an added
 * occurrence is an event of its own. UIDs derive from database ids, so they never change.
 */

/** Europe/Paris since 1996: last Sunday of March 02:00 → CEST, last Sunday of October 03:00 → CET. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const local = (date: string, minute: number) =>
  `${date.replaceAll('-', '')}T${toHourMinute(minute).replace(':', '')}00`;
const utc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const uidOf = (scheduleId: string) => `office-hour-${scheduleId}@psq`;

/** The rule with its own end replaced by the last occurrence it produced within the schedule. */
function boundedRule(schedule: ScheduleRow, lastRuleDate: string): string {
  const parts = schedule.rrule!.split(';').filter((part) => !/^(UNTIL|COUNT)=/i.test(part));
  return [...parts, `UNTIL=${utc(parisInstant(lastRuleDate, schedule.startMinute))}`].join(';');
}

function venueLines(venue: VenueRow): string[] {
  return [
    `LOCATION:${escapeText(`${venue.name}, ${venue.address}`)}`,
    `GEO:${venue.lat.toFixed(6)};${venue.lon.toFixed(6)}`,
  ];
}

function scheduleEvents(schedule: ScheduleRow, venue: VenueRow, exceptions: ExceptionRow[]): string[][] {
  const { dates, ruleDates } = scheduleDates(schedule);
  if (dates.length === 0) return [];
  const first = ruleDates[0] ?? dates[0];
  const stamp = `DTSTAMP:${utc(schedule.updatedAt)}`;
  const description = venue.accessibilityNotes
    ? [`DESCRIPTION:${escapeText(`Accessibilité : ${venue.accessibilityNotes}`)}`]
    : [];
  // DTSTART is repeated in RDATE when it is one: RFC 5545 ignores duplicates, and some readers (ical.js) skip a DTSTART given without RRULE.
  const rdates = [...schedule.rdates].sort();
  const master = [
    'BEGIN:VEVENT',
    `UID:${uidOf(schedule.id)}`,
    stamp,
    `DTSTART;TZID=Europe/Paris:${local(first, schedule.startMinute)}`,
    `DTEND;TZID=Europe/Paris:${local(first, schedule.endMinute)}`,
    ...(schedule.rrule && ruleDates.length ? [`RRULE:${boundedRule(schedule, ruleDates.at(-1)!)}`] : []),
    ...(rdates.length
      ? [`RDATE;TZID=Europe/Paris:${rdates.map((date) => local(date, schedule.startMinute)).join(',')}`]
      : []),
    `SUMMARY:${escapeText(schedule.title)}`,
    ...description,
    ...venueLines(venue),
    'STATUS:CONFIRMED',
    'END:VEVENT',
  ];
  const events = [master];
  for (const exception of exceptions) {
    const cancelled = exception.kind === 'cancelled';
    const date = exception.date ?? exception.originalDate!;
    const start = cancelled ? schedule.startMinute : exception.startMinute!;
    const end = cancelled ? schedule.endMinute : exception.endMinute!;
    events.push([
      'BEGIN:VEVENT',
      `UID:${exception.kind === 'added' ? `office-hour-added-${exception.id}@psq` : uidOf(schedule.id)}`,
      `DTSTAMP:${utc(exception.createdAt)}`,
      ...(exception.originalDate
        ? [`RECURRENCE-ID;TZID=Europe/Paris:${local(exception.originalDate, schedule.startMinute)}`]
        : []),
      `DTSTART;TZID=Europe/Paris:${local(date, start)}`,
      `DTEND;TZID=Europe/Paris:${local(date, end)}`,
      `SUMMARY:${escapeText(cancelled ? `Annulée : ${schedule.title}` : schedule.title)}`,
      ...(exception.reason ? [`DESCRIPTION:${escapeText(exception.reason)}`] : description),
      ...venueLines(venue),
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    ]);
  }
  return events;
}

export interface FeedInput {
  name: string;
  venues: VenueRow[];
  schedules: ScheduleRow[];
  exceptions: Map<string, ExceptionRow[]>;
}

/** The whole calendar, CRLF-terminated and folded. */
export function buildCalendar(feed: FeedInput): string {
  const venueById = new Map(feed.venues.map((venue) => [venue.id, venue]));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//PSQ//Permanences//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...VTIMEZONE,
  ];
  for (const schedule of feed.schedules) {
    const venue = venueById.get(schedule.venueId);
    if (!venue) continue;
    for (const event of scheduleEvents(schedule, venue, feed.exceptions.get(schedule.id) ?? [])) lines.push(...event);
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
