import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './notifications.schemas.ts';

const tags = ['Notifications'];

/** In-app messages of the signed-in person, Twilio's delivery receipts and the admin test outbox. */
export const notificationContracts = {
  mine: defineContract({
    method: 'GET',
    path: '/api/notifications/mine',
    tags,
    summary: 'Mes notifications dans l’application',
    description:
      'Les messages adressés dans l’application à la personne connectée, les plus ' +
      'récents d’abord (200 au plus), lus ou non (`readAt`). `id` est celui de ' +
      'l’envoi dans l’application : c’est lui qu’on marque comme lu. Chaque ' +
      'nouveau message est annoncé en direct sur `GET /api/live` (événement ' +
      '`notification.created`, `{ deliveryId }`). Personne ne lit les messages ' +
      'd’un autre.',
    access: 'session',
    responses: { 200: s.InAppNotificationList },
  }),
  markRead: defineContract({
    method: 'POST',
    path: '/api/notifications/:id/read',
    tags,
    summary: 'Marquer une notification comme lue',
    description:
      'Marque comme lu un message de l’application adressé à la personne connectée ' +
      '; déjà lu, rien ne change (204). Le message d’un autre et un identifiant ' +
      'inconnu répondent le même 404 : un identifiant ne révèle rien. L’auteur du ' +
      'message, s’il suit ses envois, en est informé en direct ' +
      '(`notification.delivery-updated`, `{ notificationId }`).',
    access: 'session',
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  smsReceipts: defineContract({
    method: 'POST',
    path: '/api/notifications/sms/receipts',
    tags,
    summary: "Accusés de réception SMS (appelé par l'opérateur)",
    description:
      'Appelé par Twilio (StatusCallback ' +
      '`$PUBLIC_URL/api/notifications/sms/receipts?d=<identifiant de l’envoi>`), ' +
      'en formulaire `application/x-www-form-urlencoded` (`MessageSid`, ' +
      '`MessageStatus`, `ErrorCode`, `AccountSid`… ; les champs que Twilio ajoute ' +
      'sont acceptés). Authentifié par la signature de Twilio : ' +
      '`X-Twilio-Signature`, HMAC-SHA1 de l’adresse publique complète (requête ' +
      '`?d=` comprise) et des champs du formulaire ; sans signature valide, d’un ' +
      'autre compte Twilio, ou d’un état inconnu : 403 et rien ne change. L’accusé ' +
      'est rattaché à l’envoi par `d` (l’identifiant `MessageSid` de Twilio est ' +
      'alors enregistré s’il ne l’était pas encore), sinon par `MessageSid` : un ' +
      'accusé qui devance la réponse de l’API de Twilio, ou qui suit la mort d’un ' +
      'worker, est pris en compte. Un accusé ne fait qu’avancer l’envoi (« sent » ' +
      'tardif après « delivered » : ignoré) ; « delivered » le dit remis, « failed ' +
      '» ou « undelivered » en échec définitif (« L’opérateur signale que le SMS ' +
      'n’a pas été remis », avec le code d’erreur) ; il règle aussi un envoi dont ' +
      'l’issue était inconnue (délai dépassé chez Twilio) : Twilio l’a bien reçu. ' +
      'L’auteur du message en est informé en direct ' +
      '(`notification.delivery-updated`, `{ notificationId }`).',
    access: 'public',
    query: s.SmsReceiptQuery,
    headers: s.SmsReceiptHeaders,
    body: s.SmsReceiptForm,
    bodyFormat: 'form',
    responses: { 204: Type.Null() },
  }),
  testOutbox: defineContract({
    method: 'GET',
    path: '/api/admin/test-outbox',
    tags,
    summary: 'Messages retenus localement (sans SMTP ni opérateur SMS)',
    description:
      'Sans serveur SMTP (`SMTP_URL`) ni opérateur SMS (Twilio) configuré, les ' +
      'courriels et SMS sont retenus dans cette boîte au lieu de partir : les 200 ' +
      'derniers, les plus récents d’abord, conservés 7 jours. Réservé aux ' +
      'administrateurs (permission `notifications.read-outbox`, 403 sinon), qui ' +
      'voient tous les messages retenus, quel que soit le territoire.',
    access: { permission: 'notifications.read-outbox' },
    responses: { 200: s.OutboxMessageList },
  }),
};
