/**
 * The recurrences a delegate picks in the form, written as RFC 5545 RRULE values (the server stores
 * and checks the rule; DTSTART is the schedule's start date). Anything else stays a custom rule.
 */
export type Preset = 'weekly' | 'biweekly' | 'monthly' | 'dates' | 'custom';

export interface Recurrence {
  preset: Preset;
  weekday: string;
  /** Weeks of the month for `monthly`: 1–4, or -1 for the last one. */
  ordinals: number[];
  custom: string;
}

export const WEEKDAYS: [string, string][] = [
  ['MO', 'lundi'],
  ['TU', 'mardi'],
  ['WE', 'mercredi'],
  ['TH', 'jeudi'],
  ['FR', 'vendredi'],
  ['SA', 'samedi'],
  ['SU', 'dimanche'],
];
export const ORDINALS: [number, string][] = [
  [1, '1er'],
  [2, '2e'],
  [3, '3e'],
  [4, '4e'],
  [-1, 'dernier'],
];

const dayName = (code: string) => WEEKDAYS.find(([c]) => c === code)?.[1] ?? code;
const ordinalName = (n: number) => ORDINALS.find(([o]) => o === n)?.[1] ?? String(n);

export function toRrule(recurrence: Recurrence): string | null {
  switch (recurrence.preset) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${recurrence.weekday}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${recurrence.weekday}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${[...recurrence.ordinals]
        .sort((a, b) => (a < 0 ? 9 : a) - (b < 0 ? 9 : b))
        .map((n) => `${n}${recurrence.weekday}`)
        .join(',')}`;
    case 'dates':
      return null;
    case 'custom':
      return recurrence.custom.trim().replace(/^RRULE:/i, '') || null;
  }
}

/** Reads a stored rule back into the preset it came from, or `custom`. */
export function fromRrule(rrule: string | null): Recurrence {
  const base: Recurrence = { preset: 'weekly', weekday: 'WE', ordinals: [1], custom: '' };
  if (!rrule) return { ...base, preset: 'dates' };
  const weekly = /^FREQ=WEEKLY;(INTERVAL=2;)?BYDAY=(MO|TU|WE|TH|FR|SA|SU)$/.exec(rrule);
  if (weekly) return { ...base, preset: weekly[1] ? 'biweekly' : 'weekly', weekday: weekly[2] };
  const monthly = /^FREQ=MONTHLY;BYDAY=((?:-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)(?:,(?:-1|[1-4])\2)*)$/.exec(rrule);
  if (monthly)
    return {
      ...base,
      preset: 'monthly',
      weekday: monthly[2],
      ordinals: monthly[1].split(',').map((part) => Number.parseInt(part, 10)),
    };
  return { ...base, preset: 'custom', custom: rrule };
}

function joinFr(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** « Chaque semaine le mercredi », « Le 1er et le 3e lundi du mois », « Une semaine sur deux le lundi ». */
export function describeRrule(rrule: string | null): string {
  const recurrence = fromRrule(rrule);
  switch (recurrence.preset) {
    case 'weekly':
      return `Chaque semaine le ${dayName(recurrence.weekday)}`;
    case 'biweekly':
      return `Une semaine sur deux le ${dayName(recurrence.weekday)}`;
    case 'monthly':
      return (
        `${joinFr(recurrence.ordinals.map((n) => `le ${ordinalName(n)}`)).replace(/^le/, 'Le')}` +
        ` ${dayName(recurrence.weekday)} du mois`
      );
    case 'dates':
      return 'Dates précises';
    case 'custom':
      return `Règle personnalisée (${recurrence.custom})`;
  }
}

/** Dates typed one per line (or separated by commas), as « AAAA-MM-JJ » or « JJ/MM/AAAA »; null when one is unreadable. */
export function parseDates(text: string): string[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const dates: string[] = [];
  for (const part of parts) {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(part);
    const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(part);
    if (iso) dates.push(part);
    else if (fr) dates.push(`${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`);
    else return null;
  }
  return [...new Set(dates)].sort();
}
