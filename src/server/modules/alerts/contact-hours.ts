/** Contact hours are typed and shown as "HH:MM" in Europe/Paris, stored as minutes after midnight. */

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function toMinute(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function toHourMinute(minute: number | null): string | null {
  if (minute === null) return null;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes after midnight in Paris at this instant (summer and winter time alike). */
export function parisMinute(at: Date): number {
  const parts = parisClock.formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * Whether a contact is reachable at this instant. No hours = always; "22:00–07:00" wraps midnight;
 * the end minute is excluded; equal bounds mean the whole day.
 */
export function isAvailableAt(from: number | null, to: number | null, at: Date): boolean {
  if (from === null || to === null || from === to) return true;
  const minute = parisMinute(at);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}
