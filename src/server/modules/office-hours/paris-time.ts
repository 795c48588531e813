/** Office hours are wall-clock times in Europe/Paris; instants are computed per date, so DST changes keep 14:00 at 14:00. */

export const PARIS = 'Europe/Paris';
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, timeZoneName: 'longOffset' });
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Offset of Paris from UTC at this instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: number): number {
  const name = offsetFormat.formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant of a Paris wall-clock time (minute may be 1440 = midnight at the end of the day). */
export function parisInstant(isoDate: string, minute: number): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minute * 60_000;
  const first = wall - parisOffsetMinutes(wall) * 60_000;
  // Near a change the first guess may use the other side's offset: take the offset at the guess.
  return new Date(wall - parisOffsetMinutes(first) * 60_000);
}

/** "YYYY-MM-DD" of this instant in Paris. */
export function parisDate(at: Date): string {
  return dateFormat.format(at);
}

export const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const toHourMinute = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Whole days from a to b ("YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A real calendar date (the schema only checks the shape: 2019-02-30 passes it). */
export function isRealDate(isoDate: string): boolean {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === isoDate;
}
