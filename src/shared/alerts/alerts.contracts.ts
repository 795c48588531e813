import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './alerts.schemas.ts';

const tags = ['Alertes'];
const SEND = { permission: 'alerts.send' } as const;
const READ = { permission: 'alerts.read' } as const;
const DRAFT =
  'Le brouillon nomme ses communes (`municipalityIds`, 1 à 50) ou un point sur ' +
  'la carte (`point`, résolu en la commune qui le couvre : aucune, 404), pas ' +
  'les deux ni aucun des deux (400) ; texte non vide après retrait des ' +
  'espaces, 320 caractères au plus. L’appelant doit pouvoir alerter chacune ' +
  'des communes (un référent affecté à un secteur alerte la commune de ce ' +
  'secteur) : une commune inconnue ou hors de son territoire répond 404.';
const WHOM =
  'Sont alertés, dans chaque commune, ses contacts actifs du plus petit rang ' +
  'où quelqu’un est joignable à cette heure (heure de Paris) : rang 1 quand ' +
  'c’est possible, le suivant sinon.';
const MANAGED =
  'Réservé à qui peut alerter chacune des communes de l’alerte (permission ' +
  '`alerts.send`) : sinon, ou alerte inconnue, 404.';
const FOLLOW =
  'Renvoie l’alerte telle que son expéditeur la suit ; un événement en direct ' +
  '`alert.updated` (`{ alertId }`) prévient l’expéditeur et les destinataires ' +
  'alertés dans l’application.';

