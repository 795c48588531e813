import { describe, expect, it } from 'vitest';
import { validateMailMessage } from './mail-job.ts';
import { escapeHtml, invitationMail } from './templates.ts';

const base = {
  to: 'camille@mairie.example',
  displayName: 'Camille Durand',
  link: 'https://psq.example/invitation/abc123?x=1&y=2',
  invitedBy: 'Préfecture du Rhône',
  // 13:30 UTC is 14:30 in Paris in November (UTC+1).
  expiresAt: new Date('2026-11-24T13:30:00Z'),
};

describe('invitation mail', () => {
  it('is in French, carries the link and its expiry in Paris time, and the "ignore" line', () => {
    const mail = invitationMail(base);
    expect(mail.subject).toBe('Invitation à rejoindre PSQ');
    expect(mail.to).toBe('camille@mairie.example');
    expect(mail.kind).toBe('invitation');
    expect(mail.text).toContain('Bonjour Camille Durand,');
    expect(mail.text).toContain('https://psq.example/invitation/abc123?x=1&y=2');
    expect(mail.text).toContain("valable jusqu'au mardi 24 novembre 2026 à 14 h 30 (heure de Paris)");
    expect(mail.text).toContain("Si vous n'attendiez pas cette invitation, ignorez ce message");
    expect(mail.html).toContain('href="https://psq.example/invitation/abc123?x=1&amp;y=2"');
    expect(mail.html).toContain("jusqu'au mardi 24 novembre 2026 à 14 h 30");
    expect(() => validateMailMessage(mail)).not.toThrow();
  });

  it('escapes HTML in every interpolated value', () => {
    const mail = invitationMail({
      ...base,
      displayName: '<script>alert("x")</script>',
      invitedBy: 'Tom & "Jerry" <b>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; &quot;Jerry&quot; &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
  });

  it('keeps a name with line breaks on one line in the text part', () => {
    const mail = invitationMail({ ...base, displayName: 'Camille\r\n\r\nCliquez ici : https://evil.example' });
    expect(mail.text.split('\n')[0]).toBe('Bonjour Camille Cliquez ici : https://evil.example,');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => invitationMail({ ...base, link: 'javascript:alert(1)' })).toThrow();
  });
});

describe('HTML escaping', () => {
  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
