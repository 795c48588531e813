/** Quiet hours are wall-clock times in metropolitan France, whatever the server's time zone. */
const ZONE = 'Europe/Paris';
const DAY_MINUTES = 1440;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(at: Date): { minute: number; offsetMinutes: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((part) => [part.type, part.value]));
  const minute = Number(p.hour) * 60 + Number(p.minute);
  // The wall clock read as if it were UTC, minus the instant: the zone's offset (DST included).
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return { minute, offsetMinutes: Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000) };
}

export interface QuietHours {
  /** Minutes after midnight, Paris time; `start > end` wraps over midnight (22:00–07:00). */
  startMinute: number;
  endMinute: number;
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  const { startMinute: start, endMinute: end } = quiet;
  if (start === end) return false;
  const { minute } = wallClock(at);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a message asked for at `at` may leave: `at` itself outside quiet hours, otherwise the
 * next time Paris clocks show the end of quiet hours. Counted in wall-clock minutes, then
 * corrected by the change of offset in between, so a night across a DST change still ends at
 * 07:00 local. An end inside the spring-forward gap (02:30, which does not exist that night)
 * is reached an hour later by the clock (03:30): late rather than early.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours): Date | undefined {
  if (!isQuiet(at, quiet)) return undefined;
  const now = wallClock(at);
  const ahead = (quiet.endMinute - now.minute + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  const naive = new Date(startOfMinute + ahead * 60_000);
  const corrected = new Date(naive.getTime() + (now.offsetMinutes - wallClock(naive).offsetMinutes) * 60_000);
  return wallClock(corrected).minute === quiet.endMinute && corrected > at ? corrected : naive;
}

export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "HH:MM" (24 h) → minutes after midnight, or undefined when malformed. */
export function parseMinute(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}
