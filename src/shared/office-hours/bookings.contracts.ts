import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './bookings.schemas.ts';

const tags = ['Permanences (rendez-vous)'];
const CODE =
  'Le code du lien personnel (`<PUBLIC_URL>/permanences/annulation/<code>`, ' +
  'envoyé à la réservation) est la seule preuve demandée : signé (HMAC), un ' +
  'code deviné ou mal recopié répond 404 (« Réservation introuvable : vérifiez ' +
  'le lien reçu. ») avant toute recherche ; seule son empreinte SHA-256 est ' +
  'gardée. Le résumé ne montre aucune coordonnée. Réponse `Cache-Control: ' +
  'no-store`.';

/** Residents book, look at and cancel a slot without an account (the cancel code is the credential); delegates list them. */
export const bookingContracts = {
  slots: defineContract({
    method: 'GET',
    path: '/api/public/office-hours/schedules/:id/slots',
    tags,
    summary: "Créneaux libres d'une permanence",
    description:
      'Les créneaux libres (de `slotMinutes` minutes, dans les heures de la ' +
      'permanence, pas encore commencés, sans réservation en cours) de la ' +
      'permanence d’un calendrier à une date, avec son `title`, `venueName` et ' +
      '`venueAddress`. Calendrier inconnu, ou pas de permanence ce jour-là : 404 ; ' +
      'calendrier sans réservation en ligne : 422 ; permanence annulée : 409 (avec ' +
      'son motif) ; permanence passée : 422 ; date inexistante : 400. Réponse ' +
      '`Cache-Control: no-store`.',
    access: 'public',
    params: IdParams,
    query: s.SlotsQuery,
    responses: { 200: s.OccurrenceSlots },
  }),
  book: defineContract({
    method: 'POST',
    path: '/api/public/office-hours/bookings',
    tags,
    summary: 'Réserver un créneau (ou signaler sa venue)',
    description:
      '`scheduleId`, `date`, `slot` (« HH:MM », le début d’un créneau libre ; ' +
      '`null` pour signaler seulement sa venue), `name`, `email` et/ou `phone` (au ' +
      'moins l’un des deux, 400 sinon ; le téléphone est vérifié et normalisé). ' +
      '201 avec le résumé de la réservation et son lien d’annulation ' +
      '`<PUBLIC_URL>/permanences/annulation/<code>`. Un créneau inexistant ou ' +
      'passé : 400 ; un créneau déjà pris (y compris quand deux personnes le ' +
      'prennent au même instant : un index unique partiel tranche) : 409 ; une ' +
      'permanence annulée : 409 ; passée, ou un calendrier sans réservation : 422 ' +
      '; pas de permanence ce jour-là : 404. La confirmation part par e-mail et/ou ' +
      'SMS (notification de type office-hours.booking, avec le lien d’annulation) ' +
      'dans la même transaction que la réservation, et un rappel la veille. Limite ' +
      'par adresse source : `OFFICE_HOUR_BOOKINGS_PER_IP` réservations (5 par ' +
      'défaut) par fenêtre fixe de `OFFICE_HOUR_BOOKINGS_WINDOW_MINUTES` minutes ' +
      '(60 par défaut) à partir de la première réservation comptée ; une adresse ' +
      'déjà à sa limite est refusée avant la validation (429, « Trop de ' +
      'réservations depuis votre connexion : au plus 5 toutes les 60 minutes. ' +
      'Réessayez dans … minute(s). » avec les valeurs de la configuration, et ' +
      '`Retry-After` en secondes). Seules les réservations faites comptent, dans ' +
      'leur propre transaction : des demandes simultanées ne passent pas ensemble, ' +
      'et une réservation refusée ou qui échoue (créneau pris) ne compte pas. ' +
      'Audit office-hours.booking.created. Réponse `Cache-Control: no-store`.',
    access: 'public',
    body: s.BookingCreate,
    responses: { 201: s.BookingReceipt },
  }),
  show: defineContract({
    method: 'GET',
    path: '/api/public/office-hours/bookings/:code',
    tags,
    summary: 'Voir sa réservation (lien personnel)',
    description: `Le résumé de la réservation : permanence, lieu, date, créneau, état. ${CODE}`,
    access: 'public',
    params: s.BookingCodeParams,
    responses: { 200: s.BookingSummary },
  }),
  cancel: defineContract({
    method: 'POST',
    path: '/api/public/office-hours/bookings/:code/cancel',
    tags,
    summary: 'Annuler sa réservation (lien personnel)',
    description:
      `Annule la réservation et libère son créneau ; annuler deux fois répond la ` +
      `même chose (le lien peut être rouvert). ${CODE} Audit ` +
      `office-hours.booking.cancelled (à la première annulation).`,
    access: 'public',
    params: s.BookingCodeParams,
    responses: { 200: s.BookingSummary },
  }),
  listForDelegate: defineContract({
    method: 'GET',
    path: '/api/office-hours/schedules/:id/bookings',
    tags,
    summary: "Réservations d'une permanence (données personnelles, lecture tracée)",
    description:
      'Les réservations (en cours et annulées) de la permanence d’un calendrier à ' +
      'une date, par créneau puis par ordre d’arrivée, avec le nom et les ' +
      'coordonnées des personnes. Pour les délégués et administrateurs du ' +
      'territoire du lieu (404 ailleurs, comme un calendrier inconnu). Chaque ' +
      'lecture est inscrite au journal d’audit (office-hours.bookings.read, avec ' +
      'la date et le nombre de réservations).',
    access: { permission: 'office-hours.manage' },
    params: IdParams,
    query: s.SlotsQuery,
    responses: { 200: s.DelegateBookingList },
  }),
};
