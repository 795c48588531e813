import { describe, expect, it } from 'vitest';
import { isAvailableAt, parisMinute, toHourMinute, toMinute } from './contact-hours.ts';
import { newAckCode, signAckCode, verifyAckCode } from './ack-codes.ts';

describe('contact hours (Europe/Paris)', () => {
  it('reads Paris time in winter and in summer', () => {
    expect(parisMinute(new Date('2026-01-15T06:30:00Z'))).toBe(7 * 60 + 30);
    expect(parisMinute(new Date('2026-07-15T06:30:00Z'))).toBe(8 * 60 + 30);
  });

  it('handles plain ranges, ranges over midnight, no hours and equal bounds', () => {
    const day = [toMinute('08:00'), toMinute('20:00')] as const;
    const night = [toMinute('22:00'), toMinute('07:00')] as const;
    const at = (utc: string) => new Date(`2026-01-15T${utc}:00Z`); // Paris = UTC+1 in January
    expect(isAvailableAt(...day, at('07:00'))).toBe(true); // 08:00 Paris
    expect(isAvailableAt(...day, at('19:00'))).toBe(false); // 20:00 Paris, end excluded
    expect(isAvailableAt(...night, at('22:30'))).toBe(true); // 23:30
    expect(isAvailableAt(...night, at('05:59'))).toBe(true); // 06:59
    expect(isAvailableAt(...night, at('12:00'))).toBe(false); // 13:00
    expect(isAvailableAt(null, null, at('03:00'))).toBe(true);
    expect(isAvailableAt(600, 600, at('03:00'))).toBe(true);
    expect(toHourMinute(toMinute('07:05'))).toBe('07:05');
  });
});

describe('acknowledgement codes', () => {
  it('verifies its own signature and refuses any altered character or another key', () => {
    const key = Buffer.alloc(32, 1);
    const code = newAckCode();
    const signed = signAckCode(key, code);
    expect(signed).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(verifyAckCode(key, signed)).toBe(code);
    expect(verifyAckCode(Buffer.alloc(32, 2), signed)).toBeUndefined();
    for (let i = 0; i < 16; i += 1) {
      const altered = `${signed.slice(0, i)}${signed[i] === 'z' ? 'y' : 'z'}${signed.slice(i + 1)}`;
      expect(verifyAckCode(key, altered)).toBeUndefined();
    }
    expect(verifyAckCode(key, 'short')).toBeUndefined();
  });
});
