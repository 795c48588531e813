import { Type, type Static } from 'typebox';
import { PlainLine, StrictObject } from '../common.schemas.ts';

/** Wire contract of the public address search (national address API behind the server). */

export const AddressSearchQuery = StrictObject({
  // Plain text of one line (no markup), 3 to 200 characters: what the national API accepts.
  q: Type.String({
    minLength: 3,
    maxLength: 200,
    pattern: (PlainLine(200) as { pattern?: string }).pattern,
    description: 'Adresse saisie (3 à 200 caractères)',
  }),
});
export type AddressSearchQuery = Static<typeof AddressSearchQuery>;

export const AddressResult = Type.Object({
  label: Type.String({ description: 'Adresse normalisée, par exemple « 12 Rue de Toul 57070 Metz »' }),
  lon: Type.Number(),
  lat: Type.Number(),
  citycode: Type.Union([Type.String({ description: 'Code INSEE de la commune' }), Type.Null()]),
});
export type AddressResult = Static<typeof AddressResult>;
export const AddressSearchResults = Type.Object({ results: Type.Array(AddressResult) });
export type AddressSearchResults = Static<typeof AddressSearchResults>;
