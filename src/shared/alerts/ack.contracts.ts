import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './alerts.schemas.ts';

const tags = ['Alertes'];
const LINK =
  'Le code est celui du lien court du SMS, `$PUBLIC_URL/a/<code>` : 16 ' +
  'caractères base62, 8 aléatoires propres au destinataire et 8 de signature ' +
  '(HMAC-SHA256, clé dérivée de SECRET_KEY), si bien qu’un code deviné est ' +
  'refusé sans recherche ; autre forme : 400 ; code modifié ou inconnu : 404 « ' +
  'Lien invalide ou expiré. ». Le lien est l’accréditation : aucune session ' +
  'n’est demandée.';
const ACK =
  'La commune du destinataire n’est plus relancée (son escalade s’arrête). Une ' +
  'seconde fois : 200 avec `alreadyAcknowledged` et la date du premier accusé, ' +
  'rien ne change ; alerte close : 409. Inscrit au journal d’audit ' +
  '(alert.acknowledged, avec le moyen et le rang) ; un événement en direct ' +
  '`alert.updated` prévient l’expéditeur et les destinataires alertés dans ' +
  'l’application. `message` est une phrase à montrer telle quelle.';

/**
 * Acknowledgement by the signed link of the SMS (public: the link is the credential) or in the
 * app. Reading the link never acknowledges: SMS apps and link previewers fetch URLs on their own.
 */
export const ackContracts = {
  view: defineContract({
    method: 'GET',
    path: '/api/alerts/ack/:code',
    tags,
    summary: "L'alerte reçue par ce lien",
    description:
      `Ce que montre le lien : l’alerte (type, gravité, texte, état, messages sauf ` +
      `les relances internes), sa commune, et le seul destinataire du lien (nom, ` +
      `fonction, accusé de réception) — jamais le nom ni le numéro d’un autre. Le ` +
      `lire n’accuse jamais réception : les applications SMS et les aperçus de ` +
      `liens ouvrent les adresses d’eux-mêmes. Réponse jamais mise en cache ` +
      `(Cache-Control: no-store). ${LINK}`,
    access: 'public',
    params: s.AckParams,
    responses: { 200: s.AckView },
  }),
  acknowledgeByLink: defineContract({
    method: 'POST',
    path: '/api/alerts/ack/:code',
    tags,
    summary: 'Accuser réception par le lien du SMS',
    description: `Accuse réception pour le destinataire du lien. ${ACK} ${LINK}`,
    access: 'public',
    params: s.AckParams,
    responses: { 200: s.AckResult },
  }),
  acknowledgeInApp: defineContract({
    method: 'POST',
    path: '/api/alerts/:id/acknowledge',
    tags,
    summary: "Accuser réception dans l'application",
    description:
      `Par un destinataire de l’alerte dont le compte lié est celui de la session ` +
      `(alerté pour plusieurs communes : sa première ligne en attente) ; qui n’est ` +
      `pas destinataire, ou alerte inconnue : 404. ${ACK}`,
    access: 'session',
    params: IdParams,
    responses: { 200: s.AckResult },
  }),
};
