import type { AddressSearchResults } from '../../shared/geocoding/addresses.schemas.ts';
import { query, request } from './http.ts';

/** Public address search (national address API behind the server; 503 when not configured). */
export const addressesApi = {
  search: (q: string, signal?: AbortSignal) =>
    request<AddressSearchResults>(`/api/public/addresses${query({ q })}`, { signal }).then((r) => r.results),
};
