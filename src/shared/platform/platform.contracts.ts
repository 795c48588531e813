import { defineContract } from '../contract.ts';
import { LiveStream } from './live.schemas.ts';
import { Meta } from './platform.schemas.ts';

const tags = ['Plateforme'];

/** The platform's own API endpoints (the probes, metrics and the OpenAPI document stay outside contracts). */
export const platformContracts = {
  meta: defineContract({
    method: 'GET',
    path: '/api/meta',
    tags,
    summary: "Paramètres publics de l'application web",
    description:
      'Ce que l’application web lit avant sa première page : nom et version, ' +
      '`demo` (la base contient les données de démonstration : bandeau « Démo »), ' +
      '`mapTiles` (modèle d’URL des tuiles raster `MAP_TILES_URL` et son ' +
      'attribution ; `null` : les cartes montrent les contours des secteurs sur un ' +
      'fond uni) et `addressSearch` (la recherche d’adresse, `GEOCODER_URL`, est ' +
      'configurée ; sinon les pages demandent un clic sur la carte).',
    access: 'public',
    responses: { 200: Meta },
  }),
  live: defineContract({
    method: 'GET',
    path: '/api/live',
    tags,
    summary: 'Événements en direct (server-sent events) pour la personne connectée',
    description:
      'Flux `text/event-stream` sans fin (Cache-Control: no-store, no-transform ; ' +
      'X-Accel-Buffering: no) : pour chaque événement adressé à la personne, « ' +
      'event: <type> » puis « data: <json> » ; un commentaire « : maintien » ' +
      'toutes les 25 s garde le flux ouvert à travers les proxys ; « retry: 3000 » ' +
      'demande au navigateur de se reconnecter 3 s après une coupure. Les ' +
      'événements partent à la validation de la transaction qui les émet (jamais ' +
      'en cas d’annulation), quel que soit le processus (web ou worker) qui l’a ' +
      'faite ; ils ne portent que des identifiants et des états (moins de 1 500 ' +
      'octets) : le client recharge ce qu’il affiche. Un événement émis pendant ' +
      'une coupure est perdu : l’application recharge à chaque (re)connexion. ' +
      'Types : `notification.created` `{ deliveryId }` (nouvelle notification dans ' +
      'l’application), `notification.delivery-updated` `{ notificationId }` (à ' +
      'l’auteur d’un message, quand un envoi avance). Au plus 5 flux par personne ' +
      'et par processus ; au-delà : 429 « Trop de fenêtres ouvertes en direct (5 ' +
      'au plus) : fermez-en une. » avec Retry-After.',
    access: 'session',
    responses: { 200: LiveStream },
    produces: 'text/event-stream',
  }),
};
