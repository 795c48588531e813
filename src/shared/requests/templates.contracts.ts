import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './templates.schemas.ts';

const tags = ['Demandes (modèles de réponse)'];
const HANDLE = { permission: 'requests.handle' } as const;
const MANAGE = { permission: 'requests.templates.manage' } as const;
const WRITERS =
  'Réservé à qui détient `requests.templates.manage` (administrateurs, ' +
  'référents) sur le département lui-même : un référent affecté à un secteur ' +
  'se sert des modèles du département sans les écrire. Les modèles nationaux, ' +
  'livrés par la plateforme, ne se modifient pas.';
const TEXT =
  'Titre : une ligne de texte simple, 120 caractères au plus ; texte : 2 000 ' +
  'caractères au plus, sans balise (sinon 400). Champs à remplacer : ' +
  '`{reference}` (R-2026-000123), `{categorie}` (libellé français) et ' +
  '`{date_demande}` (JJ/MM/AAAA, jour de Paris) ; tout autre, `{lien_suivi}` ' +
  'compris (chaque réponse se termine déjà par le lien de suivi, et le jeton ' +
  'privé du demandeur ne doit pas apparaître dans l’historique), est un 400 ' +
  'qui le nomme. La réponse donne le décompte du SMS et les avertissements.';

/** Answer templates: national and of my départements, filled in for a request before the answer is sent. */
export const templateContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/requests/answer-templates',
    tags,
    summary: 'Modèles de réponse : nationaux et de mes départements',
    description:
      'Les modèles nationaux et ceux des départements où l’appelant traite des ' +
      'demandes (quel que soit le niveau de son affectation), non archivés, ceux ' +
      'du département d’abord puis par titre. `category` garde les modèles de ' +
      'cette catégorie et ceux « toutes catégories » ; `channel` (`email`, `sms`) ' +
      'ceux écrits pour ce canal ou pour les deux (`both`). Chacun : `id`, ' +
      '`departmentId` (null : national), `category` (null : toutes), `channel` ' +
      '(`email`, `sms`, `both`), `title`, `body`, `editable` (l’appelant peut le ' +
      'modifier et l’archiver), `sms` (`segments`, `characters`, `encoding` du SMS ' +
      'entier tel qu’envoyé : préfixe, valeurs d’exemple, un lien de la longueur ' +
      'de ceux de `PUBLIC_URL` ; null pour un modèle e-mail seulement), `warnings` ' +
      '(en français : plus de deux SMS, caractères qui imposent l’UCS-2). Les ' +
      'douze modèles nationaux sont écrits à la première utilisation des modèles ' +
      'dans chaque processus.',
    access: HANDLE,
    query: s.AnswerTemplateQuery,
    responses: { 200: s.AnswerTemplateList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/requests/answer-templates',
    tags,
    summary: 'Écrire un modèle de réponse du département',
    description:
      `\`{ departmentId, category? (null : toutes les catégories), channel, title, ` +
      `body }\`. ${TEXT} ${WRITERS} Un département inconnu ou que l’appelant ` +
      `n’administre pas : 404. Journal d’audit : \`request.template.created\`.`,
    access: MANAGE,
    body: s.AnswerTemplateCreate,
    responses: { 201: s.AnswerTemplate },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/requests/answer-templates/:id',
    tags,
    summary: 'Modifier un modèle de réponse du département',
    description:
      `\`category\`, \`channel\`, \`title\`, \`body\`, chacun facultatif. ${TEXT} ` +
      `Un modèle archivé : 409 ; un modèle national ou d’un autre département : ` +
      `404. ${WRITERS} Journal d’audit : \`request.template.updated\` (les champs ` +
      `changés).`,
    access: MANAGE,
    params: IdParams,
    body: s.AnswerTemplateUpdate,
    responses: { 200: s.AnswerTemplate },
  }),
  archive: defineContract({
    method: 'DELETE',
    path: '/api/requests/answer-templates/:id',
    tags,
    summary: 'Archiver un modèle de réponse du département',
    description:
      `Archivé, pas effacé (les réponses déjà envoyées restent expliquées par le ` +
      `journal) : il quitte les listes et ne peut plus être rempli. 204, et de ` +
      `nouveau 204 sans rien changer. Un modèle national ou d’un autre département ` +
      `: 404. ${WRITERS} Journal d’audit : \`request.template.archived\`.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  render: defineContract({
    method: 'GET',
    path: '/api/requests/:id/answer-templates/:templateId/render',
    tags,
    summary: 'Un modèle rempli pour cette demande (texte modifiable avant envoi)',
    description:
      '`{ templateId, text, sms, warnings }` : le modèle (national ou du ' +
      'département de la demande, non archivé, sinon 404) rempli pour la demande ; ' +
      '`sms` compte le SMS que ce texte ferait pour cette demande (préfixe et lien ' +
      'de suivi compris, le lien n’étant jamais renvoyé). Le texte va au ' +
      'formulaire de réponse, modifiable, puis part par `POST ' +
      '/api/requests/:id/answers` comme d’habitude. Réservé aux agents qui ' +
      'traitent les demandes (`requests.handle`) du territoire de la demande ; une ' +
      'demande confidentielle ne l’est qu’à son agent assigné et aux ' +
      'administrateurs qui la couvrent ; pour tout autre, 404.',
    access: HANDLE,
    params: s.RenderParams,
    responses: { 200: s.RenderedAnswer },
  }),
};
