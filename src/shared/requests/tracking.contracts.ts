import { defineContract } from '../contract.ts';
import * as s from './requests.schemas.ts';

const tags = ['Demandes (public)'];
const TOKEN =
  'Le jeton du lien personnel est la seule clé (256 bits, un HMAC de ' +
  'l’identifiant de la demande ; la base n’en garde que l’empreinte SHA-256). ' +
  'Un jeton inconnu, mal formé ou celui d’une demande anonymisée : 404 « Lien ' +
  'de suivi invalide ou expiré. », compté pour l’adresse source ; au-delà de ' +
  '`REQUEST_TRACK_FAILURES_PER_IP` échecs par `REQUESTS_WINDOW_MINUTES`, 429 ' +
  'avant toute recherche (les jetons ne peuvent pas être énumérés). Réponse ' +
  '`Cache-Control: no-store`.';

/** The resident's private tracking link: the token is the credential. */
export const trackingContracts = {
  track: defineContract({
    method: 'GET',
    path: '/api/requests/track/:token',
    tags,
    summary: 'Suivre sa demande (lien personnel)',
    description:
      `L’état, les dates et l’historique que le demandeur peut voir : les ` +
      `changements d’état, les réponses, ses propres messages, le motif d’un ` +
      `classement ou d’une transmission ; jamais les notes internes ni le nom des ` +
      `agents. \`canReply\` : la demande n’est pas close. ${TOKEN}`,
    access: 'public',
    params: s.TrackParams,
    responses: { 200: s.TrackView },
  }),
  reply: defineContract({
    method: 'POST',
    path: '/api/requests/track/:token/replies',
    tags,
    summary: 'Répondre depuis le lien de suivi',
    description:
      `\`{ text }\` (1 à 5 000 caractères ; vide une fois les espaces retirés : ` +
      `400) : un message du demandeur, ajouté à l’historique de la demande ; une ` +
      `demande close n’en prend plus (409 : pour un fait nouveau, une nouvelle ` +
      `demande). Au plus \`REQUEST_REPLIES_PER_IP\` messages par adresse source et ` +
      `\`REQUESTS_WINDOW_MINUTES\` (429 avec \`Retry-After\` au-delà) ; un message ` +
      `refusé ne compte pas. 201 avec la vue de suivi à jour. Audit ` +
      `\`request.reply\`. ${TOKEN}`,
    access: 'public',
    params: s.TrackParams,
    body: s.TrackReply,
    responses: { 201: s.TrackView },
  }),
};
