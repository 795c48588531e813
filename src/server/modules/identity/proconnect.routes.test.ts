import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proconnectContracts } from '../../../shared/identity/auth.contracts.ts';
import { listDeclaredRoutes } from '../../platform/access/access.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeTerritory } from '../territory/territory.factories.ts';
import { makeUser } from './identity.factories.ts';
import { startOidcPeer, type OidcPeer } from '../../test/peers/oidc-peer.ts';

const PUBLIC_URL = 'http://localhost:3999';
let provider: OidcPeer;
let t: TestApp;
beforeAll(async () => {
  provider = await startOidcPeer({
    users: [
      {
        sub: 'agent-1',
        email: 'Agent.ProConnect@Interieur.gouv.fr',
        email_verified: true,
        given_name: 'Camille',
        usual_name: 'Martin',
      },
      { sub: 'stranger', email: 'inconnu@interieur.gouv.fr', email_verified: true },
    ],
    client: {
      client_id: 'psq',
      client_secret: 'psq-secret-for-tests',
      redirect_uris: [`${PUBLIC_URL}/api/auth/proconnect/callback`],
    },
  });
  t = await createTestApp({
    env: {
      PUBLIC_URL,
      PROCONNECT_ISSUER: provider.issuer,
      PROCONNECT_CLIENT_ID: 'psq',
      PROCONNECT_CLIENT_SECRET: 'psq-secret-for-tests',
    },
  });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** Drives the whole redirect dance: PSQ → provider (auto-login) → PSQ's callback. */
async function signInThroughProConnect(sub: string) {
  const start = await t.app.inject({ method: 'GET', url: '/api/auth/proconnect/start' });
  expect(start.statusCode).toBe(302);
  const flow = start.cookies.find((c) => c.name === 'psq_oidc')!;
  const callback = await provider.login(sub, start.headers.location as string);
  return t.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: `psq_oidc=${flow.value}` },
  });
}

describe('ProConnect sign-in', () => {
  it('registers its two routes from their contracts', () => {
    const routes = listDeclaredRoutes(t.app).filter((route) => route.url.includes('/proconnect/'));
    expect(routes.map((route) => route.contract)).toEqual([proconnectContracts.start, proconnectContracts.callback]);
  });

  it('is announced by /api/auth/providers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({ proconnect: true });
  });

  it('signs in the account whose verified e-mail matches, then asks for the second factor', async () => {
    const { department } = await makeTerritory(t.database, { lon: 5, lat: 45 });
    await makeUser(t.database, {
      email: 'agent.proconnect@interieur.gouv.fr',
      roles: [{ role: 'admin', scopeType: 'department', scopeId: department.id }],
    });
    const response = await signInThroughProConnect('agent-1');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/connexion/activation-mfa');
    const session = response.cookies.find((c) => c.name === '__Host-psq_session')!;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${session.name}=${session.value}` },
    });
    expect(me.json()).toMatchObject({ user: { email: 'agent.proconnect@interieur.gouv.fr' }, mfa: 'enrol' });
  });

  it(
    'refuses an unknown e-mail and a callback without its flow cookie, with a ' + 'message for the sign-in page',
    async () => {
      const unknown = await signInThroughProConnect('stranger');
      expect(unknown.headers.location).toBe('/connexion?erreur=compte-inconnu');
      expect(unknown.cookies.find((c) => c.name === '__Host-psq_session')).toBeUndefined();
      const forged = await t.app.inject({ method: 'GET', url: '/api/auth/proconnect/callback?code=abc&state=def' });
      expect(forged.headers.location).toBe('/connexion?erreur=proconnect-session');
    },
  );
});
