// oidc-provider ships no type definitions and @types/oidc-provider is not installed (package.json
// is out of bounds for this module), so this declares the small surface the test helper uses.
// Signatures follow node_modules/oidc-provider/lib/provider.js (v9). If @types/oidc-provider is
// ever added, delete this file: the two declarations would clash.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<AccountClaims>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    token_endpoint_auth_method?: string;
    userinfo_signed_response_alg?: string;
    [property: string]: unknown;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    jwks?: { keys: Array<Record<string, unknown>> };
    findAccount?: (ctx: unknown, sub: string, token?: unknown) => Promise<Account | undefined>;
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    pkce?: { required?: (ctx: unknown, client: unknown) => boolean };
    features?: Record<string, { enabled: boolean; [option: string]: unknown }>;
    interactions?: { url?: (ctx: unknown, interaction: { uid: string }) => Promise<string> };
    ttl?: Record<string, number>;
    cookies?: { keys?: string[] };
    [option: string]: unknown;
  }

  export interface InteractionDetails {
    uid: string;
    grantId?: string;
    params: Record<string, string | undefined> & { client_id: string };
    prompt: {
      name: string;
      details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; [key: string]: unknown };
    };
    session?: { accountId: string; uid: string };
  }

  export interface InteractionResult {
    login?: { accountId: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
