/**
 * Client of the French national address API (Base Adresse Nationale, `api-adresse.data.gouv.fr`
 * or the Géoplateforme's compatible `/geocodage`): `GET <base>/search/?q=<text>&limit=5` answers a
 * GeoJSON FeatureCollection whose features carry `properties.label`, `citycode` (INSEE),
 * `postcode`, `score` and a Point `[lon, lat]`. The machine may be offline: the base URL is a
 * setting, and every failure of the peer (down, slow, garbled) is one typed error the routes turn
 * into a French 503.
 */

export interface GeocodedAddress {
  label: string;
  lon: number;
  lat: number;
  /** INSEE code of the commune (not the postcode). */
  citycode: string | null;
  postcode: string | null;
  score: number | null;
}

export interface Geocoder {
  search(text: string, options?: { limit?: number }): Promise<GeocodedAddress[]>;
}

/** The peer could not answer usefully: unreachable, too slow, an error status or not the expected GeoJSON. */
export class GeocoderUnavailableError extends Error {}

export const DEFAULT_GEOCODER_TIMEOUT_MS = 3000;

interface BanFeature {
  geometry?: { type?: unknown; coordinates?: unknown };
  properties?: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** One feature on the wire, or null when it lacks a label or a usable point (it is skipped, not fatal). */
function toAddress(feature: BanFeature): GeocodedAddress | null {
  const coordinates = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
  const [lon, lat] = Array.isArray(coordinates) ? coordinates : [];
  const label = text(feature.properties?.label);
  if (!label || typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return null;
  const score = feature.properties?.score;
  return {
    label,
    lon,
    lat,
    citycode: text(feature.properties?.citycode),
    postcode: text(feature.properties?.postcode),
    score: typeof score === 'number' ? score : null,
  };
}

export function createBanGeocoder(options: { baseUrl: string; timeoutMs?: number }): Geocoder {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_GEOCODER_TIMEOUT_MS;
  return {
    async search(query, { limit = 5 } = {}) {
      const url = `${base}/search/?${new URLSearchParams({ q: query, limit: String(limit) })}`;
      let response: Response;
      let body: unknown;
      try {
        // The timeout covers the body too: a peer that sends headers then stalls is as slow as a silent one.
        const signal = AbortSignal.timeout(timeoutMs);
        response = await fetch(url, { headers: { accept: 'application/json' }, signal });
        body = response.ok ? await response.json() : null;
      } catch (cause) {
        const slow = cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
        throw new GeocoderUnavailableError(
          slow ? `no answer within ${timeoutMs} ms` : `unreachable or not JSON: ${String(cause)}`,
        );
      }
      if (!response.ok) throw new GeocoderUnavailableError(`status ${response.status}`);
      const features = (body as { features?: unknown } | null)?.features;
      if (!Array.isArray(features)) throw new GeocoderUnavailableError('not a FeatureCollection');
      return features.flatMap((feature: BanFeature) => toAddress(feature) ?? []).slice(0, limit);
    },
  };
}