/** Sending, following and closing operational alerts to mayors (police referents, gendarmes, administrators; mayors read). */
export const alertContracts = {
  communes: defineContract({
    method: 'GET',
    path: '/api/alerts/communes',
    tags,
    summary: 'Communes que je peux alerter (ou celle d’un point)',
    description:
      'Avec `lon` et `lat` : la commune de ce point, si l’appelant peut l’alerter ' +
      '(sinon, ou point hors de toute commune : 404 « Aucune commune de votre ' +
      'territoire ne couvre ce point. ») ; l’un sans l’autre : 400. Sans point : ' +
      'les communes que l’appelant peut alerter (celles de son territoire ; pour ' +
      'un référent affecté à un secteur, la commune de ce secteur), filtrées par ' +
      'nom avec `q`, 200 au plus. Pour chacune : le nombre de contacts actifs et ' +
      'de contacts joignables maintenant.',
    access: SEND,
    query: s.AlertCommuneQuery,
    responses: { 200: s.AlertCommuneList },
  }),
  preview: defineContract({
    method: 'POST',
    path: '/api/alerts/preview',
    tags,
    summary: 'Qui recevrait l’alerte maintenant, et son coût',
    description:
      `Rien n’est envoyé ni enregistré. ${WHOM} Par commune : ces destinataires ` +
      `(nom, fonction, mobile, rang, alerté aussi dans l’application s’il a un ` +
      `compte lié) et une phrase d’avertissement quand personne n’y serait alerté ` +
      `maintenant (aucun contact actif, ou personne de joignable à cette heure) ; ` +
      `la liste de ces avertissements (vide : rien à confirmer). Le SMS : un ` +
      `exemple du texte envoyé (avec un lien de la longueur réelle), son encodage ` +
      `(GSM-7, ou UCS-2 imposé par des caractères comme ê ou ç, listés pour qu’on ` +
      `les remplace), ses caractères, ses segments et leur taille, le nombre de ` +
      `destinataires et le coût estimé (ALERT_SMS_COST_EUR par segment et par ` +
      `destinataire). ${DRAFT}`,
    access: SEND,
    body: s.AlertPreviewRequest,
    responses: { 200: s.AlertPreview },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/alerts',
    tags,
    summary: 'Envoyer une alerte aux maires',
    description:
      `Type, gravité, texte et communes (ou point) de l’alerte ; ` +
      `\`escalationDelayMinutes\` (1 à 1440, par défaut ALERT_ESCALATION_MINUTES) ` +
      `: minutes sans accusé de réception avant que le rang suivant d’une commune ` +
      `soit alerté. ${DRAFT} ${WHOM} Quand personne ne serait alerté dans une ` +
      `commune : 422, sauf avec \`confirmNoContact: true\` (l’alerte est alors ` +
      `enregistrée et l’escalade réessaie après le délai). Une seule transaction ` +
      `écrit l’alerte, ses communes, ses destinataires, son message initial, une ` +
      `notification par destinataire (SMS toujours, et dans l’application quand le ` +
      `contact a un compte lié ; chaque texte porte le lien d’accusé de réception ` +
      `propre à son destinataire, \`$PUBLIC_URL/a/<code>\`), les événements ` +
      `d’audit (alert.created, alert.recipient.added ; jamais les numéros ni les ` +
      `textes) et l’événement en direct. Limite par compte : au plus ` +
      `ALERTS_PER_MINUTE alertes (20 par défaut) créées sur 60 secondes ` +
      `glissantes, comptées dans la base sur les alertes du compte — avant tout ` +
      `autre travail, puis à nouveau sous un verrou par compte dans la transaction ` +
      `—, de sorte qu’elle tient entre processus et face aux requêtes simultanées ` +
      `; une requête refusée n’écrit rien et ne compte pas ; au-delà, 429 « Trop ` +
      `d'alertes envoyées… » avec Retry-After (les secondes avant que la plus ` +
      `ancienne alerte de la minute en sorte). ${FOLLOW}`,
    access: SEND,
    body: s.AlertCreate,
    responses: { 201: s.AlertDetail },
  }),
  list: defineContract({
    method: 'GET',
    path: '/api/alerts',
    tags,
    summary: 'Alertes de mon territoire',
    description:
      'Les alertes qui concernent une commune du territoire de l’appelant, et ' +
      'celles qu’il a envoyées, les plus récentes d’abord (200 au plus), filtrées ' +
      'par état (`open`, `closed`) si on le demande. Pour chacune : type, gravité, ' +
      'texte, état, communes, nombre de destinataires et d’accusés de réception, ' +
      'et `mine` (envoyée par l’appelant).',
    access: READ,
    query: s.AlertListQuery,
    responses: { 200: s.AlertList },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/alerts/:id',
    tags,
    summary: 'Une alerte et le suivi de chaque destinataire',
    description:
      'L’alerte, ses communes (rang atteint, prochaine relance, accusé de ' +
      'réception) et ses messages (initial, mises à jour, relances, fin). Par ' +
      'destinataire : nom, fonction, rang, alerté à, état du SMS (en file, en ' +
      'cours d’envoi, envoyé, remis, échec et sa raison), remis à, lu dans ' +
      'l’application, accusé de réception (quand, par le lien ou dans ' +
      'l’application). L’appelant ne voit les destinataires que des communes qu’il ' +
      'couvre (et sa propre ligne s’il est alerté), leur mobile seulement là où il ' +
      'peut envoyer des alertes ou gérer les contacts. `canManage` : l’alerte est ' +
      'ouverte et l’appelant peut alerter chacune de ses communes ; `myRecipient` ' +
      ': sa ligne, s’il est alerté par son compte. Une alerte dont aucune commune ' +
      'n’est dans le territoire de l’appelant : 404. Chaque lecture est inscrite ' +
      'au journal d’audit (alert.read).',
    access: READ,
    params: IdParams,
    responses: { 200: s.AlertDetail },
  }),
  update: defineContract({
    method: 'POST',
    path: '/api/alerts/:id/updates',
    tags,
    summary: 'Envoyer une mise à jour',
    description:
      `Envoie le texte (non vide, 320 caractères au plus) à toutes les personnes ` +
      `déjà alertées, par SMS et dans l’application pour les comptes liés, chacune ` +
      `avec son lien d’accusé de réception ; alerte close : 409. Inscrit au ` +
      `journal d’audit (alert.updated). ${MANAGED} ${FOLLOW}`,
    access: SEND,
    params: IdParams,
    body: s.AlertUpdateCreate,
    responses: { 201: s.AlertDetail },
  }),
  close: defineContract({
    method: 'POST',
    path: '/api/alerts/:id/close',
    tags,
    summary: "Clore l'alerte",
    description:
      `Clôt l’alerte et arrête son escalade ; envoie à toutes les personnes ` +
      `alertées le message de fin (le texte donné, sinon « L'intervention est ` +
      `terminée, l'alerte est close. »), sans lien. Déjà close : 409. Inscrit au ` +
      `journal d’audit (alert.closed). ${MANAGED} ${FOLLOW}`,
    access: SEND,
    params: IdParams,
    body: s.AlertClose,
    responses: { 200: s.AlertDetail },
  }),
};
