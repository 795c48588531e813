import * as client from 'openid-client';
import { ProConnectError, toProConnectError } from './proconnect-error.ts';

export { ProConnectError, type ProConnectErrorCode } from './proconnect-error.ts';

export interface ProConnectConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Defaults to the scopes PSQ needs to match an account by e-mail and greet the agent. */
  scope?: string;
  /** Accept an e-mail whose `email_verified` claim is absent (never one that is `false`). */
  trustEmailWithoutVerifiedClaim?: boolean;
  /** Tests only: lets the client talk to an http://127.0.0.1 issuer. Refused for other hosts. */
  allowInsecureHttp?: boolean;
}

/** What the caller must keep server-side (session) between startLogin and finishLogin. */
export interface ProConnectLogin {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProConnectIdentity {
  subject: string;
  /** Lower-cased. */
  email: string;
  emailVerified: boolean;
  givenName?: string;
  familyName?: string;
  /** Kept for RP-initiated logout (id_token_hint). */
  idToken: string;
}

export interface ProConnect {
  startLogin(): Promise<ProConnectLogin>;
  finishLogin(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<ProConnectIdentity>;
  /**
   * undefined when the provider advertises no end_session_endpoint. ProConnect requires a
   * `state` and sends it back to postLogoutRedirectUri: pass one kept in session to check it.
   */
  logoutUrl(idToken: string, postLogoutRedirectUri: string, state?: string): string | undefined;
}

const DEFAULT_SCOPE = 'openid email given_name usual_name';
// openid-client's default is 30 s; a user staring at a blank page should get an answer sooner.
const HTTP_TIMEOUT_SECONDS = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Discovers the provider (throws ProConnectError 'unreachable' if it cannot be reached) and
 * returns the three steps of the authorization code flow with PKCE, state and nonce.
 */
export async function createProConnect(config: ProConnectConfig): Promise<ProConnect> {
  const issuer = new URL(config.issuer);
  const redirectUri = new URL(config.redirectUri);
  if (config.allowInsecureHttp && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    // A leftover test flag must not silently downgrade a real deployment to plain HTTP.
    throw new Error(`allowInsecureHttp is reserved to loopback issuers, got ${issuer.host}`);
  }
  const scope = config.scope ?? DEFAULT_SCOPE;

  let oidc: client.Configuration;
  try {
    oidc = await client.discovery(
      issuer,
      config.clientId,
      { client_secret: config.clientSecret, redirect_uris: [redirectUri.href] },
      // Explicit rather than the library default: ProConnect's documented token request
      // carries client_id and client_secret in the form body.
      client.ClientSecretPost(config.clientSecret),
      {
        timeout: HTTP_TIMEOUT_SECONDS,
        execute: config.allowInsecureHttp ? [client.allowInsecureRequests] : [],
      },
    );
  } catch (err) {
    throw toProConnectError(err);
  }

  return {
    async startLogin() {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUri.href,
        scope,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    async finishLogin(callbackUrl, expected) {
      // State first, before even looking at `error`: a callback we did not initiate (CSRF,
      // stale tab, replay) must be rejected as such, whatever else it carries.
      if (callbackUrl.searchParams.get('state') !== expected.state) {
        throw new ProConnectError('state_mismatch', { detail: 'callback state differs from the session' });
      }
      // openid-client sends the callback URL, stripped of its query, as the token request's
      // redirect_uri. Behind a reverse proxy the URL rebuilt from the request may differ from the
      // registered one (http vs https, host), so graft the parameters onto the registered URI.
      const responseUrl = new URL(redirectUri.href);
      responseUrl.search = callbackUrl.search;

      try {
        const tokens = await client.authorizationCodeGrant(oidc, responseUrl, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        });
        const idTokenClaims = tokens.claims();
        if (!idTokenClaims || !tokens.id_token) {
          throw new ProConnectError('invalid_response', { detail: 'no ID token in the token response' });
        }
        // ProConnect puts the agent's attributes in userinfo (often as a signed JWT), not in
        // the ID token; openid-client parses both forms and checks `sub` matches the ID token.
        // JWT signatures are not re-verified: these responses come straight from ProConnect over
        // TLS, which authenticates it (see openid-client's enableNonRepudiationChecks if needed).
        const userinfo = await client.fetchUserInfo(oidc, tokens.access_token, idTokenClaims.sub);
        return toIdentity(idTokenClaims.sub, userinfo, tokens.id_token, config.trustEmailWithoutVerifiedClaim ?? false);
      } catch (err) {
        throw toProConnectError(err);
      }
    },

    logoutUrl(idToken, postLogoutRedirectUri, state = client.randomState()) {
      if (!oidc.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(oidc, {
        id_token_hint: idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
        state,
      }).href;
    },
  };
}

function toIdentity(
  subject: string,
  userinfo: client.UserInfoResponse,
  idToken: string,
  trustEmailWithoutVerifiedClaim: boolean,
): ProConnectIdentity {
  const rawEmail = userinfo.email;
  if (typeof rawEmail !== 'string' || !rawEmail.includes('@')) {
    throw new ProConnectError('invalid_response', { detail: 'userinfo has no usable email claim' });
  }
  // Only a literal `true` counts; a missing claim is trusted on explicit opt-in only, and
  // anything else ("false", "true" as a string, null) is treated as unverified.
  const claim = userinfo.email_verified;
  const emailVerified = claim === true || (claim === undefined && trustEmailWithoutVerifiedClaim);
  if (!emailVerified) {
    throw new ProConnectError('unverified_email', { detail: `email_verified=${JSON.stringify(claim)}` });
  }
  return {
    subject,
    email: rawEmail.trim().toLowerCase(),
    emailVerified,
    givenName: optionalString(userinfo.given_name),
    // ProConnect's claim is `usual_name` (nom d'usage); keep `family_name` as a fallback.
    familyName: optionalString(userinfo.usual_name) ?? optionalString(userinfo.family_name),
    idToken,
  };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
