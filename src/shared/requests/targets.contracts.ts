import { defineContract } from '../contract.ts';
import * as s from './targets.schemas.ts';

const tags = ['Demandes (délais cibles)'];
const DEPARTMENT =
  'Le département est celui de `departmentId`, sinon le seul où l’appelant ' +
  'intervient (plusieurs : 400 « précisez lequel », pointeur ' +
  '`querystring/departmentId`) ; un département inconnu : 404.';
const MANAGERS =
  'Réservé aux administrateurs du département (`requests.targets.manage` ' +
  'détenu sur le département lui-même) ; ceux d’un autre département : 403.';
const EFFECT =
  'S’applique aussitôt à toutes les demandes de la catégorie dans le ' +
  'département (les échéances se calculent à la lecture), dans chaque ' +
  'processus (cache versionné `request-targets`, rechargé sur NOTIFY, au plus ' +
  'tard après `CACHE_POLL_MS`).';

/** A département's acknowledgement and answer targets per category: read by its staff, changed by its administrators. */
export const targetContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/requests/category-targets',
    tags,
    summary: 'Délais cibles de chaque catégorie dans un département et leur origine (défaut, réglage, administrateur)',
    description:
      `Les délais en vigueur de chaque catégorie dans le département : \`{ ` +
      `departmentId, items: [{ category, ackHours, answerHours, source, fallback, ` +
      `updatedAt, updatedBy }] }\` ; \`source\` : \`admin\` (fixé par les ` +
      `administrateurs du département), \`setting\` (\`REQUEST_TARGETS\`) ou ` +
      `\`default\` (celui du code) ; \`fallback\` : ce à quoi un retour ` +
      `(\`DELETE\`) ramène ; \`updatedAt\` et \`updatedBy\` : le dernier ` +
      `changement d’un administrateur (null sinon, ou quand le compte n’existe ` +
      `plus). ${DEPARTMENT} Lu par qui détient \`requests.read\` quelque part dans ` +
      `le département (un secteur suffit) ; un département où l’appelant ` +
      `n’intervient pas : 403.`,
    access: { permission: 'requests.read' },
    query: s.CategoryTargetQuery,
    responses: { 200: s.EffectiveTargetList },
  }),
  set: defineContract({
    method: 'PUT',
    path: '/api/requests/category-targets/:category',
    tags,
    summary: 'Fixer les délais cibles d’une catégorie dans un département',
    description:
      `\`{ ackHours, answerHours }\` : des heures entières, 1 ≤ \`ackHours\` ≤ ` +
      `\`answerHours\` ≤ 8 760 (un an), sinon 400 avec une phrase en français par ` +
      `champ (\`errors[].pointer\` \`body/ackHours\`, \`body/answerHours\`). ` +
      `Répond les délais en vigueur de la catégorie. ${EFFECT} ${DEPARTMENT} ` +
      `${MANAGERS} Journal d’audit : \`request.target.updated\` (\`departmentId\`, ` +
      `\`before\` et \`after\` avec leur origine).`,
    access: { permission: 'requests.targets.manage' },
    params: s.CategoryTargetParams,
    query: s.CategoryTargetQuery,
    body: s.CategoryTargetUpdate,
    responses: { 200: s.EffectiveTarget },
  }),
  reset: defineContract({
    method: 'DELETE',
    path: '/api/requests/category-targets/:category',
    tags,
    summary: 'Revenir aux délais du réglage ou par défaut dans un département',
    description:
      `La catégorie du département revient à \`REQUEST_TARGETS\` ou au défaut du ` +
      `code ; 200 avec les délais en vigueur. Rien de fixé : rien ne change, aucun ` +
      `événement. ${EFFECT} ${DEPARTMENT} ${MANAGERS} Journal d’audit : ` +
      `\`request.target.reset\` (avec \`departmentId\`, \`before\` et \`after\`).`,
    access: { permission: 'requests.targets.manage' },
    params: s.CategoryTargetParams,
    query: s.CategoryTargetQuery,
    responses: { 200: s.EffectiveTarget },
  }),
};
