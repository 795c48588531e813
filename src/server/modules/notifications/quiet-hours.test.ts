import { describe, expect, it } from 'vitest';
import { formatMinute, isQuiet, parseMinute, quietHoursEnd } from './quiet-hours.ts';

const night = { startMinute: 22 * 60, endMinute: 7 * 60 };

describe('quiet hours (Europe/Paris)', () => {
  it('wraps over midnight', () => {
    expect(isQuiet(new Date('2026-06-10T21:30:00Z'), night)).toBe(true); // 23:30 CEST
    expect(isQuiet(new Date('2026-06-10T04:59:00Z'), night)).toBe(true); // 06:59 CEST
    expect(isQuiet(new Date('2026-06-10T05:00:00Z'), night)).toBe(false); // 07:00 CEST
    expect(quietHoursEnd(new Date('2026-06-10T10:00:00Z'), night)).toBeUndefined();
    expect(quietHoursEnd(new Date('2026-06-10T04:59:30Z'), night)?.toISOString()).toBe('2026-06-10T05:00:00.000Z');
  });

  it('ends at 07:00 local across both DST changes', () => {
    // 23:30 CET on the night clocks go forward: 07:00 CEST is 05:00 UTC.
    expect(quietHoursEnd(new Date('2026-03-28T22:30:00Z'), night)?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
    // 23:30 CEST on the night clocks go back: 07:00 CET is 06:00 UTC.
    expect(quietHoursEnd(new Date('2026-10-24T21:30:00Z'), night)?.toISOString()).toBe('2026-10-25T06:00:00.000Z');
    // Winter, no change: 07:00 CET.
    expect(quietHoursEnd(new Date('2026-01-15T23:00:00Z'), night)?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });

  it('handles a daytime window and an end that does not exist that night', () => {
    const lunch = { startMinute: 12 * 60, endMinute: 14 * 60 };
    expect(quietHoursEnd(new Date('2026-06-10T11:00:00Z'), lunch)?.toISOString()).toBe('2026-06-10T12:00:00.000Z');
    // 02:30 does not exist on 29 March 2026: the message leaves at 03:30 CEST, never early.
    const gap = { startMinute: 60, endMinute: 150 };
    const end = quietHoursEnd(new Date('2026-03-29T00:30:00Z'), gap);
    expect(end?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(isQuiet(new Date('2026-06-10T12:00:00Z'), { startMinute: 600, endMinute: 600 })).toBe(false);
  });

  it('parses and formats HH:MM', () => {
    expect(parseMinute('07:05')).toBe(425);
    expect(parseMinute('24:00')).toBeUndefined();
    expect(parseMinute('7:05')).toBeUndefined();
    expect(formatMinute(425)).toBe('07:05');
  });
});
