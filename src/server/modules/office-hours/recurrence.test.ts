import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors.ts';
import { parisInstant } from './paris-time.ts';
import { expandRecurrence, type RecurrenceInput } from './recurrence.ts';

const expand = (input: Partial<RecurrenceInput>) =>
  expandRecurrence({ rrule: null, rdates: [], startDate: '2019-03-01', startMinute: 14 * 60, ...input });
function refusal(input: Partial<RecurrenceInput>): AppError {
  try {
    expand(input);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('recurrence expansion (Europe/Paris)', () => {
  it('Metz, March–April 2019: Borny on the 2nd and 4th Tuesdays as a rule gives exactly the published dates', () => {
    const borny = expand({
      rrule: 'FREQ=MONTHLY;BYDAY=2TU,4TU',
      startDate: '2019-03-01',
      endDate: '2019-04-30',
      startMinute: 13 * 60 + 15,
    });
    expect(borny.dates).toEqual(['2019-03-12', '2019-03-26', '2019-04-09', '2019-04-23']);
  });

  it('Metz, March–April 2019: Bellecroix and the Hôtel de Ville as the explicit lists of the press release', () => {
    const bellecroix = expand({ rdates: ['2019-03-04', '2019-03-18', '2019-04-08', '2019-04-29'] });
    expect(bellecroix.dates).toEqual(['2019-03-04', '2019-03-18', '2019-04-08', '2019-04-29']);
    expect(bellecroix.dates.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(bellecroix.endDate).toBe('2019-04-29');
    // The release says « jeudi … 26 avril », but 26 April 2019 was a Friday: explicit dates are kept as published.
    const hotelDeVille = expand({ rdates: ['2019-03-14', '2019-03-28', '2019-04-11', '2019-04-26'] });
    expect(hotelDeVille.dates.map((d) => new Date(`${d}T12:00:00Z`).getUTCDay())).toEqual([4, 4, 4, 5]);
  });

  it('Planoise: every Wednesday afternoon, and the commissioner on the first Thursday of each month', () => {
    const wednesdays = expand({ rrule: 'FREQ=WEEKLY;BYDAY=WE', startDate: '2019-03-01', endDate: '2019-04-30' });
    expect(wednesdays.dates).toEqual([
      '2019-03-06',
      '2019-03-13',
      '2019-03-20',
      '2019-03-27',
      '2019-04-03',
      '2019-04-10',
      '2019-04-17',
      '2019-04-24',
    ]);
    const commissioner = expand({
      rrule: 'FREQ=MONTHLY;BYDAY=1TH',
      startDate: '2019-03-01',
      endDate: '2019-06-30',
      startMinute: 9 * 60 + 30,
    });
    expect(commissioner.dates).toEqual(['2019-03-07', '2019-04-04', '2019-05-02', '2019-06-06']);
  });

  it('keeps 14:00 at 14:00 across the change to summer time (31 March 2019) and back (27 October 2019)', () => {
    const { dates } = expand({ rrule: 'FREQ=WEEKLY;BYDAY=WE', startDate: '2019-03-25', endDate: '2019-04-05' });
    expect(dates).toEqual(['2019-03-27', '2019-04-03']);
    expect(parisInstant('2019-03-27', 14 * 60).toISOString()).toBe('2019-03-27T13:00:00.000Z');
    expect(parisInstant('2019-04-03', 14 * 60).toISOString()).toBe('2019-04-03T12:00:00.000Z');
    // A Sunday office hour on the very day of each change.
    expect(expand({ rrule: 'FREQ=WEEKLY;BYDAY=SU', startDate: '2019-03-30', endDate: '2019-04-01' }).dates).toEqual([
      '2019-03-31',
    ]);
    expect(parisInstant('2019-03-31', 14 * 60).toISOString()).toBe('2019-03-31T12:00:00.000Z');
    expect(parisInstant('2019-10-27', 14 * 60).toISOString()).toBe('2019-10-27T13:00:00.000Z');
    expect(parisInstant('2019-10-26', 14 * 60).toISOString()).toBe('2019-10-26T12:00:00.000Z');
  });

  it('every other Monday keeps its phase from the start date', () => {
    expect(
      expand({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', startDate: '2019-03-04', endDate: '2019-04-30' }).dates,
    ).toEqual(['2019-03-04', '2019-03-18', '2019-04-01', '2019-04-15', '2019-04-29']);
  });

  it('takes the end from UNTIL or COUNT when no end date is given', () => {
    expect(expand({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3' }).endDate).toBe('2019-03-20');
    expect(expand({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20190315T000000Z' }).dates).toEqual([
      '2019-03-06',
      '2019-03-13',
    ]);
  });

  it(
    'refuses with a French 400: endless rule, 100,000 occurrences, over two ' +
      'years, end before start, sub-daily rules, bad parts, impossible dates',
    () => {
      const cases: Array<[Partial<RecurrenceInput>, string]> = [
        [{ rrule: 'FREQ=WEEKLY;BYDAY=WE' }, 'ne se termine jamais'],
        [{ rrule: 'FREQ=DAILY;COUNT=100000' }, 'plus de deux ans'],
        [{ rrule: 'FREQ=DAILY', endDate: '2023-01-01' }, 'au plus deux ans'],
        [{ rrule: 'FREQ=WEEKLY;BYDAY=WE', endDate: '2019-02-01' }, 'antérieure'],
        [{ rrule: 'FREQ=MINUTELY', endDate: '2019-03-02' }, 'DAILY, WEEKLY'],
        [{ rrule: 'FREQ=DAILY;BYHOUR=9', endDate: '2019-03-02' }, 'BYHOUR'],
        [{ rrule: 'FREQ=WEEKLY;BYDAY=XX', endDate: '2019-03-30' }, 'invalide'],
        [{ rrule: 'BYDAY=WE', endDate: '2019-03-30' }, 'FREQ est obligatoire'],
        [{ rdates: ['2019-02-30'] }, "n'existe pas"],
        [
          { rdates: ['2019-02-20'], endDate: '2019-04-01' },
          'Le mercredi 20 février 2019 est hors de la période du calendrier (du ',
        ],
        [{}, 'règle de récurrence ou une liste de dates'],
      ];
      for (const [input, message] of cases) {
        const error = refusal(input);
        expect(error.status, JSON.stringify(input)).toBe(400);
        expect(error.detail, JSON.stringify(input)).toContain(message);
      }
    },
  );

  it('stops expanding as soon as a rule passes its bounds (100,000 occurrences are never enumerated)', () => {
    const started = performance.now();
    expect(refusal({ rrule: 'FREQ=DAILY;COUNT=100000' }).status).toBe(400);
    expect(refusal({ rrule: 'FREQ=DAILY;UNTIL=22000101T000000Z' }).status).toBe(400);
    // Enumerating them at the library's ~60 µs per occurrence would take about 10 s.
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('expands a stored rule once per process: the second call is served from memory', () => {
    const input = {
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      rdates: [],
      startDate: '2031-01-01',
      endDate: '2031-12-31',
      startMinute: 14 * 60,
    };
    const first = expandRecurrence(input);
    expect(first.dates).toHaveLength(53);
    expect(expandRecurrence({ ...input })).toBe(first);
    expect(Object.isFrozen(first.dates)).toBe(true);
  });
});
