import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { startSmtpPeer, decodeBody, type SmtpPeer } from '../../test/peers/smtp-peer.ts';
import { makeTerritory } from '../territory/territory.factories.ts';
import { makeUser, sessionHeaders } from './identity.factories.ts';

let t: TestApp;
let smtp: SmtpPeer;
let territory: Awaited<ReturnType<typeof makeTerritory>>;
let adminHeaders: Record<string, string>;
beforeAll(async () => {
  smtp = await startSmtpPeer();
  t = await createTestApp({ jobs: true, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://psq.example.fr' } });
  territory = await makeTerritory(t.database, { lon: 4, lat: 46 });
  const admin = await makeUser(t.database, {
    roles: [{ role: 'admin', scopeType: 'department', scopeId: territory.department.id }],
  });
  adminHeaders = await sessionHeaders(t.database, t.config, admin.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const linkIn = (raw: string) => decodeBody(raw).match(/https:\/\/psq\.example\.fr\/invitation\/([A-Za-z0-9_-]+)/)?.[1];

describe('invitations', () => {
  it('e-mails a one-time link; the invitee sets a password that follows the policy, once', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: adminHeaders,
      payload: {
        email: 'Nouvel.Agent@Test.psq.fr',
        displayName: 'Nouvel Agent',
        roles: [{ role: 'police_referent', scopeType: 'sector', scopeId: territory.sector.id }],
      },
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({
      email: 'nouvel.agent@test.psq.fr',
      status: 'invited',
      roles: [{ role: 'police_referent', scopeType: 'sector' }],
    });
    const [mail] = await smtp.waitForMessages(1, 20_000);
    expect(mail.to).toEqual(['nouvel.agent@test.psq.fr']);
    const token = linkIn(mail.raw)!;
    expect(token).toBeTruthy();

    expect((await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` })).json()).toEqual({
      email: 'nouvel.agent@test.psq.fr',
      displayName: 'Nouvel Agent',
    });
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}/accept`,
      payload: { password: 'court' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toContain('12 caractères');
    const common = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}/accept`,
      payload: { password: 'password123456' },
    });
    expect(common.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}/accept`,
      payload: { password: 'trois chevaux sur la colline' },
    });
    expect(ok.statusCode).toBe(204);
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}/accept`,
      payload: { password: 'trois chevaux sur la colline' },
    });
    expect(reused.statusCode).toBe(410);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nouvel.agent@test.psq.fr', password: 'trois chevaux sur la colline' },
    });
    expect(signIn.json().mfa).toBe('enrol');
  }, 60_000);

  it('refuses an expired link (410) and an unknown one (404); resending replaces the old link', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: adminHeaders,
      payload: {
        email: 'expire@test.psq.fr',
        displayName: 'Expiré',
        roles: [{ role: 'delegate', scopeType: 'municipality', scopeId: territory.municipality.id }],
      },
    });
    // The first test's mail, then this invitation, then its resending.
    const first = linkIn((await smtp.waitForMessages(2, 20_000))[1].raw)!;
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/users/${invite.json().id}/invitation`, headers: adminHeaders }))
        .statusCode,
    ).toBe(204);
    const second = linkIn((await smtp.waitForMessages(3, 20_000))[2].raw)!;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${first}` })).statusCode).toBe(410);
    await t.database.query(
      "update invitations set expires_at = now() - interval '1 minute' where user_id = $1 and used_at is null",
      [invite.json().id],
    );
    const expired = await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${second}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toContain('expiré');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }))
        .statusCode,
    ).toBe(404);
  }, 60_000);

  it('requires an organisation for a partner', async () => {
    const payload = {
      email: 'bailleur@test.psq.fr',
      displayName: 'Bailleur',
      roles: [{ role: 'partner', scopeType: 'municipality', scopeId: territory.municipality.id }],
    };
    const without = await t.app.inject({ method: 'POST', url: '/api/users', headers: adminHeaders, payload });
    expect(without.statusCode).toBe(400);
    expect(without.json().detail).toContain('organisation');
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: adminHeaders,
      payload: { name: 'Bailleur social test', kind: 'landlord' },
    });
    const withOrg = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: adminHeaders,
      payload: { ...payload, organisationId: org.json().id },
    });
    expect(withOrg.json().organisation).toEqual({ id: org.json().id, name: 'Bailleur social test' });
  });

  it('answers 409 to an e-mail already in use, and keeps at least one role', async () => {
    const user = await makeUser(t.database, {
      roles: [{ role: 'partner', scopeType: 'municipality', scopeId: territory.municipality.id }],
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: adminHeaders,
      payload: {
        email: user.email,
        displayName: 'Doublon',
        roles: [{ role: 'delegate', scopeType: 'municipality', scopeId: territory.municipality.id }],
      },
    });
    expect(again.statusCode).toBe(409);
    const details = (await t.app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: adminHeaders })).json();
    const last = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${user.id}/roles/${details.roles[0].id}`,
      headers: adminHeaders,
    });
    expect(last.statusCode).toBe(409);
  });
});

describe('audit log', () => {
  it('records reads of personal data, searches by user and exports CSV (itself audited)', async () => {
    const user = await makeUser(t.database, {
      roles: [{ role: 'delegate', scopeType: 'municipality', scopeId: territory.municipality.id }],
    });
    await t.app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: adminHeaders });
    const search = await t.app.inject({ method: 'GET', url: `/api/audit?userId=${user.id}`, headers: adminHeaders });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((e: { action: string }) => e.action)).toContain('user.read');
    expect(search.json().items.find((e: { action: string }) => e.action === 'user.read').reason).toBe(
      'GET /api/users/:id',
    );
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/audit/export.csv?userId=${user.id}`,
      headers: adminHeaders,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body).toContain('"user.read"');
    const exported = await t.database.query(
      "select count(*)::int as n from audit_events where action = 'audit.exported'",
    );
    expect(exported[0]).toMatchObject({ n: 1 });
  });

  it('does not let the application change or delete audit rows', async () => {
    // On a server every pooled connection starts as the app role (start-up option), never as the owner.
    if (t.database.kind === 'postgres')
      expect(await t.database.query('select current_user as role')).toEqual([{ role: 'psq_app' }]);
    await expect(t.database.query("update audit_events set action = 'forged'")).rejects.toThrow();
    await expect(t.database.query('delete from audit_events')).rejects.toThrow();
  });
});
