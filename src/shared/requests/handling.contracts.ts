import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './requests.schemas.ts';

const tags = ['Demandes (agents)'];
const READ = { permission: 'requests.read' } as const;
const HANDLE = { permission: 'requests.handle' } as const;
const WHO_SEES =
  'Une demande est vue par les référents police et les administrateurs de son ' +
  'territoire (secteur, commune, circonscription, département) ; une demande ' +
  'confidentielle seulement par son agent attributaire et les administrateurs ' +
  'qui la couvrent ; une demande « non routée » par les administrateurs de ' +
  'tout département. Les partenaires n’y ont pas accès ; les délégués ne ' +
  'voient que l’état des demandes issues de leurs visites (page de la visite). ' +
  'Pour tout autre, 404 comme une demande inconnue.';
const ANSWERED_WITH = 'Répond la demande à jour (`RequestDetail`, comme `GET /api/requests/:id`).';

/** The staff inbox and the handling of one request. */
export const handlingContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/requests',
    tags,
    summary: 'Boîte de réception des demandes de mon territoire',
    description: [
      `Les demandes de mes territoires, les plus récentes d’abord. ${WHO_SEES}`,
      'Filtres : `status`, `category`, `sectorId`, `routing` (`sector` : dans un ' +
        'secteur ; `department` : hors secteur, dans la file du département ; ' +
        '`unrouted` : non routée), `channel` (`web`, `email`, `office_hour`, ' +
        '`phone`), `overdue` (au-delà du délai cible de prise en compte — demande « ' +
        'reçue » — ou de réponse — reçue, prise en compte ou en cours — de sa ' +
        'catégorie dans son département), `olderThanDays` (reçues il y a plus de N ' +
        'jours), `assignedToMe`, `q`.',
      '`q` : recherche plein texte en français (`websearch_to_tsquery`, « "mots ' +
        'exacts" », `-exclu`, `or`) sur la référence, la description et le lieu ' +
        'saisi, et sur les notes internes, les réponses et les messages du demandeur ' +
        '; racinisation française (« cambriolage » trouve « Cambriolages »), accents ' +
        'ignorés des deux côtés (« eclairage » trouve « éclairage »), préfixes des ' +
        'mots de quatre lettres ou plus.',
      'Pages : `limit` 200 au plus (100 par défaut), `offset` 10 000 au plus ; ' +
        '`nextOffset` est le décalage de la page suivante, null sur la dernière. ' +
        'Chaque élément porte un extrait de la description (160 caractères), ' +
        '`overdue`, `ackDueAt` et `answerDueAt`, calculés à la lecture depuis les ' +
        'délais cibles en vigueur dans le département de la demande (un nouveau ' +
        'délai s’applique aussitôt aux demandes ouvertes).',
    ].join('\n\n'),
    access: READ,
    query: s.RequestListQuery,
    responses: { 200: s.RequestList },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/requests/:id',
    tags,
    summary: 'Une demande, son demandeur et son historique',
    description:
      `La demande, ses coordonnées (le nom masqué pour une demande anonyme) et ` +
      `tout son historique, notes internes et noms des agents compris, avec ses ` +
      `échéances de prise en compte et de réponse. ${WHO_SEES} Chaque lecture est ` +
      `inscrite au journal d’audit (\`request.read\`).`,
    access: READ,
    params: IdParams,
    responses: { 200: s.RequestDetail },
  }),
  act: defineContract({
    method: 'POST',
    path: '/api/requests/:id/actions',
    tags,
    summary: 'Trier ou faire avancer une demande',
    description: [
      '`{ action }` : `acknowledge` (reçue → prise en compte), `start` (reçue ou ' +
        'prise en compte → en cours), `close` (depuis prise en compte, en cours ou ' +
        'répondue ; motif `resolved`), `reopen` (close → en cours), `redirect` + ' +
        '`sectorId` (vers un autre secteur : la demande quitte son agent ' +
        'attributaire ; le même secteur : 409 ; secteur inconnu : 422), `duplicate` ' +
        '+ `duplicateOfId` (close comme doublon d’une demande que l’appelant voit, ' +
        'sinon 422), `reject` + `reason` (close, motif montré au demandeur), ' +
        '`transfer` + `service` + `reason` (à la mairie ou à un autre service : ' +
        'close avec `closeReason` `transferred`, « Demande transmise à service : ' +
        'motif » montré au demandeur ; personne n’est prévenu), `assign` + ' +
        '`assigneeId` (une personne de `/assignees`, sinon 422 ; null retire ' +
        'l’attribution). `note` sur les quatre premières et sur `redirect` ajoute ' +
        'une note interne. Une étape impossible depuis l’état de la demande : 409 ' +
        'avec la raison.',
      'Réorientation : dans la même transaction, les référents police affectés au ' +
        'nouveau secteur sont prévenus (type `request.redirected`, dans ' +
        'l’application et par e-mail) ; un secteur sans référent : tous ceux qui ' +
        'peuvent y traiter les demandes (référents et administrateurs de la ' +
        'circonscription et du département, ceux que propose `/assignees`). Une ' +
        'demande confidentielle n’est signalée qu’aux administrateurs qui couvrent ' +
        'le nouveau secteur, avec sa référence, le secteur et le lien, rien d’autre ' +
        '; sinon : référence, catégorie, ancien et nouveau secteur, lien ' +
        '`PUBLIC_URL/demandes/:id`. Jamais le nom ni les coordonnées du demandeur, ' +
        'la description, le lieu ou la note. La personne qui réoriente n’est pas ' +
        'prévenue.',
      `Audit \`request.<action>\` (états avant et après ; pour une réorientation, ` +
        `\`notified\` : le nombre de personnes prévenues). ${ANSWERED_WITH}`,
    ].join('\n\n'),
    access: HANDLE,
    params: IdParams,
    body: s.RequestAction,
    responses: { 200: s.RequestDetail },
  }),
  addNote: defineContract({
    method: 'POST',
    path: '/api/requests/:id/notes',
    tags,
    summary: 'Ajouter une note interne',
    description:
      `\`{ text }\` : une note réservée aux agents, jamais montrée sur la page de ` +
      `suivi (vide une fois les espaces retirés : 400). Audit \`request.note\`. ` +
      `${ANSWERED_WITH}`,
    access: HANDLE,
    params: IdParams,
    body: s.RequestNoteCreate,
    responses: { 201: s.RequestDetail },
  }),
  answer: defineContract({
    method: 'POST',
    path: '/api/requests/:id/answers',
    tags,
    summary: 'Répondre au demandeur par e-mail ou SMS',
    description:
      `\`{ channel: email | sms, text }\` : envoyé par la boîte d’envoi (type ` +
      `\`request.answer\`) avec le lien de suivi, signé « Les services de police ` +
      `de votre secteur », jamais du nom de l’agent ; l’état passe à « répondue » ` +
      `et la réponse apparaît sur la page de suivi. Par e-mail, avec ` +
      `\`INBOUND_SMTP_REPLY_ADDRESS\`, un \`Reply-To\` signé fait entrer la ` +
      `réponse du demandeur dans la demande. Demandeur qui ne souhaite pas de ` +
      `réponse, ou demande close : 409 ; pas d’adresse e-mail ou de numéro : 422 ; ` +
      `texte vide : 400. Audit \`request.answer\`. ${ANSWERED_WITH}`,
    access: HANDLE,
    params: IdParams,
    body: s.RequestAnswerCreate,
    responses: { 201: s.RequestDetail },
  }),
};
