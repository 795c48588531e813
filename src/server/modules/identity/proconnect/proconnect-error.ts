import * as client from 'openid-client';

export type ProConnectErrorCode =
  | 'state_mismatch'
  | 'provider_error'
  | 'unverified_email'
  | 'unreachable'
  | 'invalid_response';

// Shown to the user as is, so they say what to do next without leaking protocol details;
// the technical reason travels in `detail` and `cause` for the logs.
const USER_MESSAGES: Record<ProConnectErrorCode, string> = {
  state_mismatch: 'La connexion ProConnect a expiré ou a été interrompue : recommencez depuis la page de connexion.',
  provider_error: 'La connexion ProConnect a échoué : réessayez.',
  unverified_email:
    "ProConnect n'a pas confirmé votre adresse électronique : la connexion est impossible avec ce compte.",
  unreachable: 'ProConnect est momentanément indisponible : réessayez dans quelques minutes.',
  invalid_response: 'La connexion ProConnect a échoué : réessayez.',
};

export class ProConnectError extends Error {
  readonly code: ProConnectErrorCode;
  /** English, for logs only (e.g. the provider's `error` parameter). Never shown to users. */
  readonly detail: string | undefined;

  constructor(code: ProConnectErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    super(USER_MESSAGES[code], { cause: options.cause });
    this.name = 'ProConnectError';
    this.code = code;
    this.detail = options.detail;
  }
}

/**
 * Translates whatever openid-client (or fetch underneath it) threw into a ProConnectError,
 * so callers only ever deal with one error type and one set of codes.
 */
export function toProConnectError(err: unknown): ProConnectError {
  if (err instanceof ProConnectError) return err;

  // The provider answered the authorization redirect with an error (user cancelled, ...).
  if (err instanceof client.AuthorizationResponseError) {
    return new ProConnectError('provider_error', { detail: describe(err.error, err.error_description), cause: err });
  }
  // The token or userinfo endpoint answered with an OAuth error body (invalid_grant when a
  // callback is replayed, invalid_client when the secret is wrong, ...).
  if (err instanceof client.ResponseBodyError) {
    const code = err.status >= 500 ? 'unreachable' : 'provider_error';
    return new ProConnectError(code, { detail: describe(err.error, err.error_description), cause: err });
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    return new ProConnectError('provider_error', { detail: 'userinfo rejected the access token', cause: err });
  }
  if (err instanceof client.ClientError) {
    if (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT') {
      return new ProConnectError('unreachable', { detail: err.message, cause: err });
    }
    // A 5xx without an OAuth body: the provider (or a proxy in front of it) is down.
    if (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && err.cause instanceof Response && err.cause.status >= 500) {
      return new ProConnectError('unreachable', { detail: `HTTP ${err.cause.status}`, cause: err });
    }
    return new ProConnectError('invalid_response', { detail: `${err.code ?? 'unknown'}: ${err.message}`, cause: err });
  }
  // openid-client rethrows fetch's own TypeError untouched; its argument-validation TypeErrors
  // carry a `code`, network failures (ECONNREFUSED, DNS, TLS) carry a `cause` instead.
  if (err instanceof TypeError && !('code' in err) && err.cause !== undefined) {
    return new ProConnectError('unreachable', { detail: describeCause(err.cause), cause: err });
  }
  return new ProConnectError('invalid_response', {
    detail: err instanceof Error ? err.message : String(err),
    cause: err,
  });
}

function describe(error: string | undefined, description: string | undefined): string {
  return description ? `${error}: ${description}` : (error ?? 'unknown error');
}

function describeCause(cause: unknown): string {
  if (cause && typeof cause === 'object' && 'code' in cause) return `network error ${String(cause.code)}`;
  return cause instanceof Error ? cause.message : 'network error';
}
