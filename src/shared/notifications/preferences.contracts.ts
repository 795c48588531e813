import { Type } from 'typebox';
import { defineContract } from '../contract.ts';
import * as s from './notification-preferences.schemas.ts';

const tags = ['Notifications'];
const OWN = 'Chacun ne lit et ne règle que ses propres préférences : aucune route ne donne celles d’un autre.';

/** Each signed-in person's own notification settings, and a test message to check them. */
export const preferenceContracts = {
  get: defineContract({
    method: 'GET',
    path: '/api/notifications/preferences',
    tags,
    summary: 'Mes préférences de notification',
    description:
      `Le mobile de la personne (E.164, ou null), ses heures calmes (« HH:MM » de ` +
      `début et de fin, heure de Paris, ou null), pour chaque type de message son ` +
      `libellé, s’il est urgent (envoyé même pendant les heures calmes), les ` +
      `canaux permis, ceux qu’elle peut choisir et ceux qui sont actifs (imposés ` +
      `ou choisis), et le nombre de ses navigateurs abonnés aux notifications (web ` +
      `push). ${OWN}`,
    access: 'session',
    responses: { 200: s.NotificationPreferences },
  }),
  update: defineContract({
    method: 'PUT',
    path: '/api/notifications/preferences',
    tags,
    summary: 'Modifier mes préférences de notification (téléphone, heures calmes, canaux par type)',
    description:
      `Le mobile (format national « 06 12 34 56 78 » ou international, enregistré ` +
      `en E.164 ; null ou vide le retire ; numéro invalide : 400), les heures ` +
      `calmes (« HH:MM » à « HH:MM », heure de Paris, peuvent passer minuit ; ` +
      `format invalide, ou début égal à la fin : 400 ; null : aucune) et les ` +
      `canaux choisis par type de message. Un type omis garde son réglage ; un ` +
      `type inconnu, un canal inconnu ou un canal que le type ne permet pas : 400. ` +
      `Les canaux imposés par un type restent actifs quoi qu’on envoie : seuls les ` +
      `canaux au choix sont enregistrés. Pendant les heures calmes, les courriels, ` +
      `SMS et notifications non urgents attendent leur fin. Inscrit au journal ` +
      `d’audit (notification-preferences.updated : présence d’un mobile, jamais le ` +
      `numéro ; heures calmes ; canaux choisis). ${OWN}`,
    access: 'session',
    body: s.UpdateNotificationPreferences,
    responses: { 204: Type.Null() },
  }),
  sendTest: defineContract({
    method: 'POST',
    path: '/api/notifications/test',
    tags,
    summary: "M'envoyer un message de test sur mes canaux",
    description:
      'Un message de test (type `system.test`) à soi-même, sur chaque canal que ' +
      'ses préférences atteignent : dans l’application, courriel à l’adresse du ' +
      'compte, SMS au mobile enregistré, notification sur chaque navigateur abonné ' +
      '; sans serveur SMTP ni opérateur SMS, il arrive dans la boîte d’envoi de ' +
      'test. La réponse (202) donne les canaux effectivement utilisés. Au plus 3 ' +
      'messages de test par personne et par minute glissante (chacun peut coûter ' +
      'un SMS), comptés dans la base sous un verrou par personne : au-delà, 429 ' +
      'avec Retry-After. Sans file d’envoi sur ce serveur : 503.',
    access: 'session',
    responses: { 202: s.TestNotificationSent },
  }),
};
