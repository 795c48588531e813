import { formatDateTime } from '../../../shared/format/french-dates.ts';
import type { MailMessage } from './mailer.ts';

export interface InvitationMailInput {
  to: string;
  displayName: string;
  link: string;
  /** Display name of the person who sent the invitation. */
  invitedBy: string;
  expiresAt: Date;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every interpolated value goes through this: names are typed by users, and so is anything they paste. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** One line, no control characters: a name with line breaks could forge extra paragraphs in the text part. */
function oneLine(value: string): string {
  // oxlint-disable-next-line no-control-regex -- stripping control characters is the point
  const printable = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return printable.replace(/\s+/g, ' ').trim();
}

/** Only web links: a `javascript:` or `data:` URL in an href would be an injection vector. */
function checkedLink(link: string): string {
  const url = new URL(link);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('invitation link must be http(s)');
  return url.toString();
}

export function invitationMail({ to, displayName, link, invitedBy, expiresAt }: InvitationMailInput): MailMessage {
  const name = oneLine(displayName);
  const inviter = oneLine(invitedBy);
  const url = checkedLink(link);
  const until = formatDateTime(expiresAt);
  const subject = 'Invitation à rejoindre PSQ';

  const text = [
    `Bonjour ${name},`,
    '',
    `${inviter} vous invite à rejoindre PSQ, la plateforme de la sécurité du quotidien.`,
    '',
    'Pour créer votre compte, ouvrez ce lien :',
    url,
    '',
    `Ce lien est personnel et valable jusqu'au ${until} (heure de Paris).`,
    '',
    "Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera créé.",
    '',
    '— PSQ (message automatique, merci de ne pas y répondre)',
  ].join('\n');

  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Marianne, Arial, sans-serif; color: #161616; line-height: 1.5">
<p>Bonjour ${escapeHtml(name)},</p>
<p>${escapeHtml(inviter)} vous invite à rejoindre PSQ, la plateforme de la sécurité du quotidien.</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; padding: 8px 16px; background: #000091; color: #ffffff; text-decoration: none">Créer mon compte</a></p>
<p>Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>${escapeHtml(url)}</p>
<p>Ce lien est personnel et valable jusqu'au ${escapeHtml(until)} (heure de Paris).</p>
<p style="color: #666666">Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera créé.</p>
</body>
</html>
`;

  return { to, subject, text, html, kind: 'invitation' };
}
