import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlToText, stripQuotedHistory, toDescription } from './mail-text.ts';
import { parseReplyAddress, replyAddressFor } from './reply-address.ts';

describe('e-mail text', () => {
  it('reduces HTML to text without tags, scripts or styles', () => {
    expect(
      htmlToText(
        '<style>p{}</style><p>Bonjour&nbsp;<b>à tous</b></p><p>2 &lt; 3 &amp; &#233;t&#233;</p><script>x()</script>',
      ),
    ).toBe('Bonjour à tous\n2 < 3 & été');
  });

  it('cuts a reply at the quoted history, in French or English clients', () => {
    expect(stripQuotedHistory('Merci !\r\n\r\nLe lun. 3 nov. 2026 à 10:00, PSQ <a@b.fr> a écrit :\r\n> Bonjour')).toBe(
      'Merci !',
    );
    expect(stripQuotedHistory('Thanks\nOn Mon, Nov 3, 2026 at 10:00 AM PSQ wrote:\n> Hi')).toBe('Thanks');
    expect(stripQuotedHistory('Réponse\n> cité\nsuite')).toBe('Réponse');
    expect(stripQuotedHistory('Texte seul\x07')).toBe('Texte seul');
  });

  it('keeps subject and body within 5,000 characters', () => {
    expect(toDescription('Bruit', 'Tous les soirs')).toBe('Objet : Bruit\n\nTous les soirs');
    expect(toDescription('', '')).toBe('(message sans texte)');
    const long = toDescription('Long', 'x'.repeat(10_000));
    expect(long.length).toBeLessThanOrEqual(5000);
    expect(long.endsWith('[… message tronqué]')).toBe(true);
  });
});

describe('reply addresses', () => {
  const key = crypto.randomBytes(32);
  it('name their request with a signed lower-case token under 64 characters, and refuse any other token', () => {
    const id = crypto.randomUUID();
    const address = replyAddressFor(key, 'reponses@psq.example', id);
    expect(address).toMatch(/^reponses\+[a-z2-7]{42}@psq\.example$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(parseReplyAddress(key, 'reponses@psq.example', address)).toBe(id);
    expect(parseReplyAddress(key, 'reponses@psq.example', address.toUpperCase())).toBe(id);
    expect(parseReplyAddress(crypto.randomBytes(32), 'reponses@psq.example', address)).toBe('invalid');
    expect(
      parseReplyAddress(
        key,
        'reponses@psq.example',
        replyAddressFor(key, 'reponses@psq.example', crypto.randomUUID()).replace(
          /\+[a-z2-7]{26}/,
          address.slice(8, 35),
        ),
      ),
    ).toBe('invalid');
    expect(parseReplyAddress(key, 'reponses@psq.example', 'reponses+court@psq.example')).toBe('invalid');
    expect(parseReplyAddress(key, 'reponses@psq.example', 'secteur@psq.example')).toBeUndefined();
    expect(
      parseReplyAddress(key, 'reponses@psq.example', address.replace('psq.example', 'autre.example')),
    ).toBeUndefined();
  });
});
