import { RRuleTemporal } from 'rrule-temporal';
import { BadRequestError } from '../../platform/errors.ts';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { PARIS, addDays, daysBetween, isRealDate, toHourMinute } from './paris-time.ts';

/** A schedule is bounded: at most this many occurrences, over at most this many days. */
export const MAX_OCCURRENCES = 1000;
export const MAX_SPAN_DAYS = 731;

export interface RecurrenceInput {
  rrule: string | null;
  rdates: string[];
  startDate: string;
  /** Absent: the rule must end by itself (UNTIL or COUNT), or the schedule has explicit dates only. */
  endDate?: string;
  startMinute: number;
}

export interface Recurrence {
  /** Local dates (Europe/Paris) of every occurrence of the rule and of the explicit dates, sorted. */
  dates: string[];
  /** Local dates produced by the RRULE alone (the feed's DTSTART is the first of them). */
  ruleDates: string[];
  endDate: string;
}

/** Occurrences are whole office hours at a time of day: a rule may not pick hours or minutes itself. */
const ALLOWED_PARTS = new Set([
  'FREQ',
  'UNTIL',
  'COUNT',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const invalid = (detail: string, pointer = '/rrule') => new BadRequestError(detail, [{ pointer, message: detail }]);

/** Parses the RRULE value into its parts, refusing what an office hour cannot be. */
function checkRuleParts(rrule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rrule.toUpperCase().split(';')) {
    const [name, value, extra] = part.split('=');
    if (!name || !value || extra !== undefined)
      throw invalid(`Règle de récurrence invalide : « ${part} » n'est pas de la forme NOM=VALEUR.`);
    if (!ALLOWED_PARTS.has(name))
      throw invalid(
        `Règle de récurrence : la partie « ${name} » n'est pas acceptée (les heures ` +
          `se règlent par le début et la fin de la permanence).`,
      );
    if (parts.has(name)) throw invalid(`Règle de récurrence : la partie « ${name} » figure deux fois.`);
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) throw invalid('Règle de récurrence invalide : FREQ est obligatoire (par exemple FREQ=WEEKLY;BYDAY=WE).');
  if (!ALLOWED_FREQ.has(freq))
    throw invalid('Règle de récurrence : la fréquence doit être DAILY, WEEKLY, MONTHLY ou YEARLY.');
  if (parts.has('UNTIL') && parts.has('COUNT'))
    throw invalid('Règle de récurrence invalide : UNTIL et COUNT ne peuvent pas figurer ensemble.');
  return parts;
}

/** Local dates of the rule from startDate, stopped at endDate; refuses rules past the bounds. */
function expandRule(rrule: string, startDate: string, startMinute: number, endDate: string | undefined): string[] {
  const parts = checkRuleParts(rrule);
  if (!endDate && !parts.has('UNTIL') && !parts.has('COUNT')) {
    throw invalid(
      'Cette règle de récurrence ne se termine jamais : indiquez une date de fin (ou UNTIL / COUNT dans la règle).',
    );
  }
  const limit = endDate ?? addDays(startDate, MAX_SPAN_DAYS);
  const dtstart = `${startDate.replaceAll('-', '')}T${toHourMinute(startMinute).replace(':', '')}00`;
  const dates: string[] = [];
  let tooMany = false;
  let tooLong = false;
  try {
    const rule = new RRuleTemporal({
      rruleString: `DTSTART;TZID=${PARIS}:${dtstart}\nRRULE:${rrule.toUpperCase()}`,
      maxIterations: 5000,
    });
    rule.all((occurrence) => {
      const date = occurrence.toPlainDate().toString();
      if (date > limit) {
        tooLong = !endDate;
        return false;
      }
      if (dates.length >= MAX_OCCURRENCES) {
        tooMany = true;
        return false;
      }
      dates.push(date);
      return true;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`Règle de récurrence invalide (${reason.slice(0, 200)}).`);
  }
  if (tooMany)
    throw invalid(`Cette règle produit plus de ${MAX_OCCURRENCES} permanences : réduisez la période ou la fréquence.`);
  if (tooLong) throw invalid(`Cette règle s'étend sur plus de deux ans : indiquez une date de fin plus proche.`);
  return dates;
}

/**
 * Expansions already computed in this process. The expansion is a pure function of the stored
 * fields (the key), so entries never go stale and need no cross-process invalidation; the library
 * costs about 60 µs per occurrence, which a département's feed (thousands of schedules) would pay
 * on every request otherwise.
 */
const expansions = new Map<string, Recurrence>();
const MAX_CACHED = 20_000;

/**
 * Checks a schedule's dates and rule and expands them (cached; the result must not be mutated). Every refusal is a 400 with a French
 * sentence: end before start, period over two years, endless rule, too many occurrences, an
 * explicit date outside the period.
 */
export function expandRecurrence(input: RecurrenceInput): Recurrence {
  const key = [input.rrule, input.startDate, input.endDate, input.startMinute, ...input.rdates].join('|');
  const cached = expansions.get(key);
  if (cached) return cached;
  const result = computeRecurrence(input);
  Object.freeze(result.dates);
  Object.freeze(result.ruleDates);
  if (expansions.size >= MAX_CACHED) expansions.delete(expansions.keys().next().value!);
  expansions.set(key, result);
  return result;
}

function computeRecurrence(input: RecurrenceInput): Recurrence {
  const { rrule, rdates, startDate, startMinute } = input;
  for (const [pointer, date] of [
    ['/startDate', startDate],
    ['/endDate', input.endDate],
    ...rdates.map((d, i) => [`/rdates/${i}`, d]),
  ] as Array<[string, string | undefined]>) {
    if (date !== undefined && !isRealDate(date)) throw invalid(`La date ${date} n'existe pas.`, pointer);
  }
  if (!rrule && rdates.length === 0) throw invalid('Indiquez une règle de récurrence ou une liste de dates.');
  if (input.endDate !== undefined) {
    if (input.endDate < startDate) throw invalid('La date de fin est antérieure à la date de début.', '/endDate');
    if (daysBetween(startDate, input.endDate) > MAX_SPAN_DAYS)
      throw invalid(
        'Un calendrier de permanences couvre au plus deux ans : indiquez une date de fin plus proche.',
        '/endDate',
      );
  }
  const ruleDates = rrule ? expandRule(rrule, startDate, startMinute, input.endDate) : [];
  const sortedRdates = [...rdates].sort();
  const endDate =
    input.endDate ??
    [ruleDates.at(-1), sortedRdates.at(-1)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)!;
  for (const [index, date] of rdates.entries()) {
    if (date < startDate || date > endDate)
      throw invalid(
        `Le ${formatDate(date)} est hors de la période du calendrier (du ` +
          `${formatDate(startDate)} au ${formatDate(endDate)}).`,
        `/rdates/${index}`,
      );
  }
  if (daysBetween(startDate, endDate) > MAX_SPAN_DAYS)
    throw invalid(
      'Un calendrier de permanences couvre au plus deux ans : indiquez une date de fin plus proche.',
      '/endDate',
    );
  const dates = [...new Set([...ruleDates, ...sortedRdates])].sort();
  if (dates.length > MAX_OCCURRENCES)
    throw invalid(`Ce calendrier compte plus de ${MAX_OCCURRENCES} permanences : réduisez la période.`);
  return { dates, ruleDates, endDate };
}
