import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './open311.schemas.ts';

const tags = ['Open311 GeoReport v2'];
const adminTags = ['Open311 (administration)'];
const MANAGE = { permission: 'open311.manage' } as const;

/** What every GeoReport v2 resource shares: formats, dates, errors, jurisdiction. */
const GEOREPORT =
  'GeoReport v2 (http://wiki.open311.org/GeoReport_v2) : chaque ressource en ' +
  '`.json` ou `.xml` (UTF-8, déclaration XML ; XML n’a pas de null : un ' +
  'élément vide ; les listes imbriquées dans leurs éléments). Dates ISO 8601 à ' +
  'l’heure de Paris avec son décalage (`2026-11-26T15:20:59+01:00`). Erreurs ' +
  'au format de la spécification, jamais problem+json : `[{ code, description ' +
  '}]` (descriptions en français ; XML `<errors><error>`) avec le même statut ' +
  'HTTP : 400 paramètre manquant, inconnu ou invalide (une extension autre que ' +
  '.json ou .xml aussi), 404 service, demande, jeton ou adresse inconnus ; ' +
  'jamais un 500 pour une entrée invalide. `jurisdiction_id` est accepté et ' +
  'ignoré (une seule juridiction).';
const ERRORS = { 400: s.Open311Errors, 404: s.Open311Errors } as const;

