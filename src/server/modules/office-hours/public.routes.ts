import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicOfficeHoursContracts as c } from '../../../shared/office-hours/public.contracts.ts';
import type { ConditionalHeaders } from '../../../shared/office-hours/office-hours.schemas.ts';
import { serve } from '../../platform/http/serve.ts';
import type { OfficeHoursContext } from './office-hours-context.ts';
import type { CachedBody } from './public-cache.ts';
import { communeFeed, delegateFeed, departmentFeed, publicListing, venueFeed } from './public-feeds.ts';
import { findNearOfficeHours } from './public-listing.ts';

/**
 * Sends a cached body: calendar apps poll their subscriptions and the page revalidates, so
 * unchanged data answers 304 on its ETag.
 */
function send(
  reply: FastifyReply,
  headers: ConditionalHeaders,
  cached: CachedBody,
  cacheControl: string,
  contentHeaders: Record<string, string>,
): FastifyReply {
  reply.header('etag', cached.etag).header('cache-control', cacheControl);
  if (headers['if-none-match'] === cached.etag) return reply.code(304).send();
  return reply.headers(contentHeaders).send(cached.body);
}

const calendar = (reply: FastifyReply, headers: ConditionalHeaders, feed: CachedBody, filename: string) =>
  send(reply, headers, feed, 'public, max-age=300', {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `inline; filename="${filename}"`,
  });

/** What residents see without signing in: listings, the nearest office hour, and iCalendar feeds. */
export async function publicOfficeHoursRoutes(app: FastifyInstance, ctx: OfficeHoursContext) {
  // The listing revalidates each time (no-cache); feeds may be kept five minutes.
  serve(app, c.listing, {
    handle: async ({ query, headers, reply }) =>
      send(reply, headers, await publicListing(ctx, query), 'no-cache', {
        'content-type': 'application/json; charset=utf-8',
      }),
  });

  serve(app, c.near, {
    handle: async ({ query }) => findNearOfficeHours(ctx.database, query.lon, query.lat, ctx.pollMs),
  });

  serve(app, c.venueFeed, {
    handle: async ({ params, headers, reply }) =>
      calendar(reply, headers, await venueFeed(ctx, params.id), `permanences-${params.id}.ics`),
  });

  serve(app, c.communeFeed, {
    handle: async ({ params, headers, reply }) =>
      calendar(reply, headers, await communeFeed(ctx, params.insee), `permanences-${params.insee}.ics`),
  });

  serve(app, c.departmentFeed, {
    handle: async ({ params, headers, reply }) =>
      calendar(reply, headers, await departmentFeed(ctx, params.code), `permanences-departement-${params.code}.ics`),
  });

  serve(app, c.delegateFeed, {
    handle: async ({ params, headers, reply }) =>
      calendar(reply, headers, await delegateFeed(ctx, params.id), `permanences-delegue-${params.id}.ics`),
  });
}
