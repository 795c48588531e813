import { BadRequestError } from '../../../platform/errors.ts';
import { countSegments, nonGsmCharacters } from '../../../platform/sms/segments.ts';
import { formatDate } from '../../../../shared/format/french-dates.ts';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../../shared/requests/requests.schemas.ts';
import { ANSWER_TEMPLATE_PLACEHOLDERS } from '../../../../shared/requests/templates.schemas.ts';
import { smsAnswerBody } from '../handling/request-messages.ts';

/** What an answer template's placeholders become for one request. */
export interface TemplateValues {
  reference: string;
  category: RequestCategory;
  createdAt: Date;
}

type Placeholder = keyof typeof ANSWER_TEMPLATE_PLACEHOLDERS;
const PLACEHOLDER = /\{([^{}\n]*)\}/g;
/** An SMS answer over this many segments costs more than it helps: the author is warned. */
const MAX_SMS_SEGMENTS = 2;

const isKnown = (name: string): name is Placeholder => Object.hasOwn(ANSWER_TEMPLATE_PLACEHOLDERS, name);

/**
 * Refuses a body naming a placeholder the server cannot fill, so a resident never receives
 * « {lien} » verbatim. The tracking link is not one: the answer appends it already, and the text
 * shown to staff (then kept in the history) must not carry the resident's private token.
 */
export function assertKnownPlaceholders(body: string): void {
  const unknown = [
    ...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !isKnown(name))),
  ];
  if (unknown.length === 0) return;
  const known = Object.keys(ANSWER_TEMPLATE_PLACEHOLDERS)
    .map((name) => `{${name}}`)
    .join(', ');
  const link = unknown.includes('lien_suivi')
    ? ' Le lien de suivi est ajouté automatiquement à chaque réponse : écrivez « votre lien de suivi ».'
    : '';
  throw new BadRequestError(
    `Champ${unknown.length > 1 ? 's' : ''} ` +
      `inconnu${unknown.length > 1 ? 's' : ''} : ` +
      `${unknown.map((name) => `{${name}}`).join(', ')}. Champs possibles : ` +
      `${known}.${link}`,
    [{ pointer: '/body', message: 'Champ inconnu.' }],
  );
}

export function fillTemplate(body: string, values: TemplateValues): string {
  const filled: Record<Placeholder, string> = {
    reference: values.reference,
    categorie: REQUEST_CATEGORY_LABELS[values.category],
    // The short date « 01/04/2026 » (Paris): a month name would bring « août », whose û forces an SMS into UCS-2.
    date_demande: formatDate(values.createdAt, 'short'),
  };
  return body.replace(PLACEHOLDER, (match, name: string) => (isKnown(name) ? filled[name] : match));
}

/** The SMS the answer would make (prefix and tracking link included) and what to tell its author. */
export function estimateAnswerSms(reference: string, text: string, link: string) {
  const { segments, characters, encoding } = countSegments(smsAnswerBody(reference, text, link));
  const warnings: string[] = [];
  if (segments > MAX_SMS_SEGMENTS)
    warnings.push(
      `Par SMS, ce texte fera ${segments} SMS (plus de ${MAX_SMS_SEGMENTS}) avec ` +
        `la référence et le lien de suivi : raccourcissez-le.`,
    );
  const unicode = nonGsmCharacters(text);
  if (encoding === 'UCS-2' && unicode.length > 0)
    warnings.push(
      `Les caractères ${unicode.map((char) => `« ${char} »`).join(', ')} passent ` +
        `le SMS en Unicode (70 caractères par SMS au lieu de 160) : remplacez-les (ê ` +
        `→ e, ç → c, ’ → ').`,
    );
  return { sms: { segments, characters, encoding }, warnings };
}

/** Sample values of the longest kind, to warn when a template is saved, before any request uses it. */
export function sampleValues(category: RequestCategory | null): TemplateValues {
  const longest = (Object.keys(REQUEST_CATEGORY_LABELS) as RequestCategory[]).reduce((a, b) =>
    REQUEST_CATEGORY_LABELS[b].length > REQUEST_CATEGORY_LABELS[a].length ? b : a,
  );
  return { reference: 'R-2026-000123', category: category ?? longest, createdAt: new Date() };
}
