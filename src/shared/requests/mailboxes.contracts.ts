import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './attachments.schemas.ts';

const tags = ['Demandes (boîtes e-mail des secteurs)'];
const MANAGE = { permission: 'territory.manage' } as const;
const OF_MAILBOX =
  'Réservé aux administrateurs (`territory.manage`) du territoire de l’adresse ' +
  ': son secteur, ou son département pour une adresse « fourre-tout » (une ' +
  'affectation sur le département lui-même) ; une adresse inconnue ou ' +
  'd’ailleurs : 404.';

/** Sector mailboxes received by the platform's SMTP listener, and their optional IMAP source. */
export const mailboxContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/requests/mailboxes',
    tags,
    summary: 'Adresses e-mail reçues par la plateforme, dans mes territoires',
    description:
      'Les adresses que l’écouteur SMTP reçoit, par ordre alphabétique : celles ' +
      'des secteurs situés sous une affectation `territory.manage` de l’appelant, ' +
      'et les adresses « fourre-tout » des départements où il détient cette ' +
      'permission sur le département lui-même. Chacune : `id`, `address`, `sector` ' +
      '(`id`, `code`, `name` ; null pour un département), `departmentId`, ' +
      '`createdAt`, `imap` : null, ou sa source IMAP `{ host, port, security, ' +
      'user, folder, passwordSet, lastRunAt, lastSuccessAt, lastError, lastSummary ' +
      '}` (jamais le mot de passe ; `lastError` : la dernière erreur en français, ' +
      '`lastSummary` : ce qu’a fait le dernier relevé réussi).',
    access: MANAGE,
    responses: { 200: s.MailboxList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/requests/mailboxes',
    tags,
    summary: 'Recevoir une adresse pour un secteur (ou un département)',
    description:
      '`{ address, sectorId }` (la boîte d’un secteur : ses messages deviennent ' +
      'des demandes du secteur) ou `{ address, departmentId }` (l’adresse « ' +
      'fourre-tout » du département : ses demandes arrivent dans la boîte du ' +
      'département) ; les deux, ou aucun : 422. L’adresse est enregistrée en ' +
      'minuscules ; déjà attribuée : 409. Réservé aux administrateurs ' +
      '(`territory.manage`) de ce secteur ou de ce département ; un territoire ' +
      'inconnu ou d’ailleurs : 404. Journal d’audit : `request.mailbox.created`.',
    access: MANAGE,
    body: s.MailboxCreate,
    responses: { 201: s.Mailbox },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/requests/mailboxes/:id',
    tags,
    summary: 'Ne plus recevoir une adresse',
    description:
      `204 : l’écouteur SMTP refuse désormais l’adresse (550), sa source IMAP ` +
      `éventuelle n’est plus relevée. ${OF_MAILBOX} Journal d’audit : ` +
      `\`request.mailbox.deleted\`.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  setImap: defineContract({
    method: 'PUT',
    path: '/api/requests/mailboxes/:id/imap',
    tags,
    summary: 'Relever aussi cette adresse par IMAP (serveur, compte, mot de passe, dossier)',
    description:
      `\`{ host, port, security: tls | starttls | none, user, password?, folder? ` +
      `}\` : \`tls\` est le TLS implicite (993) avec le certificat vérifié, ` +
      `\`starttls\` exige STARTTLS (143 ; jamais de repli en clair), \`none\` ` +
      `seulement vers \`127.0.0.1\`, \`localhost\` ou \`::1\` (sinon 422) ; ` +
      `\`folder\` \`INBOX\` par défaut ; \`password\` obligatoire la première fois ` +
      `(sinon 422), omis il garde celui enregistré. Le mot de passe est scellé ` +
      `(AES-256-GCM, clé dérivée de \`SECRET_KEY\`) et jamais renvoyé ` +
      `(\`passwordSet\` seulement). Un changement de serveur, de compte, de mot de ` +
      `passe ou de dossier efface l’état du dernier relevé. Rien ne se connecte à ` +
      `l’enregistrement : le relevé vient avec la tâche \`requests-imap-fetch\` ` +
      `(\`INBOUND_IMAP_CRON\`) ou « Relever maintenant ». 200 avec l’adresse. ` +
      `${OF_MAILBOX} Journal d’audit : \`request.mailbox.imap.configured\` ou ` +
      `\`request.mailbox.imap.updated\` (sans le mot de passe).`,
    access: MANAGE,
    params: IdParams,
    body: s.MailboxImapInput,
    responses: { 200: s.Mailbox },
  }),
  removeImap: defineContract({
    method: 'DELETE',
    path: '/api/requests/mailboxes/:id/imap',
    tags,
    summary: 'Ne plus relever cette adresse par IMAP',
    description:
      `204 ; l’écouteur SMTP reçoit toujours l’adresse. La trace des messages déjà ` +
      `relevés reste : une nouvelle configuration du même compte ne reprend rien ` +
      `deux fois. ${OF_MAILBOX} Journal d’audit : \`request.mailbox.imap.removed\` ` +
      `(rien s’il n’y avait pas de source).`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  fetchImap: defineContract({
    method: 'POST',
    path: '/api/requests/mailboxes/:id/imap/fetch',
    tags,
    summary: 'Relever la boîte IMAP maintenant',
    description:
      `« Relever maintenant » : le relevé de la tâche \`requests-imap-fetch\` pour ` +
      `cette adresse, tout de suite ; 200 avec l’adresse et son nouvel état (un ` +
      `échec IMAP est dans \`imap.lastError\`, en français, pas une erreur HTTP). ` +
      `Pas de source IMAP, ou un relevé déjà en cours (bail de dix minutes) : 409. ` +
      `${OF_MAILBOX} Journal d’audit : \`request.mailbox.imap.fetched\` (le résumé ` +
      `ou l’erreur), dans la transaction qui enregistre le résultat du relevé sur ` +
      `l’adresse.`,
    access: MANAGE,
    params: IdParams,
    responses: { 200: s.Mailbox },
  }),
};
