// Test helper: a real oidc-provider on 127.0.0.1 standing in for ProConnect, so the client is
// exercised over actual HTTP (discovery, authorize, token, userinfo) rather than against mocks.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type InteractionDetails } from 'oidc-provider';

export interface OidcPeerUser {
  sub: string;
  email: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
}

export interface OidcPeerClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface OidcPeer {
  issuer: string;
  /** The next authorization request logs this user in (and consents) without any UI. */
  setNextLogin(sub: string): void;
  /** The next authorization request ends with ?error=access_denied, as when the agent cancels. */
  setNextDenial(): void;
  /** setNextLogin(sub), then drives the browser part of the flow; resolves to the callback URL. */
  login(sub: string, authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

type NextInteraction = { kind: 'login'; sub: string } | { kind: 'deny' } | undefined;

export async function startOidcPeer(options: {
  users: OidcPeerUser[];
  client: OidcPeerClient;
  /** Answer userinfo as a signed JWT (application/jwt), like the real ProConnect does. */
  signedUserinfo?: boolean;
}): Promise<OidcPeer> {
  const users = new Map(options.users.map((user) => [user.sub, user]));
  let next: NextInteraction;

  // The issuer must contain the port, so bind first and build the provider afterwards.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        ...options.client,
        token_endpoint_auth_method: 'client_secret_post',
        ...(options.signedUserinfo ? { userinfo_signed_response_alg: 'RS256' } : {}),
      },
    ],
    // Own key rather than oidc-provider's built-in development keys, which it warns about.
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: randomUUID(),
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    // ProConnect's scopes each carry the claim of the same name.
    scopes: ['openid', 'email', 'given_name', 'usual_name'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
    },
    findAccount: async (_ctx, sub) => {
      const user = users.get(sub);
      if (!user) return undefined;
      const account: Account = { accountId: sub, claims: async () => definedOnly({ ...user }) };
      return account;
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: options.signedUserinfo ?? false },
      rpInitiatedLogout: { enabled: true },
    },
    // Explicit lifetimes silence oidc-provider's "you should change this" warnings.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  });

  const providerCallback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (/^\/interaction\/[^/?]+$/.test(new URL(req.url ?? '/', issuer).pathname)) {
      interact(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(`test interaction failed: ${err instanceof Error ? err.message : String(err)}`);
      });
      return;
    }
    providerCallback(req, res);
  });

  // Plays the part of ProConnect's login and consent screens, as chosen by the test.
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const plan = next;
      next = undefined;
      if (!plan) throw new Error('call setNextLogin() or setNextDenial() before the flow');
      if (plan.kind === 'deny') {
        const denial = { error: 'access_denied', error_description: 'End-User aborted interaction' };
        return provider.interactionFinished(req, res, denial, { mergeWithLastSubmission: false });
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: plan.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === 'consent') {
      const grantId = await grantMissing(details);
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    throw new Error(`unexpected prompt ${details.prompt.name}`);
  }

  async function grantMissing(details: InteractionDetails): Promise<string> {
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const accountId = details.session?.accountId;
    if (!existing && !accountId) throw new Error('consent prompt without a logged-in session');
    const grant =
      existing ?? new provider.Grant({ accountId: accountId as string, clientId: details.params.client_id });
    const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    return grant.save();
  }

  return {
    issuer,
    setNextLogin(sub) {
      next = { kind: 'login', sub };
    },
    setNextDenial() {
      next = { kind: 'deny' };
    },
    async login(sub, authorizationUrl) {
      next = { kind: 'login', sub };
      return followToRedirectUri(authorizationUrl, options.client.redirect_uris);
    },
    async close() {
      // fetch keeps connections alive; drop them or close() waits for their idle timeout.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * Acts as the browser: follows redirects from the authorization URL with plain fetch, carrying
 * cookies by hand (fetch has no cookie jar), and stops at the first redirect to a registered
 * redirect_uri, whose URL (with code/state or error/state) it returns.
 */
export async function followToRedirectUri(startUrl: string, redirectUris: string[], maxHops = 10): Promise<URL> {
  const targets = redirectUris.map((uri) => new URL(uri));
  const cookies = new Map<string, string>();
  let url = new URL(startUrl);
  for (let hop = 0; hop < maxHops; hop++) {
    const cookieHeader = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookieHeader ? { cookie: cookieHeader } : {} });
    storeCookies(cookies, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`expected a redirect from ${url.pathname}, got ${response.status}: ${await response.text()}`);
    }
    await response.body?.cancel();
    url = new URL(location, url);
    if (targets.some((target) => target.origin === url.origin && target.pathname === url.pathname)) return url;
  }
  throw new Error(`no redirect to ${redirectUris.join(', ')} after ${maxHops} hops`);
}

// Paths and attributes are ignored: a single test host, one flow per jar.
function storeCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair, ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired =
      attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) ||
      attributes.some(
        (attribute) => /^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]) < Date.now(),
      );
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