/** Open311 GeoReport v2: discovery, services (our categories), requests (public listing, submission by client applications), tokens. */
export const open311Contracts = {
  discovery: defineContract({
    method: 'GET',
    path: '/open311/v2/discovery.:format',
    tags,
    summary: 'Découverte du service (Open311)',
    description:
      `Le point d’accès (\`PUBLIC_URL/open311/v2/\`, production), ses formats ` +
      `(\`text/xml\`, \`application/json\`), le contact et où obtenir une clé (les ` +
      `administrateurs de la plateforme, page \`/admin/open311\`). XML : racine ` +
      `\`discovery\`. ${GEOREPORT}`,
    access: 'public',
    params: s.Open311FormatParams,
    responses: { 200: s.Open311Discovery, ...ERRORS },
  }),
  services: defineContract({
    method: 'GET',
    path: '/open311/v2/services.:format',
    tags,
    summary: 'Catégories de demandes (services Open311)',
    description:
      `Nos catégories comme services : \`service_code\` (la catégorie : ` +
      `\`incivilities\`, \`motorbike_rodeo\`, \`drug_dealing\`, \`burglary\`, ` +
      `\`noise\`, \`neighbour_dispute\`, \`road_safety\`, \`other\`), ` +
      `\`service_name\` (libellé français), \`description\`, \`metadata: true\`, ` +
      `\`type: realtime\`, \`keywords\`, \`group\`. XML : \`<services><service>\`. ` +
      `${GEOREPORT}`,
    access: 'public',
    params: s.Open311FormatParams,
    query: s.Open311JurisdictionQuery,
    responses: { 200: s.Open311ServiceList, ...ERRORS },
  }),
  service: defineContract({
    method: 'GET',
    path: '/open311/v2/services/:code.:format',
    tags,
    summary: 'Attributs d’une catégorie (définition de service)',
    description:
      `Les attributs que toute catégorie accepte (\`attribute[code]=clé\` au ` +
      `dépôt), tous facultatifs, en listes à valeur unique (\`singlevaluelist\`) : ` +
      `\`time_of_day\` (\`morning\`, \`afternoon\`, \`evening\`, \`night\`, ` +
      `\`any\`), \`recurring\` (\`true\`/\`false\`), \`anonymity\` (\`named\`, ` +
      `\`police_only\`, \`anonymous\`), \`confidential\` (\`true\`/\`false\`). Un ` +
      `\`service_code\` inconnu : 404. XML : racine \`service_definition\`. ` +
      `${GEOREPORT}`,
    access: 'public',
    params: s.Open311ServiceParams,
    query: s.Open311JurisdictionQuery,
    responses: { 200: s.Open311ServiceDefinition, ...ERRORS },
  }),
  requests: defineContract({
    method: 'GET',
    path: '/open311/v2/requests.:format',
    tags,
    summary: 'Demandes publiques (sans données personnelles, lieu arrondi à ~100 m)',
    description:
      `Les demandes non confidentielles, les plus récentes d’abord, 1 000 au plus ` +
      `; sans date, les 90 derniers jours. \`service_request_id\` (des références ` +
      `séparées par des virgules, 1 000 au plus) remplace les autres filtres ; ` +
      `\`service_code\` une catégorie (inconnue : 400) ; \`status\` \`open\`, ` +
      `\`closed\` ou \`open,closed\` ; \`start_date\`, \`end_date\` en ISO 8601 ` +
      `avec fuseau (sinon 400 ; \`start_date\` après \`end_date\` : 400). Chacune ` +
      `: \`service_request_id\` (la référence R-2026-000123), \`status\` (\`open\` ` +
      `jusqu’à la clôture), \`status_notes\` (une phrase générique par état ou ` +
      `motif de clôture, jamais le texte des agents), \`service_name\`, ` +
      `\`service_code\`, \`description\`, \`agency_responsible\` (« Police ` +
      `nationale — <secteur> »), \`service_notice\` (null), ` +
      `\`requested_datetime\`, \`updated_datetime\`, \`expected_datetime\` ` +
      `(l’échéance de prise en compte de la catégorie dans le département, tant ` +
      `que la demande est nouvelle ; null sinon), \`address\`, \`address_id\`, ` +
      `\`zipcode\` (null : une adresse saisie peut être le domicile de quelqu’un), ` +
      `\`lat\`/\`long\` arrondis à 3 décimales (~100 m), \`media_url\` (null). ` +
      `Aucune donnée personnelle ne sort : ni contact, ni adresse saisie, ni texte ` +
      `d’agent ; la \`description\` n’est publiée que pour une demande dont le ` +
      `demandeur a choisi \`named\` et qui n’est pas anonymisée, adresses e-mail, ` +
      `numéros et liens remplacés (« [adresse e-mail retirée] », « [numéro retiré] ` +
      `»), 1 000 caractères au plus ; null sinon. \`Cache-Control: public, ` +
      `max-age=60\`. XML : \`<service_requests><request>\`. ${GEOREPORT}`,
    access: 'public',
    params: s.Open311FormatParams,
    query: s.Open311RequestsQuery,
    responses: { 200: s.Open311PublicRequestList, ...ERRORS },
  }),
  request: defineContract({
    method: 'GET',
    path: '/open311/v2/requests/:id.:format',
    tags,
    summary: 'Une demande publique',
    description:
      `Une demande (une liste d’un élément), sous la forme de la liste publique ; ` +
      `confidentielle ou inconnue : 404. ${GEOREPORT}`,
    access: 'public',
    params: s.Open311RequestParams,
    query: s.Open311JurisdictionQuery,
    responses: { 200: s.Open311PublicRequestList, ...ERRORS },
  }),
  token: defineContract({
    method: 'GET',
    path: '/open311/v2/tokens/:token.:format',
    tags,
    summary: 'Référence de la demande d’un jeton',
    description:
      `\`[{ service_request_id, token }]\` pour le jeton rendu au dépôt ` +
      `(l’identifiant interne de la demande : il ne révèle rien que la réponse au ` +
      `dépôt n’ait déjà donné) ; jeton inconnu : 404. ${GEOREPORT}`,
    access: 'public',
    params: s.Open311TokenParams,
    query: s.Open311JurisdictionQuery,
    responses: { 200: s.Open311TokenAnswer, ...ERRORS },
  }),
  submit: defineContract({
    method: 'POST',
    path: '/open311/v2/requests.:format',
    tags,
    summary: 'Déposer une demande (application cliente, api_key)',
    description:
      `Formulaire \`application/x-www-form-urlencoded\` (64 Kio au plus ; un autre ` +
      `corps, un champ envoyé deux fois, du balisage dans un texte : 400) : ` +
      `\`api_key\`, \`service_code\`, \`lat\` et \`long\` (obligatoires : ce ` +
      `serveur ne géocode pas ; \`address_string\` seul est un 400, avec un point ` +
      `il devient le libellé du lieu), \`description\` (10 à 5 000 caractères), ` +
      `\`attribute[time_of_day]\`, \`attribute[recurring]\`, ` +
      `\`attribute[anonymity]\`, \`attribute[confidential]\`, \`email\`, ` +
      `\`first_name\`, \`last_name\`, \`phone\` ; \`address_id\`, \`device_id\`, ` +
      `\`account_id\`, \`media_url\` acceptés et ignorés (aucun média distant ` +
      `n’est récupéré) ; un champ inconnu : 400. L’application est reconnue par ` +
      `\`api_key\` avant tout le reste (absente : 400 ; inconnue ou révoquée : ` +
      `403) et ses dépôts comptés : \`OPEN311_REQUESTS_PER_CLIENT\` (300) par ` +
      `fenêtre de \`REQUESTS_WINDOW_MINUTES\`, au-delà 429 au format Open311 avec ` +
      `\`Retry-After\` ; une clé vaut pour des dépôts partout, chaque demande ` +
      `étant routée par son point. La demande suit l’accueil du formulaire web ` +
      `(canal \`web\`, routage, audit, accusé de réception avec le lien de suivi à ` +
      `\`email\`) ; l’application (\`open311Client: { id, name }\`) est nommée ` +
      `dans la première ligne de l’historique et dans l’événement d’audit ` +
      `\`request.created\`. Sans \`attribute[anonymity]\` : \`police_only\` quand ` +
      `un nom est donné, \`anonymous\` sinon. 201 \`[{ service_request_id, token, ` +
      `service_notice, account_id: null }]\` (\`service_request_id\` : la ` +
      `référence ; \`token\` : voir \`GET tokens/{token}\` ; \`Cache-Control: ` +
      `no-store\`). ${GEOREPORT}`,
    access: 'public',
    params: s.Open311FormatParams,
    body: s.Open311RequestCreate,
    bodyFormat: 'form',
    responses: { 201: s.Open311Submitted, 403: s.Open311Errors, 413: s.Open311Errors, 429: s.Open311Errors, ...ERRORS },
  }),
};

