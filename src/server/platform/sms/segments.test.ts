import { describe, expect, it } from 'vitest';
import { countSegments, estimateCost, nonGsmCharacters } from './segments.ts';

describe('countSegments, GSM-7', () => {
  it('fits 160 characters in one segment and splits 161 into two of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      characters: 160,
      segments: 1,
      perSegment: 160,
    });
    expect(countSegments('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      characters: 161,
      segments: 2,
      perSegment: 153,
    });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('keeps usual French text in GSM-7 (é è à ù are in the basic set)', () => {
    expect(countSegments('Intervention en cours à Borny').encoding).toBe('GSM-7');
    expect(
      countSegments('Alerte météo : évacuation décidée, rendez-vous où indiqué. Préfecture de la Moselle').encoding,
    ).toBe('GSM-7');
    expect(countSegments('É Ç Ø ø Å å Ä Ö Ñ Ü § ¿ ä ö ñ ü à ì ò ß Æ æ Δ Ω ¤ ¡ £ ¥ @ $').encoding).toBe('GSM-7');
  });

  it('counts extension characters double', () => {
    expect(countSegments('Cout : 12 €')).toMatchObject({ encoding: 'GSM-7', characters: 12 });
    // The trap this module exists for: "Coût" has a û, so the whole message goes UCS-2.
    expect(countSegments('Coût : 12 €')).toMatchObject({ encoding: 'UCS-2', characters: 11 });
    for (const char of ['^', '{', '}', '\\', '[', '~', ']', '|', '€']) {
      expect(countSegments(char)).toMatchObject({ encoding: 'GSM-7', characters: 2, segments: 1 });
    }
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('never splits an escape sequence across two segments', () => {
    // 152 plain characters then "€": the 2 septets do not fit in the first 153, so 3 parts are
    // not needed but the euro sign moves to the second segment.
    const body = 'a'.repeat(152) + '€' + 'b'.repeat(152);
    expect(countSegments(body)).toMatchObject({ characters: 306, segments: 3 });
  });
});

describe('countSegments, UCS-2', () => {
  it.each(['ç', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ', 'À', 'È'])('switches to UCS-2 for %s', (char) => {
    expect(countSegments(`Fermeture de la rue ${char}`).encoding).toBe('UCS-2');
  });

  it('uses 70 characters for one segment and 67 per concatenated segment', () => {
    const one = 'ç'.repeat(70);
    expect(countSegments(one)).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1, perSegment: 70 });
    expect(countSegments('ç' + 'a'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      characters: 71,
      segments: 2,
      perSegment: 67,
    });
    expect(countSegments('ê'.repeat(134)).segments).toBe(2);
    expect(countSegments('ê'.repeat(135)).segments).toBe(3);
  });

  it('turns a long French message with "ç" from 1 GSM segment into 2 UCS-2 segments', () => {
    const gsm = 'Le maire est informe que la circulation est coupee rue Serpenoise jusqu a 18h. Prefecture.';
    expect(countSegments(gsm)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(countSegments(gsm.replace('informe', 'informé').replace('Prefecture', 'Préfecture'))).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
    });
    expect(countSegments(gsm.replace('circulation', 'circulation (ça roule mal)'))).toMatchObject({
      encoding: 'UCS-2',
      segments: 2,
    });
  });

  it('counts an emoji as two units and never splits it', () => {
    expect(countSegments('🚨')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1, perSegment: 70 });
    expect(countSegments('🚨'.repeat(35)).segments).toBe(1);
    expect(countSegments('🚨'.repeat(36))).toMatchObject({ characters: 72, segments: 2 });
    // 66 units then an emoji: it cannot take the 67th unit alone, so it opens the second segment.
    expect(countSegments('x'.repeat(66) + '🚨' + 'ç'.repeat(66))).toMatchObject({ characters: 134, segments: 3 });
  });
});

describe('helpers', () => {
  it('lists the characters that force UCS-2', () => {
    expect(nonGsmCharacters('Fête à la française, où ça ?')).toEqual(['ê', 'ç']);
    expect(nonGsmCharacters('Intervention en cours à Borny')).toEqual([]);
  });

  it('returns 0 segments for an empty body', () => {
    expect(countSegments('')).toMatchObject({ characters: 0, segments: 0 });
  });

  it('estimates the cost in euros', () => {
    expect(estimateCost(2, 300)).toBe(30);
    expect(estimateCost(1, 3, 0.07)).toBe(0.21);
    expect(estimateCost(0, 100)).toBe(0);
    expect(() => estimateCost(-1, 1)).toThrow(RangeError);
  });
});
