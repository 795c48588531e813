import { describe, expect, it } from 'vitest';
import { formatDate, formatDateAt, formatDateTime, formatMonth, formatTime } from './french-dates.ts';
import { formatPhone } from './phone.ts';

describe('French dates', () => {
  it('writes a calendar date with its weekday, « 1er » on the first', () => {
    expect(formatDate('2026-12-09')).toBe('mercredi 9 décembre 2026');
    expect(formatDate('2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(formatDate('2026-12-09', 'short')).toBe('09/12/2026');
    expect(formatDate('pas une date')).toBe('pas une date');
    expect(formatDate('12')).toBe('12');
  });

  it('writes the Paris date of an instant, and months', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('vendredi 1er janvier 2027');
    expect(formatDate('2026-04-01T08:00:00.000Z', 'short')).toBe('01/04/2026');
    expect(formatMonth('2026-12')).toBe('décembre 2026');
    expect(formatMonth('2026-08')).toBe('août 2026');
    expect(formatMonth('décembre')).toBe('décembre');
  });

  it('writes instants in Paris time across both DST changes, « 14 h 20 »', () => {
    expect(formatDateTime('2026-12-09T13:20:00Z')).toBe('mercredi 9 décembre 2026 à 14 h 20');
    expect(formatDateTime(new Date('2026-07-14T07:05:00Z'))).toBe('mardi 14 juillet 2026 à 9 h 05');
    // 29 March 2026, 01:59 UTC = 03:59 in Paris (the clocks went forward at 02:00 → 03:00).
    expect(formatDateTime('2026-03-29T01:59:00Z')).toBe('dimanche 29 mars 2026 à 3 h 59');
    // 25 October 2026, 00:30 UTC = 02:30 CEST; 01:30 UTC = 02:30 CET.
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('dimanche 25 octobre 2026 à 2 h 30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('dimanche 25 octobre 2026 à 2 h 30');
    expect(formatDateTime('2026-12-31T23:30:00Z', 'short')).toBe('01/01/2027 à 0 h 30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('writes times of an instant, of « HH:MM » and of minutes since midnight', () => {
    expect(formatTime('14:20')).toBe('14 h 20');
    expect(formatTime('09:00')).toBe('9 h 00');
    expect(formatTime(13 * 60 + 15)).toBe('13 h 15');
    expect(formatTime('2026-06-01T10:00:00Z')).toBe('12 h 00');
    expect(formatDateAt('2026-12-09', '14:20')).toBe('mercredi 9 décembre 2026 à 14 h 20');
    expect(formatDateAt('2026-12-09', null)).toBe('mercredi 9 décembre 2026');
  });
});

describe('French phone numbers', () => {
  it('writes French numbers in five pairs, whatever the input form', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('0033 1 23 45 67 89')).toBe('01 23 45 67 89');
    expect(formatPhone('06.12.34.56.78')).toBe('06 12 34 56 78');
  });

  it('keeps other countries readable and leaves what is not a number alone', () => {
    expect(formatPhone('+32471234567')).toBe('+32 47 12 34 56 7');
    expect(formatPhone('+447911123456')).toBe('+44 79 11 12 34 56');
    expect(formatPhone('+352621123456')).toBe('+352 62 11 23 45 6');
    expect(formatPhone('+12025550123')).toBe('+1 20 25 55 01 23');
    expect(formatPhone('standard')).toBe('standard');
    expect(formatPhone(null)).toBe('—');
  });
});
