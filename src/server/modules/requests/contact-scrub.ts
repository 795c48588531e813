/**
 * Removes what would let someone reach a person from a free text: e-mail addresses, phone numbers
 * (French and international forms), web links. Used before anything leaves the staff's hands
 * (Open311 listing) and by the anonymisation of old requests. Names cannot be found reliably in a
 * free text: texts that may hold them are not published at all.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?:\+|00)?\d[\d .\-()]{7,}\d/g;
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;

export function scrubContactDetails(text: string): string {
  return text
    .replace(EMAIL, '[adresse e-mail retirée]')
    .replace(LINK, '[lien retiré]')
    .replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 8 ? '[numéro retiré]' : match));
}
