/**
 * Dates and times as French readers expect them, in Paris time whatever the machine's zone: the
 * one formatter of pages, e-mails and SMS. Written forms follow the French typographic rules that
 * Intl does not apply on its own: « 14 h 20 », « 1er décembre », a weekday in lower case.
 *
 * - `formatDate('2026-12-09')` → « mercredi 9 décembre 2026 » (a calendar date, no zone; an instant: its Paris date);
 * - `formatMonth('2026-12')` → « décembre 2026 »;
 * - `formatDateTime(instant)` → « mercredi 9 décembre 2026 à 14 h 20 »;
 * - `formatDateTime(instant, 'short')` → « 09/12/2026 à 14 h 20 » (tables, lists);
 * - `formatTime(instant | 'HH:MM' | minutes)` → « 14 h 20 », « 9 h 00 »;
 * - `formatDateAt('2026-12-09', '14:20')` → « mercredi 9 décembre 2026 à 14 h 20 » (a slot of a day).
 */
export const PARIS_ZONE = 'Europe/Paris';

export type DateStyle = 'long' | 'short';

const longParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});
const shortParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});
const civilLong = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const civilMonth = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsOf(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

function instantOf(value: Date | string): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const dayNumber = (day: string) => (day === '1' ? '1er' : day);
const clock = (hour: string | number, minute: string | number) =>
  `${Number(hour)} h ${String(minute).padStart(2, '0')}`;

/**
 * A calendar date « AAAA-MM-JJ » → « mercredi 9 décembre 2026 » (short: « 09/12/2026 »); an instant
 * (a `Date` or an ISO string with a time) → its date in Paris. Anything else is returned as is.
 */
export function formatDate(value: Date | string, style: DateStyle = 'long'): string {
  const isoDate = typeof value === 'string' && CIVIL.test(value) ? value : parisIsoDate(value);
  const match = isoDate === undefined ? null : CIVIL.exec(isoDate);
  if (!match) return String(value);
  if (style === 'short') return `${match[3]}/${match[2]}/${match[1]}`;
  const parts = partsOf(civilLong, new Date(`${isoDate}T12:00:00Z`));
  return `${parts.weekday} ${dayNumber(parts.day)} ${parts.month} ${parts.year}`;
}

/** A month « AAAA-MM » → « décembre 2026 ». */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? civilMonth.format(new Date(`${month}-15T12:00:00Z`)) : month;
}

/** The Paris calendar date « AAAA-MM-JJ » of an instant; undefined when it is none. */
function parisIsoDate(value: Date | string): string | undefined {
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const date = instantOf(value);
  return date && parisDay.format(date);
}

/** An instant → « mercredi 9 décembre 2026 à 14 h 20 » in Paris (short: « 09/12/2026 à 14 h 20 »); « — » when absent. */
export function formatDateTime(value: Date | string | null | undefined, style: DateStyle = 'long'): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = instantOf(value);
  if (!date) return String(value);
  if (style === 'short') {
    const p = partsOf(shortParts, date);
    return `${p.day}/${p.month}/${p.year} à ${clock(p.hour, p.minute)}`;
  }
  const p = partsOf(longParts, date);
  return `${p.weekday} ${dayNumber(p.day)} ${p.month} ${p.year} à ${clock(p.hour, p.minute)}`;
}

/** « 14 h 20 »: of an instant (Paris), of « HH:MM », or of minutes since midnight. */
export function formatTime(value: Date | string | number): string {
  if (typeof value === 'number') return clock(Math.floor(value / 60) % 24, value % 60);
  const hhmm = typeof value === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(value) : null;
  if (hhmm) return clock(hhmm[1], hhmm[2]);
  const date = instantOf(value);
  if (!date) return String(value);
  const p = partsOf(longParts, date);
  return clock(p.hour, p.minute);
}

/** A calendar date and a wall-clock time of that day → « mercredi 9 décembre 2026 à 14 h 20 ». */
export function formatDateAt(isoDate: string, time: string | number | null | undefined): string {
  const day = formatDate(isoDate);
  return time === null || time === undefined ? day : `${day} à ${formatTime(time)}`;
}
