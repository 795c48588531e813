import { BadRequestError, TooManyRequestsError, UnavailableError } from '../../platform/errors.ts';
import { GeocoderUnavailableError, type Geocoder } from '../../platform/geo/geocoder.ts';
import type { AddressSearchResults } from '../../../shared/geocoding/addresses.schemas.ts';

export const UNAVAILABLE =
  "La recherche d'adresse est indisponible pour le moment : cliquez sur la carte à l'endroit voulu.";

/**
 * Searches per source address in fixed one-minute windows, kept in this process's memory: the
 * endpoint only protects the national API's fair use (about 50 requests/s per IP), so a limit that
 * each process counts alone is enough and costs no query.
 */
export function createSearchLimiter(perMinute: number, now = () => Date.now()) {
  const windows = new Map<string, { started: number; hits: number }>();
  return (source: string): void => {
    const time = now();
    // Forget finished windows once the map grows, so a scan of many addresses cannot fill memory.
    if (windows.size > 10_000) for (const [key, w] of windows) if (time - w.started >= 60_000) windows.delete(key);
    const current = windows.get(source);
    const window = current && time - current.started < 60_000 ? current : { started: time, hits: 0 };
    window.hits += 1;
    windows.set(source, window);
    if (window.hits > perMinute) {
      const retry = Math.max(1, Math.ceil((window.started + 60_000 - time) / 1000));
      throw new TooManyRequestsError(
        `Trop de recherches d'adresse depuis votre connexion : au plus ${perMinute} par minute. Réessayez dans ${retry} secondes.`,
        retry,
      );
    }
  };
}

/** The addresses matching a typed text; a missing or failing geocoder is a French 503, never a 500. */
export async function searchAddresses(geocoder: Geocoder | undefined, text: string): Promise<AddressSearchResults> {
  if (!geocoder) throw new UnavailableError(UNAVAILABLE);
  const q = text.trim();
  // The national API refuses the same (400); saying it here gives the resident the reason.
  if (q.length < 3 || !/^[\p{L}\p{N}]/u.test(q))
    throw new BadRequestError(
      'Saisissez au moins 3 caractères, en commençant par un numéro ou un mot (par exemple « 12 rue de Toul, Metz »).',
      [{ pointer: '/q', message: 'Adresse trop courte ou mal formée.' }],
    );
  try {
    const found = await geocoder.search(q, { limit: 5 });
    return { results: found.map(({ label, lon, lat, citycode }) => ({ label, lon, lat, citycode })) };
  } catch (error) {
    if (error instanceof GeocoderUnavailableError) throw new UnavailableError(UNAVAILABLE);
    throw error;
  }
}
