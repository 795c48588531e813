import { Type } from 'typebox';
import { defineContract } from '../contract.ts';
import * as s from './addresses.schemas.ts';

/** Residents find their address (then its point) without an account. */
export const addressContracts = {
  search: defineContract({
    method: 'GET',
    path: '/api/public/addresses',
    tags: ['Adresses'],
    summary: 'Rechercher une adresse (Base Adresse Nationale)',
    description:
      'Public, sans compte. Les adresses qui correspondent au texte saisi, ' +
      'trouvées par l’API nationale d’adresses (Base Adresse Nationale, ' +
      '`GEOCODER_URL`, appelée en `<GEOCODER_URL>/search/?q=&limit=5`) : `{ ' +
      'results: [{ label, lon, lat, citycode }] }`, 5 au plus, `citycode` étant le ' +
      'code INSEE de la commune (pas le code postal) ; réponse `Cache-Control: ' +
      'no-store`. `q` : 3 à 200 caractères de texte brut sur une ligne, commençant ' +
      'par une lettre ou un chiffre, sinon 400 en français avant que l’API soit ' +
      'appelée. Sans `GEOCODER_URL`, l’API en panne ou plus lente que ' +
      '`GEOCODER_TIMEOUT_MS` (3 s par défaut) : 503 problem+json « La recherche ' +
      "d'adresse est indisponible pour le moment : cliquez sur la carte à " +
      "l'endroit voulu. », jamais une 500. Au plus `ADDRESS_SEARCHES_PER_MINUTE` " +
      'recherches (30 par défaut) par adresse source et par minute, comptées dans ' +
      'la mémoire de chaque processus (la limite protège l’usage raisonnable de ' +
      'l’API nationale) et avant la validation : au-delà, 429 « Trop de recherches ' +
      "d'adresse depuis votre connexion : au plus N par minute. Réessayez dans S " +
      'secondes. » avec Retry-After.',
    access: 'public',
    query: s.AddressSearchQuery,
    responses: { 200: s.AddressSearchResults, 503: Type.Ref('Problem') },
  }),
};
