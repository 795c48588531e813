/** Turning an e-mail into the plain text a request keeps: never HTML, never quoted history. */

// oxlint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const MAX_DESCRIPTION = 5000;

/** Rough HTML → text: blocks become line breaks, tags and scripts go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const QUOTE_HEADER =
  /^(le .+ a écrit ?:|on .+ wrote:|-{2,} ?(message d'origine|original message|message transféré) ?-{2,}|de ?: .+@.+)$/i;

/** A reply keeps what the resident wrote: cut at the first quoted line or « Le … a écrit : ». */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex((line) => line.startsWith('>') || QUOTE_HEADER.test(line.trim()));
  return (cut >= 0 ? lines.slice(0, cut) : lines).join('\n').replace(CONTROL, '').trim();
}

/** Subject and body, without control characters, within the description's 5,000 characters. */
export function toDescription(subject: string, body: string): string {
  const whole =
    [subject && `Objet : ${subject}`, body].filter(Boolean).join('\n\n').replace(CONTROL, '').trim() ||
    '(message sans texte)';
  return whole.length <= MAX_DESCRIPTION
    ? whole
    : `${whole.slice(0, MAX_DESCRIPTION - 30).trimEnd()}\n[… message tronqué]`;
}
