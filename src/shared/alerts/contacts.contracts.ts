import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './alerts.schemas.ts';

const tags = ['Alertes'];
const MANAGE = { permission: 'alerts.contacts.manage' } as const;
const WHO =
  'Réservé au maire (rôle élu) et aux administrateurs de la commune ' +
  '(permission `alerts.contacts.manage` sur la commune) ; une commune ou un ' +
  'contact hors de leur territoire répond 404, comme un inconnu.';
const FIELDS =
  'Nom et fonction obligatoires (vides après retrait des espaces : 400) ; ' +
  'mobile au format E.164 ou national (« 06 12 34 56 78 »), enregistré en ' +
  'E.164 (invalide : 400 ; déjà dans la liste de la commune : 409, y compris ' +
  'pour deux écritures simultanées) ; rang de 1 à 9 (1 = alerté aussitôt, 2 et ' +
  'plus = ordre d’escalade) ; heures de disponibilité ' +
  '`availableFrom`–`availableTo` (« HH:MM », heure de Paris, peuvent passer ' +
  'minuit ; les deux ou aucune, aucune = à toute heure ; une seule : 400) ; ' +
  'actif ; `userEmail` : adresse d’un compte PSQ actif à lier (le contact est ' +
  'alors alerté aussi dans l’application ; aucun compte actif : 422), null ' +
  'pour délier.';

/** A commune's ordered list of alert contacts, managed by its mayor (or an administrator) within that commune only. */
export const contactContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/communes/:id/contacts',
    tags,
    summary: "Contacts d'alerte de la commune",
    description:
      `La commune et ses contacts, par rang puis par nom : nom, fonction, mobile ` +
      `(E.164), rang, heures de disponibilité, actif, joignable maintenant ` +
      `(calculé à l’heure de Paris), compte PSQ lié. ${WHO}`,
    access: MANAGE,
    params: IdParams,
    responses: { 200: s.AlertContactList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/communes/:id/contacts',
    tags,
    summary: "Ajouter un contact d'alerte",
    description:
      `${FIELDS} Par défaut : rang 1, actif, à toute heure. Inscrit au journal ` +
      `d’audit (alert.contact.created : la commune, le rang, la présence d’un ` +
      `compte lié ; jamais le numéro). ${WHO}`,
    access: MANAGE,
    params: IdParams,
    body: s.AlertContactCreate,
    responses: { 201: s.AlertContact },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/alert-contacts/:id',
    tags,
    summary: "Modifier un contact d'alerte",
    description:
      `Les champs envoyés seulement (au moins un). ${FIELDS} Un numéro renvoyé ` +
      `inchangé n’est pas vérifié à nouveau. Inscrit au journal d’audit ` +
      `(alert.contact.updated : la commune et les champs envoyés). ${WHO}`,
    access: MANAGE,
    params: IdParams,
    body: s.AlertContactUpdate,
    responses: { 200: s.AlertContact },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/alert-contacts/:id',
    tags,
    summary: "Retirer un contact d'alerte",
    description:
      `Les alertes déjà envoyées gardent leurs destinataires. Inscrit au journal ` +
      `d’audit (alert.contact.deleted). ${WHO}`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
};
