import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeTerritory } from '../territory/territory.factories.ts';
import { currentTotp } from './crypto/totp.ts';
import { TEST_PASSWORD, makeUser, sessionHeaders } from './identity.factories.ts';

let t: TestApp;
let departmentId: string;
beforeAll(async () => {
  t = await createTestApp();
  departmentId = (await makeTerritory(t.database, { lon: 3, lat: 45 })).department.id;
});
afterAll(async () => t?.close());

const inject = (options: InjectOptions) => t.app.inject(options);
const cookieOf = (response: LightMyRequestResponse, name = '__Host-psq_session') => {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie ? `${cookie.name}=${cookie.value}` : undefined;
};
async function signIn(email: string, password = TEST_PASSWORD, extra: Record<string, string> = {}) {
  const response = await inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    headers: extra,
    remoteAddress: extra['x-test-ip'],
  });
  const cookie = cookieOf(response);
  return { response, headers: cookie ? { cookie, 'x-csrf-token': response.json().csrfToken as string } : {} };
}
const admin = async () =>
  makeUser(t.database, { roles: [{ role: 'admin', scopeType: 'department', scopeId: departmentId }] });
const waitNextStep = async () => new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));

describe('sign-in with password and TOTP', () => {
  it('sets a __Host- session cookie, asks for enrolment, then works with TOTP and recovery codes', async () => {
    const user = await admin();
    const first = await signIn(user.email.toUpperCase());
    expect(first.response.statusCode).toBe(200);
    expect(first.response.json().mfa).toBe('enrol');
    const cookie = first.response.cookies.find((c) => c.name === '__Host-psq_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(first.response.headers['cache-control']).toBe('no-store');

    // Before the second factor, protected routes answer 401.
    expect((await inject({ method: 'GET', url: '/api/users', headers: first.headers })).statusCode).toBe(401);
    const enrol = await inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: first.headers });
    const { secret, otpauthUrl, qrSvg } = enrol.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(qrSvg).toContain('<svg');
    const confirm = await inject({
      method: 'POST',
      url: '/api/auth/mfa/enrol/confirm',
      headers: first.headers,
      payload: { code: currentTotp(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect((await inject({ method: 'GET', url: '/api/users', headers: first.headers })).statusCode).toBe(200);

    // Sign out: the old cookie is dead at its very next request.
    expect((await inject({ method: 'POST', url: '/api/auth/sign-out', headers: first.headers })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: first.headers })).statusCode).toBe(401);

    // Second sign-in: TOTP required; the code used at enrolment is refused (replay).
    const second = await signIn(user.email);
    expect(second.response.json().mfa).toBe('required');
    const replay = await inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: second.headers,
      payload: { code: currentTotp(secret) },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().detail).toContain('déjà utilisé');
    const recovery = await inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: second.headers,
      payload: { recoveryCode: codes[0] },
    });
    expect(recovery.json().mfa).toBe('done');

    // A recovery code works once.
    const third = await signIn(user.email);
    const reused = await inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: third.headers,
      payload: { recoveryCode: codes[0] },
    });
    expect(reused.statusCode).toBe(400);
    await waitNextStep();
    const fresh = await inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: third.headers,
      payload: { code: currentTotp(secret) },
    });
    expect(fresh.json().mfa).toBe('done');
  }, 60_000);

  it('refuses a wrong password with a French message and audits the failure', async () => {
    const user = await admin();
    const { response } = await signIn(user.email, 'pas le bon mot de passe');
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Adresse électronique ou mot de passe incorrect.');
    const unknown = await signIn('personne@test.psq.fr', 'pas le bon mot de passe');
    expect(unknown.response.json().detail).toBe('Adresse électronique ou mot de passe incorrect.');
    const rows = await t.database.query<{ action: string }>(
      "select action from audit_events where record_id = $1 and action like 'auth.%'",
      [user.id],
    );
    expect(rows.map((r) => r.action)).toContain('auth.sign-in.failed');
  });

  it('throttles an attacked account (429) without locking out its user on a known device', async () => {
    const user = await admin();
    const good = await signIn(user.email, TEST_PASSWORD, { 'x-test-ip': '10.0.0.1' });
    const device = cookieOf(good.response, 'psq_device')!;
    for (let i = 0; i < 10; i++) await signIn(user.email, `mauvais mot de passe ${i}`, { 'x-test-ip': `10.1.0.${i}` });
    const blocked = await signIn(user.email, TEST_PASSWORD, { 'x-test-ip': '10.2.0.1' });
    expect(blocked.response.statusCode).toBe(429);
    expect(Number(blocked.response.headers['retry-after'])).toBeGreaterThan(0);
    const owner = await inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
      headers: { cookie: device },
      remoteAddress: '10.0.0.1',
    });
    expect(owner.statusCode).toBe(200);
  });

  it('answers 1,000 sign-in attempts in a row with 401 then 429, never a 500', async () => {
    const user = await admin();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const { response } = await signIn(i % 2 ? user.email : `x${i}@test.psq.fr`, 'mauvais mot de passe', {
        'x-test-ip': '10.9.9.9',
      });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    expect(statuses.get(429)).toBeGreaterThan(900);
  }, 60_000);

  it('ends other sessions on request, and all sessions of a suspended account', async () => {
    const user = await admin();
    const a = await sessionHeaders(t.database, t.config, user.id);
    const b = await sessionHeaders(t.database, t.config, user.id);
    expect((await inject({ method: 'POST', url: '/api/auth/sign-out-others', headers: a })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: b })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: a })).statusCode).toBe(200);

    const other = await admin();
    const otherSession = await sessionHeaders(t.database, t.config, other.id);
    const suspend = await inject({
      method: 'PATCH',
      url: `/api/users/${other.id}`,
      headers: a,
      payload: { status: 'suspended' },
    });
    expect(suspend.json().status).toBe('suspended');
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: otherSession })).statusCode).toBe(401);
    expect((await signIn(other.email)).response.statusCode).toBe(403);
  });

  it('refuses tampered, expired and idle sessions', async () => {
    const user = await admin();
    const headers = await sessionHeaders(t.database, t.config, user.id);
    const tampered = {
      ...headers,
      cookie: headers.cookie.slice(0, -2) + (headers.cookie.endsWith('AA') ? 'BB' : 'AA'),
    };
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: tampered })).statusCode).toBe(401);
    expect(
      (await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: '__Host-psq_session=<script>' } }))
        .statusCode,
    ).toBe(401);
    await t.database.query("update sessions set expires_at = now() - interval '1 second' where user_id = $1", [
      user.id,
    ]);
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
    const idle = await sessionHeaders(t.database, t.config, user.id);
    await t.database.query(
      "update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1 and revoked_at is null",
      [user.id],
    );
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: idle })).statusCode).toBe(401);
  });

  it('keeps passwords, codes, tokens and TOTP secrets out of the logs', async () => {
    const user = await admin();
    const password = 'Secret-De-Test-Tres-Reconnaissable-42';
    await signIn(user.email, password);
    const { response, headers } = await signIn(user.email);
    const enrol = (await inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers })).json();
    const code = currentTotp(enrol.secret);
    await inject({ method: 'POST', url: '/api/auth/mfa/enrol/confirm', headers, payload: { code } });
    const log = t.logs.join('\n');
    const token = cookieOf(response)!.split('=')[1];
    for (const secret of [password, TEST_PASSWORD, enrol.secret, token, headers['x-csrf-token'], `"code":"${code}"`])
      expect(log).not.toContain(secret);
  });

  it('puts security headers on pages and API answers', async () => {
    const page = await inject({ method: 'GET', url: '/api/meta' });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const { contentSecurityPolicy } = await import('../../platform/http/security-headers.ts');
    const csp = contentSecurityPolicy(t.config);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });
});
