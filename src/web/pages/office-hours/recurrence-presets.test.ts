import { describe, expect, test } from 'vitest';
import { describeRrule, fromRrule, parseDates, toRrule } from './recurrence-presets.ts';

describe('recurrence presets of the schedule form', () => {
  test('each preset writes its RRULE and reads it back', () => {
    const rules = [
      'FREQ=WEEKLY;BYDAY=WE',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      'FREQ=MONTHLY;BYDAY=1TH',
      'FREQ=MONTHLY;BYDAY=2TU,4TU',
      'FREQ=MONTHLY;BYDAY=1MO,-1MO',
    ];
    for (const rule of rules) expect(toRrule(fromRrule(rule))).toBe(rule);
    expect(fromRrule(null).preset).toBe('dates');
    expect(toRrule(fromRrule(null))).toBeNull();
  });

  test('a rule outside the presets stays as typed', () => {
    const rule = 'FREQ=MONTHLY;BYDAY=1TH;UNTIL=20270630';
    expect(fromRrule(rule)).toMatchObject({ preset: 'custom', custom: rule });
    expect(toRrule({ ...fromRrule(rule), custom: ` RRULE:${rule} ` })).toBe(rule);
    expect(fromRrule('FREQ=MONTHLY;BYDAY=1MO,3TU').preset).toBe('custom');
  });

  test('French descriptions of the source pages’ schedules', () => {
    expect(describeRrule('FREQ=WEEKLY;BYDAY=WE')).toBe('Chaque semaine le mercredi');
    expect(describeRrule('FREQ=MONTHLY;BYDAY=1TH')).toBe('Le 1er jeudi du mois');
    expect(describeRrule('FREQ=MONTHLY;BYDAY=1MO,3MO')).toBe('Le 1er et le 3e lundi du mois');
    expect(describeRrule('FREQ=MONTHLY;BYDAY=-1FR')).toBe('Le dernier vendredi du mois');
    expect(describeRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO')).toBe('Une semaine sur deux le lundi');
  });

  test('explicit dates: French or ISO, sorted, duplicates dropped; an unreadable one refuses the list', () => {
    expect(parseDates('26/03/2019\n12/3/2019, 2019-03-12')).toEqual(['2019-03-12', '2019-03-26']);
    expect(parseDates('')).toEqual([]);
    expect(parseDates('12 mars')).toBeNull();
  });
});
