import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone } from './phone.ts';

const NOT_MOBILE = "Ce numéro n'est pas un numéro de mobile : il ne peut pas recevoir de SMS.";

function e164(input: string): string | undefined {
  const result = normalisePhone(input);
  return result.ok ? result.e164 : undefined;
}

describe('normalisePhone', () => {
  it('turns French national forms into E.164', () => {
    expect(normalisePhone('06 12 34 56 78')).toEqual({ ok: true, e164: '+33612345678' });
    expect(e164('0612345678')).toBe('+33612345678');
    expect(e164('06.12.34.56.78')).toBe('+33612345678');
    expect(e164('07-81-23-45-67')).toBe('+33781234567');
  });

  it('accepts international forms (+33, 0033) and foreign mobiles', () => {
    expect(e164('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(e164('+33612345678')).toBe('+33612345678');
    expect(e164('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(e164('+32 470 12 34 56')).toBe('+32470123456');
  });

  it('accepts overseas mobiles typed in national form', () => {
    // Réunion and Guadeloupe: the "0" prefix is French, the country code is not +33.
    expect(e164('0692 12 34 56')).toBe('+262692123456');
    expect(e164('0690 12 34 56')).toBe('+590690123456');
  });

  it('accepts fixed-line-or-mobile numbers (North American plan)', () => {
    expect(e164('+1 212 555 0123')).toBe('+12125550123');
  });

  it('refuses fixed lines and other non-mobile numbers with the mobile message', () => {
    expect(normalisePhone('01 42 68 53 00')).toEqual({ ok: false, message: NOT_MOBILE });
    expect(normalisePhone('+33 3 87 12 34 56')).toEqual({ ok: false, message: NOT_MOBILE });
    // 09: VoIP box numbers, which do not receive SMS reliably.
    expect(normalisePhone('09 70 12 34 56')).toEqual({ ok: false, message: NOT_MOBILE });
  });

  it.each(['', '   ', 'abc', '06 12', '06 12 34 56 78 90 12', '+33 6', '0612345678'.repeat(5)])(
    'refuses %j as invalid',
    (input) => {
      const result = normalisePhone(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Numéro de téléphone invalide : /);
    },
  );
});

describe('maskPhone', () => {
  it('keeps the country code and the last two digits only', () => {
    expect(maskPhone('+33612345678')).toBe('+33•••••••78');
    expect(maskPhone('+33612345678')).not.toContain('612345');
    expect(maskPhone('not a number')).toBe('[numéro masqué]');
  });
});
