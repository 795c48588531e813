import { describe, expect, it } from 'vitest';

import { createTotpSecret, currentTotp, totpQrSvg, totpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B, SHA-1 seed '12345678901234567890' in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP_MS = 30_000;
// Mid-step, so that ±n steps stay well inside their own window.
const NOW = 1_700_000_015_000;

describe('RFC 6238 vectors', () => {
  it('gives the published codes (last 6 digits of the 8-digit values)', () => {
    expect(currentTotp(RFC_SECRET, 59_000)).toBe('287082'); // 94287082
    expect(currentTotp(RFC_SECRET, 1_111_111_109_000)).toBe('081804'); // 07081804
    expect(currentTotp(RFC_SECRET, 1_234_567_890_000)).toBe('005924'); // 89005924
    expect(currentTotp(RFC_SECRET, 20_000_000_000_000)).toBe('353130'); // 65353130
  });

  it('verifies the RFC vector at T=59 s as step 1', () => {
    expect(verifyTotp(RFC_SECRET, '287082', null, 59_000)).toEqual({ ok: true, step: 1 });
  });
});

describe('createTotpSecret / totpUri / totpQrSvg', () => {
  it('creates distinct 160-bit base32 secrets', () => {
    const a = createTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/); // 160 bits = 32 base32 characters
    expect(createTotpSecret()).not.toBe(a);
  });

  it('builds an otpauth URI with the PSQ issuer and the e-mail as label', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'agent@ville.fr'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/PSQ:agent@ville.fr');
    expect(uri.searchParams.get('issuer')).toBe('PSQ');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('renders an SVG document', async () => {
    const svg = await totpQrSvg(totpUri(RFC_SECRET, 'agent@ville.fr'));
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<path');
  });
});

describe('verifyTotp', () => {
  const secret = createTotpSecret();
  const step = totpStep(NOW);
  const codeAtOffset = (n: number) => currentTotp(secret, NOW + n * STEP_MS);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, currentTotp(secret, NOW), null, NOW)).toEqual({ ok: true, step });
  });

  it('accepts one step of drift either way, and returns the code’s own step', () => {
    expect(verifyTotp(secret, codeAtOffset(-1), null, NOW)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, codeAtOffset(1), null, NOW)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses two steps of drift', () => {
    // Guard against a chance collision with an accepted step making the test meaningless.
    for (const n of [-2, 2]) {
      const code = codeAtOffset(n);
      if ([-1, 0, 1].some((k) => codeAtOffset(k) === code)) continue;
      expect(verifyTotp(secret, code, null, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('accepts a code once', () => {
    const code = currentTotp(secret, NOW);
    const first = verifyTotp(secret, code, null, NOW);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(secret, code, step, NOW)).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(secret, code, step, NOW + 10_000)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses an older code after a newer one', () => {
    expect(verifyTotp(secret, codeAtOffset(-1), step, NOW)).toEqual({ ok: false, reason: 'replayed' });
    // …but the next code is still welcome.
    expect(verifyTotp(secret, codeAtOffset(1), step, NOW)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses a wrong code as invalid, not replayed', () => {
    const valid = new Set([-1, 0, 1].map(codeAtOffset));
    const wrong = ['000000', '111111', '123456', '999999'].find((c) => !valid.has(c)) ?? '';
    expect(verifyTotp(secret, wrong, step, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('treats anything but 6 digits as invalid, without throwing', () => {
    const code = currentTotp(secret, NOW);
    for (const bad of [
      '',
      '12345',
      '1234567',
      'abcdef',
      `${code}0`,
      `0${code}`,
      code.replace(/\d$/, 'x'),
      '１２３４５６',
    ]) {
      expect(verifyTotp(secret, bad, null, NOW), bad).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyTotp(secret, undefined as unknown as string, null, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(secret, 123456 as unknown as string, null, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('tolerates the space authenticator apps display', () => {
    const code = currentTotp(secret, NOW);
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, null, NOW)).toEqual({ ok: true, step });
  });
});
