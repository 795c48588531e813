import { Type } from 'typebox';
import { defineContract } from '../contract.ts';
import * as s from './push.schemas.ts';

const tags = ['Notifications'];

/** Web push opt-in of the signed-in person's browsers. */
export const pushContracts = {
  key: defineContract({
    method: 'GET',
    path: '/api/notifications/push/key',
    tags,
    summary: 'Clé publique VAPID pour abonner ce navigateur',
    description:
      'La clé publique VAPID du serveur (base64url), à donner à ' +
      '`PushManager.subscribe` : la même sur tous les processus ' +
      '(`VAPID_PUBLIC_KEY`, ou générée une fois dans `DATA_DIR`).',
    access: 'session',
    responses: { 200: s.PushPublicKey },
  }),
  subscribe: defineContract({
    method: 'POST',
    path: '/api/notifications/push/subscriptions',
    tags,
    summary: 'Recevoir les notifications sur ce navigateur',
    description:
      'Enregistre l’abonnement de ce navigateur (`PushSubscription.toJSON()`) pour ' +
      'la personne connectée ; le même navigateur connecté sous un autre compte ' +
      'passe à ce compte. Adresse (`endpoint`) https seulement (http sur ' +
      '127.0.0.1, localhost ou [::1] accepté hors production, pour les tests) ; ' +
      '`p256dh` : clé publique P-256 non compressée de 65 octets, `auth` : secret ' +
      'de 16 octets, tous deux en base64url ; sinon 400. Au plus 20 navigateurs ' +
      'par personne : au-delà, 409. Inscrit au journal d’audit ' +
      '(push-subscription.saved), sans l’adresse d’abonnement, qui permet d’écrire ' +
      'à l’appareil. Un service de push qui répond 404 ou 410 fait supprimer ' +
      'l’abonnement.',
    access: 'session',
    body: s.CreatePushSubscription,
    responses: { 201: s.PushSubscriptionCreated },
  }),
  unsubscribe: defineContract({
    method: 'DELETE',
    path: '/api/notifications/push/subscriptions',
    tags,
    summary: 'Ne plus recevoir les notifications sur ce navigateur',
    description:
      'Supprime l’abonnement de ce navigateur (son `endpoint`) s’il appartient à ' +
      'la personne connectée ; inconnu ou d’un autre : 204, rien ne change. ' +
      'Inscrit au journal d’audit (push-subscription.deleted).',
    access: 'session',
    body: s.DeletePushSubscription,
    responses: { 204: Type.Null() },
  }),
};
