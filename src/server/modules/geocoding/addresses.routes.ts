import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../platform/config.ts';
import { createBanGeocoder } from '../../platform/geo/geocoder.ts';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import { AddressSearchQuery, AddressSearchResults } from '../../../shared/geocoding/addresses.schemas.ts';
import { createSearchLimiter, searchAddresses } from './address-search.ts';

const tags = ['Adresses'];

/** `GET /api/public/addresses?q=`: residents find their address (then its point) without an account. */
export async function addressRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const geocoder = config.geocoderUrl
    ? createBanGeocoder({ baseUrl: config.geocoderUrl, timeoutMs: config.geocoderTimeoutMs })
    : undefined;
  const limit = createSearchLimiter(config.addressSearchesPerMinute);

  r.get(
    '/api/public/addresses',
    {
      config: { access: 'public' },
      // Counted before validation, so malformed floods are refused as cheaply.
      preValidation: async (request) => limit(request.ip),
      schema: {
        tags,
        summary: 'Rechercher une adresse (Base Adresse Nationale)',
        querystring: AddressSearchQuery,
        response: { 200: AddressSearchResults, ...ProblemResponses, 503: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return searchAddresses(geocoder, request.query.q);
    },
  );
}
