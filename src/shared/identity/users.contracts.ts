import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './identity.schemas.ts';

const tags = ['Utilisateurs'];
const MANAGE = { permission: 'users.manage' } as const;
const WHO =
  'Un administrateur voit et gère les utilisateurs qui tiennent au moins un ' +
  'rôle dans ses territoires (le département, la circonscription, la commune ' +
  'ou le secteur, et tout ce qu’ils contiennent) ; pour tout autre utilisateur ' +
  ': 404, comme un utilisateur inconnu.';
const GRANT =
  'Un rôle ne se donne que sur un territoire que l’appelant administre (404 ' +
  'sinon) : département, circonscription, commune ou secteur, et vaut pour ' +
  'tout ce qu’il contient.';

/** Accounts of the administrator's territories: invitations, suspension, roles per territory. */
export const userContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/users',
    tags,
    summary: 'Utilisateurs de mes territoires',
    description:
      `${WHO} Filtres : \`q\` (partie de l’adresse ou du nom), \`status\`. 500 au ` +
      `plus, par nom. La lecture est inscrite au journal d’audit (user.listed, ` +
      `avec le nombre et les identifiants).`,
    access: MANAGE,
    query: s.UserListQuery,
    responses: { 200: s.UserList },
  }),
  invite: defineContract({
    method: 'POST',
    path: '/api/users',
    tags,
    summary: 'Inviter un utilisateur',
    description:
      `Crée le compte (statut « invité », adresse mise en minuscules) avec ses ` +
      `rôles et lui envoie par e-mail un lien à usage unique, valable 7 jours, ` +
      `pour choisir son mot de passe. ${GRANT} Un partenaire appartient à une ` +
      `organisation : sans \`organisationId\`, 400. Adresse déjà utilisée : 409. ` +
      `Sans envoi d’e-mails sur ce serveur : 503. Audit user.invited (avec les ` +
      `rôles).`,
    access: MANAGE,
    body: s.UserInvite,
    responses: { 201: s.User },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/users/:id',
    tags,
    summary: 'Un utilisateur',
    description: `${WHO} La lecture est inscrite au journal d’audit (user.read).`,
    access: MANAGE,
    params: IdParams,
    responses: { 200: s.User },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/users/:id',
    tags,
    summary: 'Modifier, suspendre ou réactiver un utilisateur',
    description:
      `Nom, organisation, statut (\`active\` ou \`suspended\`). Un compte encore ` +
      `invité ne change pas de statut (409) ; on ne suspend pas son propre compte ` +
      `(409). La suspension met fin sur-le-champ à toutes les sessions du compte. ` +
      `${WHO} Audit user.suspended, user.enabled ou user.updated (avec les ` +
      `changements).`,
    access: MANAGE,
    params: IdParams,
    body: s.UserUpdate,
    responses: { 200: s.User },
  }),
  addRole: defineContract({
    method: 'POST',
    path: '/api/users/:id/roles',
    tags,
    summary: 'Attribuer un rôle sur un territoire',
    description: `${GRANT} ${WHO} Un rôle déjà tenu au même endroit ne change rien. Audit user.role.added.`,
    access: MANAGE,
    params: IdParams,
    body: s.RoleAssignmentCreate,
    responses: { 200: s.User },
  }),
  removeRole: defineContract({
    method: 'DELETE',
    path: '/api/users/:id/roles/:assignmentId',
    tags,
    summary: 'Retirer un rôle',
    description:
      `Un utilisateur garde au moins un rôle : retirer le dernier est un 409 ` +
      `(suspendre le compte plutôt). Rôle inconnu de cet utilisateur : 404. ${WHO} ` +
      `Audit user.role.removed (avec le rôle et son territoire).`,
    access: MANAGE,
    params: s.RoleAssignmentParams,
    responses: { 200: s.User },
  }),
  resendInvitation: defineContract({
    method: 'POST',
    path: '/api/users/:id/invitation',
    tags,
    summary: "Renvoyer l'invitation",
    description:
      `Un nouveau lien (7 jours) remplace les précédents, qui ne valent plus ` +
      `(410). Compte déjà activé : 409. ${WHO} Audit user.invitation.resent.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
};

/** Partner organisations (transport operators, social landlords, private security, associations…). */
export const organisationContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/organisations',
    tags,
    summary: 'Organisations partenaires',
    description: 'Toutes les organisations, par nom.',
    access: { permission: 'organisations.manage' },
    responses: { 200: s.OrganisationList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/organisations',
    tags,
    summary: 'Créer une organisation partenaire',
    description: 'Le nom est unique (409 « Une organisation porte déjà ce nom. »). Audit organisation.created.',
    access: { permission: 'organisations.manage' },
    body: s.OrganisationCreate,
    responses: { 201: s.Organisation },
  }),
};
