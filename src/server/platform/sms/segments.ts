// SMS length accounting (3GPP TS 23.038). A message is billed per segment, and the engine must
// show the operator, before sending an alert to hundreds of mayors, what it will cost.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  characters: number;
  segments: number;
  /** Capacity of one segment with this encoding and this number of segments (160/153 or 70/67). */
  perSegment: number;
}

// GSM 03.38 default alphabet, in table order (0x00–0x7F). 0x1B (ESC) is left out: it is the
// escape to the extension table, not a character. Note the French traps: é è ù ì ò à and the
// capital Ç are here, but ê â î ô û ë ï ç œ are not, and any one of them switches the whole
// message to UCS-2 (70 characters instead of 160).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table: each is sent as ESC + character, so it costs two septets.
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const LIMITS: Record<SmsEncoding, { single: number; concatenated: number }> = {
  // 7 septets per concatenated segment go to the user data header (message reference, part n/m).
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
};

/** Cost of each character of `body` in units of the chosen encoding, in order. */
function unitCosts(body: string): { encoding: SmsEncoding; costs: number[] } {
  const chars = Array.from(body); // code points, so a surrogate pair stays one item
  if (chars.every((char) => BASIC.has(char) || EXTENSION.has(char))) {
    return { encoding: 'GSM-7', costs: chars.map((char) => (EXTENSION.has(char) ? 2 : 1)) };
  }
  // UCS-2 on the wire is really UTF-16: a character outside the BMP (emoji) takes two units.
  return { encoding: 'UCS-2', costs: chars.map((char) => char.length) };
}

/**
 * Counts the segments of an SMS. Concatenated messages are packed greedily because handsets and
 * providers never split an escape sequence or a surrogate pair across two segments: a naive
 * division would underestimate by one segment in those edge cases.
 */
export function countSegments(body: string): SegmentCount {
  const { encoding, costs } = unitCosts(body);
  const limits = LIMITS[encoding];
  const characters = costs.reduce((sum, cost) => sum + cost, 0);
  if (characters === 0) return { encoding, characters, segments: 0, perSegment: limits.single };
  if (characters <= limits.single) return { encoding, characters, segments: 1, perSegment: limits.single };

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.concatenated) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters, segments, perSegment: limits.concatenated };
}

/** Characters that force UCS-2, to tell the author which ones to replace (ê → e, ç → c…). */
export function nonGsmCharacters(body: string): string[] {
  return [...new Set(Array.from(body).filter((char) => !BASIC.has(char) && !EXTENSION.has(char)))];
}

/**
 * Estimated cost in euros. Rounded to the hundredth of a cent so that the sum of floats does not
 * show "12.350000000000001 €" to an operator; the provider's invoice remains the reference.
 */
export function estimateCost(segments: number, recipients: number, pricePerSegmentEuro = 0.05): number {
  if (!Number.isFinite(segments) || !Number.isFinite(recipients) || segments < 0 || recipients < 0) {
    throw new RangeError('estimateCost: segments and recipients must be non-negative numbers');
  }
  return Math.round(segments * recipients * pricePerSegmentEuro * 10_000) / 10_000;
}
