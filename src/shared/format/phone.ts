/**
 * Phone numbers as French readers write them: a French number (stored E.164, `+33…`) in five
 * pairs « 06 12 34 56 78 »; another country's keeps its `+` and its code, then the rest in pairs
 * (readable and dialable, if not always as that country writes it). The one formatter of pages,
 * e-mails and SMS.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '—';
  const compact = value.replace(/[\s.()-]/g, '');
  const french = /^(?:\+33|0033)([1-9]\d{8})$/.exec(compact) ?? /^0([1-9]\d{8})$/.exec(compact);
  if (french) return `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  const international = /^\+(\d{6,15})$/.exec(compact);
  if (!international) return value.trim();
  const digits = international[1];
  const length = countryCodeLength(digits);
  return `+${digits.slice(0, length)} ${digits.slice(length).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
}

/** How many digits the country code takes, by the ITU's E.164 assignment (1, 7: one; 20, 27, 3x…: two; the rest: three). */
function countryCodeLength(digits: string): number {
  if (digits[0] === '1' || digits[0] === '7') return 1;
  const two = digits.slice(0, 2);
  const twoDigit = /^(20|27|3[0-46-9]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])$/;
  return twoDigit.test(two) ? 2 : 3;
}
