import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * react-dsfr writes `<style>:root { color-scheme: light|dark; }</style>` at start-up: these are
 * the hashes of its two variants, so the style is allowed without 'unsafe-inline'.
 */
const DSFR_STYLE_HASHES = [
  "'sha256-HzhUjVBe6Oi2wcxUM7bmy2Rp9VdLMHYDdYr9MalNmOY='",
  "'sha256-xVQ4mcypV0CvOtZpQgVcKpcoNvdUkR9BrwZBrtBbU+w='",
];

export function contentSecurityPolicy(config: Config): string {
  const tiles = config.mapTilesUrl ? ` ${new URL(config.mapTilesUrl.replace(/\{[a-z]\}/g, 'a')).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${DSFR_STYLE_HASHES.join(' ')}`,
    `img-src 'self' data:${tiles}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Headers on every response; the CSP on HTML pages (the API docs viewer sets its own). */
export function installSecurityHeaders(app: FastifyInstance, config: Config) {
  const csp = contentSecurityPolicy(config);
  const https = config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Invitation links carry their token in the path: never send it to another site.
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (https) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/api/docs'))
      reply.header('content-security-policy', csp);
    // Answers that depend on who asks must never sit in a shared or browser cache.
    if (request.authentication || request.url.startsWith('/api/auth/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