/** A département's administrators hand out and revoke the API keys of its Open311 client applications. */
export const open311ClientContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/open311/clients',
    tags: adminTags,
    summary: 'Applications clientes Open311 de mes départements',
    description:
      'Les applications clientes des départements où l’appelant détient ' +
      '`open311.manage` sur le département lui-même (aucune pour un administrateur ' +
      'placé sous un département), les plus récentes d’abord : `id`, `name`, ' +
      '`department` (`id`, `code`, `name`), `createdAt`, `revokedAt` (jamais la ' +
      'clé).',
    access: MANAGE,
    responses: { 200: s.Open311ClientList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/open311/clients',
    tags: adminTags,
    summary: 'Créer une application cliente d’un département (la clé n’est montrée qu’une fois)',
    description:
      '`{ name, departmentId? }` : le département de l’application (absent : le ' +
      'seul que l’appelant administre ; 400 en français s’il en administre ' +
      'plusieurs, 403 s’il est placé sous un département) ; un département inconnu ' +
      'ou qu’il n’administre pas : 404. Le département dit qui gère la clé, pas où ' +
      'elle dépose : une clé vaut partout, chaque demande étant routée par son ' +
      'point. 201 `{ client, apiKey }` (`Cache-Control: no-store`) : la clé ' +
      '(`o311_` suivi de 256 bits aléatoires) n’est que dans cette réponse, seule ' +
      'son empreinte SHA-256 est gardée. Journal d’audit : ' +
      '`open311.client.created` (nom, `departmentId`, `departmentCode`).',
    access: MANAGE,
    body: s.Open311ClientCreate,
    responses: { 201: s.Open311ClientCreated },
  }),
  revoke: defineContract({
    method: 'POST',
    path: '/api/open311/clients/:id/revoke',
    tags: adminTags,
    summary: 'Révoquer la clé d’une application cliente',
    description:
      'La clé est révoquée aussitôt (son dépôt suivant : 403) ; de nouveau : la ' +
      'même réponse, la première date gardée. Réservé aux administrateurs du ' +
      'département de l’application ; celle d’un autre département : 404, comme ' +
      'une inconnue. Journal d’audit : `open311.client.revoked` (avec le ' +
      'département).',
    access: MANAGE,
    params: IdParams,
    responses: { 200: s.Open311Client },
  }),
};
