import type { FastifyInstance } from 'fastify';
import { addressContracts as c } from '../../../shared/geocoding/addresses.contracts.ts';
import type { Config } from '../../platform/config.ts';
import { createBanGeocoder } from '../../platform/geo/geocoder.ts';
import { serve } from '../../platform/http/serve.ts';
import { searchAddresses } from './address-search.ts';

/** `GET /api/public/addresses?q=`: residents find their address (then its point) without an account. */
export async function addressRoutes(app: FastifyInstance, config: Config) {
  const geocoder = config.geocoderUrl
    ? createBanGeocoder({ baseUrl: config.geocoderUrl, timeoutMs: config.geocoderTimeoutMs })
    : undefined;
  const perMinute = config.addressSearchesPerMinute;

  serve(app, c.search, {
    // Counted in this process, before validation, so malformed floods are refused as cheaply: the
    // limit protects the national API's fair use (about 50 requests/s per IP), which a count of
    // each process alone does, at no query.
    rateLimit: {
      name: 'address-search',
      per: 'ip',
      limit: perMinute,
      windowSeconds: 60,
      message: `Trop de recherches d'adresse depuis votre connexion : au plus ${perMinute} par minute.`,
      retryIn: 'seconds',
      store: 'memory',
    },
    handle: async ({ query, reply }) => {
      reply.header('cache-control', 'no-store');
      return searchAddresses(geocoder, query.q);
    },
  });
}
