import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProConnect, ProConnectError, type ProConnect, type ProConnectConfig } from './proconnect-client.ts';
import { followToRedirectUri, startOidcPeer, type OidcPeer } from '../../../test/peers/oidc-peer.ts';

const CLIENT = {
  client_id: 'psq-test',
  client_secret: 'psq-test-secret-long-enough-for-hs256-000000',
  redirect_uris: ['http://127.0.0.1:5999/auth/proconnect/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:5999/'],
};

const USERS = [
  {
    sub: 'agent-1',
    email: 'Camille.Martin@Interieur.Gouv.FR',
    email_verified: true,
    given_name: 'Camille',
    usual_name: 'Martin',
  },
  { sub: 'agent-unverified', email: 'douteux@example.gouv.fr', email_verified: false },
  { sub: 'agent-no-claim', email: 'sans.claim@example.gouv.fr' },
];

function configFor(provider: OidcPeer, extra: Partial<ProConnectConfig> = {}): ProConnectConfig {
  return {
    issuer: provider.issuer,
    clientId: CLIENT.client_id,
    clientSecret: CLIENT.client_secret,
    redirectUri: CLIENT.redirect_uris[0],
    allowInsecureHttp: true,
    ...extra,
  };
}

async function expectProConnectError(
  promise: Promise<unknown>,
  code: ProConnectError['code'],
): Promise<ProConnectError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ProConnectError);
  expect((error as ProConnectError).code).toBe(code);
  return error as ProConnectError;
}

describe('ProConnect client against a local oidc-provider (JSON userinfo)', () => {
  let provider: OidcPeer;
  let proconnect: ProConnect;

  beforeAll(async () => {
    provider = await startOidcPeer({ users: USERS, client: CLIENT });
    proconnect = await createProConnect(configFor(provider));
  });
  afterAll(() => provider.close());

  it('runs the code flow with PKCE and returns the verified, lower-cased identity', async () => {
    const login = await proconnect.startLogin();
    const authorizeUrl = new URL(login.url);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('scope')).toBe('openid email given_name usual_name');
    expect(login.state.length).toBeGreaterThanOrEqual(32); // ProConnect's documented minimum
    expect(login.nonce.length).toBeGreaterThanOrEqual(32);

    const callback = await provider.login('agent-1', login.url);
    const identity = await proconnect.finishLogin(callback, login);

    expect(identity).toMatchObject({
      subject: 'agent-1',
      email: 'camille.martin@interieur.gouv.fr',
      emailVerified: true,
      givenName: 'Camille',
      familyName: 'Martin',
    });
    expect(identity.idToken.split('.')).toHaveLength(3);

    const logout = new URL(
      proconnect.logoutUrl(identity.idToken, CLIENT.post_logout_redirect_uris[0], 'logout-state') ?? '',
    );
    expect(logout.searchParams.get('id_token_hint')).toBe(identity.idToken);
    expect(logout.searchParams.get('state')).toBe('logout-state');
  });

  it('refuses a callback whose state was tampered with', async () => {
    const login = await proconnect.startLogin();
    const callback = await provider.login('agent-1', login.url);
    callback.searchParams.set('state', 'x'.repeat(43));
    await expectProConnectError(proconnect.finishLogin(callback, login), 'state_mismatch');
  });

  it('reports the provider refusal (error=access_denied) as provider_error', async () => {
    const login = await proconnect.startLogin();
    provider.setNextDenial();
    const callback = await followToRedirectUri(login.url, CLIENT.redirect_uris);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const error = await expectProConnectError(proconnect.finishLogin(callback, login), 'provider_error');
    expect(error.message).toBe('La connexion ProConnect a échoué : réessayez.');
    expect(error.detail).toContain('access_denied');
  });

  it('refuses an account whose e-mail is explicitly unverified', async () => {
    const login = await proconnect.startLogin();
    const callback = await provider.login('agent-unverified', login.url);
    await expectProConnectError(proconnect.finishLogin(callback, login), 'unverified_email');
  });

  it('treats a missing email_verified claim as unverified unless configured otherwise', async () => {
    const strictLogin = await proconnect.startLogin();
    const strictCallback = await provider.login('agent-no-claim', strictLogin.url);
    await expectProConnectError(proconnect.finishLogin(strictCallback, strictLogin), 'unverified_email');

    const trusting = await createProConnect(configFor(provider, { trustEmailWithoutVerifiedClaim: true }));
    const login = await trusting.startLogin();
    const callback = await provider.login('agent-no-claim', login.url);
    expect((await trusting.finishLogin(callback, login)).email).toBe('sans.claim@example.gouv.fr');
  });

  it('is refused by the provider when the PKCE verifier does not match', async () => {
    const login = await proconnect.startLogin();
    const callback = await provider.login('agent-1', login.url);
    const other = await proconnect.startLogin();
    await expectProConnectError(
      proconnect.finishLogin(callback, { ...login, codeVerifier: other.codeVerifier }),
      'provider_error',
    );
  });

  it('refuses a replayed callback (code already used)', async () => {
    const login = await proconnect.startLogin();
    const callback = await provider.login('agent-1', login.url);
    await proconnect.finishLogin(callback, login);
    await expectProConnectError(proconnect.finishLogin(callback, login), 'provider_error');
  });
});

describe('ProConnect client against a local oidc-provider (signed userinfo, as ProConnect)', () => {
  it('reads the identity from a JWT userinfo response', async () => {
    const provider = await startOidcPeer({ users: USERS, client: CLIENT, signedUserinfo: true });
    try {
      const proconnect = await createProConnect(configFor(provider));
      const login = await proconnect.startLogin();
      const callback = await provider.login('agent-1', login.url);
      expect(await proconnect.finishLogin(callback, login)).toMatchObject({
        email: 'camille.martin@interieur.gouv.fr',
        familyName: 'Martin',
      });
    } finally {
      await provider.close();
    }
  });
});

describe('ProConnect client when the provider is unreachable', () => {
  it('fails at creation with unreachable when nothing listens on the issuer port', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const error = await expectProConnectError(
      createProConnect({ ...configFor({ issuer: `http://127.0.0.1:${port}` } as OidcPeer) }),
      'unreachable',
    );
    expect(error.message).toMatch(/indisponible/);
  });

  it('fails with unreachable when the provider goes away between redirect and callback', async () => {
    const provider = await startOidcPeer({ users: USERS, client: CLIENT });
    const proconnect = await createProConnect(configFor(provider));
    const login = await proconnect.startLogin();
    const callback = await provider.login('agent-1', login.url);
    await provider.close();
    await expectProConnectError(proconnect.finishLogin(callback, login), 'unreachable');
  });

  it('refuses allowInsecureHttp for a non-loopback issuer', async () => {
    await expect(
      createProConnect({ ...configFor({ issuer: 'http://proconnect.example' } as OidcPeer) }),
    ).rejects.toThrow(/loopback/);
  });
});
