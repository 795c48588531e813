import { Type, type Static } from 'typebox';

/** `GET /api/meta`: what the web app needs before its first page. */
export const Meta = Type.Object({
  name: Type.String(),
  version: Type.String(),
  demo: Type.Boolean({ description: 'La base contient les données de démonstration' }),
  mapTiles: Type.Union([Type.Object({ url: Type.String(), attribution: Type.String() }), Type.Null()]),
  addressSearch: Type.Boolean({ description: 'La recherche d’adresse (GEOCODER_URL) est configurée' }),
});
export type Meta = Static<typeof Meta>;
