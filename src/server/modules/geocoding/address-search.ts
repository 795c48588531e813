import { BadRequestError, UnavailableError } from '../../platform/errors.ts';
import { GeocoderUnavailableError, type Geocoder } from '../../platform/geo/geocoder.ts';
import type { AddressSearchResults } from '../../../shared/geocoding/addresses.schemas.ts';

export const UNAVAILABLE =
  "La recherche d'adresse est indisponible pour le moment : cliquez sur la carte à l'endroit voulu.";

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
