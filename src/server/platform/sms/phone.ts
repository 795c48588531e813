// The "max" metadata is required: the default ("min") bundle cannot tell a mobile from a fixed
// line (getType() returns undefined), and that distinction is the whole point for SMS.
import { parsePhoneNumberFromString, type CountryCode, type NumberType, type PhoneNumber } from 'libphonenumber-js/max';

export type NormalisedPhone = { ok: true; e164: string } | { ok: false; message: string };

const NOT_MOBILE = "Ce numéro n'est pas un numéro de mobile : il ne peut pas recevoir de SMS.";

// A French mayor's number typed in national form ("06 …") is the common case, hence FR by default.
const DEFAULT_COUNTRY: CountryCode = 'FR';

// Overseas departments and collectivities share the French "0" national prefix but have their
// own country codes (+262, +590, …): "0692 12 34 56" is a Réunion mobile, invalid as a +33
// number. They are tried only when the metropolitan reading is invalid, so no ambiguity arises.
const OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'PM', 'BL', 'MF'];

// FIXED_LINE_OR_MOBILE is what the metadata says when a numbering plan does not separate the
// two (United States, Canada…): refusing it would refuse every North American mobile.
const SMS_CAPABLE: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const MAX_INPUT = 40;

function parseValid(input: string): PhoneNumber | undefined {
  const metropolitan = parsePhoneNumberFromString(input, DEFAULT_COUNTRY);
  if (metropolitan?.isValid()) return metropolitan;
  if (!/^\s*0/.test(input)) return undefined;
  for (const country of OVERSEAS) {
    const overseas = parsePhoneNumberFromString(input, country);
    if (overseas?.isValid()) return overseas;
  }
  return undefined;
}

/**
 * Normalises a phone number typed by a human into E.164 ("+33612345678"), the only form the SMS
 * provider accepts, and refuses numbers that cannot receive an SMS. Messages are in French because
 * they are shown as-is in the form where the number was typed.
 */
export function normalisePhone(input: string): NormalisedPhone {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, message: 'Numéro de téléphone invalide : le numéro est vide.' };
  }
  if (input.length > MAX_INPUT) {
    return { ok: false, message: 'Numéro de téléphone invalide : le numéro est trop long.' };
  }
  const phone = parseValid(input);
  if (!phone) {
    return {
      ok: false,
      message:
        'Numéro de téléphone invalide : vérifiez le nombre de chiffres et ' +
        'l’indicatif (exemple : 06 12 34 56 78 ou +33 6 12 34 56 78).',
    };
  }
  const type = phone.getType();
  // An undefined type means the metadata cannot classify this number: let it through rather than
  // refuse a working mobile; the provider then answers 21614 (permanent error) if it was wrong.
  if (type !== undefined && !SMS_CAPABLE.has(type)) return { ok: false, message: NOT_MOBILE };
  return { ok: true, e164: phone.number };
}

/**
 * Number for logs: the country code and the last two digits only, so a log line can be related
 * to a recipient by someone who already knows the number, without disclosing it to everyone else.
 */
export function maskPhone(e164: string): string {
  if (!/^\+\d{6,15}$/.test(e164)) return '[numéro masqué]';
  const country = parsePhoneNumberFromString(e164)?.countryCallingCode ?? '';
  return `+${country}${'•'.repeat(Math.max(0, e164.length - country.length - 3))}${e164.slice(-2)}`;
}
