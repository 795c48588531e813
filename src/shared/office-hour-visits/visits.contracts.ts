import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './visits.schemas.ts';

const tags = ['Permanences (visites)'];
const READ = { permission: 'visits.read' } as const;
const RECORD = { permission: 'visits.record' } as const;
const WHO_READS =
  'Une visite est lue par le délégué qui l’a notée (dans son territoire), les ' +
  'référents police de son secteur, de sa commune ou de sa circonscription et ' +
  'les administrateurs de son département ; pour tout autre, 404 comme une ' +
  'visite inconnue.';

/** Confidential visit records of office hours, and the delegate's dashboard. */
export const visitContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/office-hours/visits',
    tags,
    summary: 'Visites notées en permanence (lecture tracée)',
    description:
      `Les visites que l’appelant peut lire (un délégué : les siennes ; un ` +
      `référent, un administrateur : celles de son territoire), les plus récentes ` +
      `d’abord (\`limit\`, 200 au plus), avec les coordonnées du visiteur et, pour ` +
      `une visite transformée en demande, où en est cette demande (référence, ` +
      `état, dates). Filtres : \`followUp\` (\`none\`, \`awaiting\`, \`done\`), ` +
      `\`category\`, \`venueId\`. ${WHO_READS} Chaque lecture est inscrite au ` +
      `journal d’audit (office-hours.visit.read, avec les identifiants).`,
    access: READ,
    query: s.VisitListQuery,
    responses: { 200: s.VisitList },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/office-hours/visits',
    tags,
    summary: 'Noter une visite de permanence',
    description:
      'À une occurrence (`scheduleId` + `date`, 422 si la permanence n’a pas lieu ' +
      'ce jour-là) ou, hors permanence, à un lieu (`venueId` + `date`). Réservé ' +
      'aux délégués et administrateurs (permission `visits.record`). La visite ' +
      'prend le secteur, la commune et le département du lieu, recopiés sur elle à ' +
      'l’écriture : ce sont eux qui décident ensuite qui la lit ; l’appelant doit ' +
      'couvrir ce territoire (le lieu d’un autre territoire : 404). Champs : ' +
      '`category` (`incivilities`, `motorbike_rodeo`, `drug_dealing`, `burglary`, ' +
      '`noise`, `neighbour_dispute`, `other`), `placeLabel`, `point`, `said` (ce ' +
      'que la personne a dit, texte brut : un balisage est un 400), `wantsAnswer`, ' +
      '`contact` (`name`, `email`, `phone`), `followUp` (`none`, `awaiting`, ' +
      '`done` ; par défaut `awaiting` quand une réponse est souhaitée, sinon ' +
      '`none`). Les coordonnées sont vérifiées comme celles d’une demande (adresse ' +
      'e-mail valide, numéro ramené au format E.164). Audit ' +
      'office-hours.visit.created.',
    access: RECORD,
    body: s.VisitCreate,
    responses: { 201: s.Visit },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/office-hours/visits/:id',
    tags,
    summary: 'Une visite et la demande qui en est issue (lecture tracée)',
    description:
      `${WHO_READS} De la demande issue de la visite, seuls sa référence, son état ` +
      `et ses dates sont montrés (\`request\`) : les délégués n’ont pas ` +
      `\`requests.read\`. Chaque lecture est inscrite au journal d’audit ` +
      `(office-hours.visit.read).`,
    access: READ,
    params: IdParams,
    responses: { 200: s.Visit },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/office-hours/visits/:id',
    tags,
    summary: 'Compléter une visite ou sa suite',
    description:
      'Les champs donnés seulement (catégorie, lieu, point, propos, réponse ' +
      'souhaitée, coordonnées, suite `followUp`), vérifiés comme à la création. ' +
      'Réservé au délégué qui a noté la visite et aux administrateurs de son ' +
      'territoire (permission `visits.record`) ; pour tout autre, 404 comme une ' +
      'visite inconnue. Audit office-hours.visit.updated (avec les champs changés).',
    access: RECORD,
    params: IdParams,
    body: s.VisitUpdate,
    responses: { 200: s.Visit },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/office-hours/visits/:id',
    tags,
    summary: 'Supprimer une visite',
    description:
      'Réservé au délégué qui a noté la visite et aux administrateurs de son ' +
      'territoire ; pour tout autre, 404 comme une visite inconnue. La demande qui ' +
      'en est issue, s’il y en a une, reste (elle suit sa propre conservation). ' +
      'Audit office-hours.visit.deleted.',
    access: RECORD,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  convert: defineContract({
    method: 'POST',
    path: '/api/office-hours/visits/:id/request',
    tags,
    summary: 'Transformer la visite en demande pour le secteur',
    description:
      '`{ anonymity, confidential?, description? }` (sans `description`, les ' +
      'propos notés de la visite). Crée une demande (canal `office_hour`) pour le ' +
      'secteur de la visite : routée par son point, sinon au secteur du lieu ; ' +
      'liée dans les deux sens (`request` sur la visite ; la première ligne de ' +
      'l’historique de la demande, « Demande recueillie lors d’une permanence du ' +
      'délégué (visite du …) », porte l’identifiant de la visite). Le demandeur ' +
      'reçoit l’accusé de réception avec son lien de suivi par e-mail, ou par SMS ' +
      's’il n’a laissé qu’un téléphone. Une visite ne se transforme qu’une fois ' +
      '(409 ensuite). L’anonymat `anonymous` retire le nom noté par le délégué. ' +
      'Réservé au délégué qui a noté la visite et aux administrateurs de son ' +
      'territoire (404 sinon). Audit office-hours.visit.converted et ' +
      'request.created, dans la même transaction.',
    access: RECORD,
    params: IdParams,
    body: s.VisitConversion,
    responses: { 201: s.Visit },
  }),
  dashboard: defineContract({
    method: 'GET',
    path: '/api/office-hours/dashboard',
    tags,
    summary: 'Tableau de bord des permanences',
    description:
      'Pour un délégué : ses propres calendriers et ses visites ; pour un référent ' +
      'ou un administrateur : ceux de son territoire. `nextOccurrences` : les 5 ' +
      'prochaines permanences, avec leur nombre de réservations ; ' +
      '`upcomingBookings` : les 50 prochains rendez-vous, avec le nom de la ' +
      'personne seulement aux lieux où l’appelant détient `office-hours.manage` ' +
      '(sinon `null`, affiché « — ») ; `awaitingFollowUp` : les visites en attente ' +
      'de suite (50 au plus) ; `months` (les 12 derniers mois), `byCategory` et ' +
      '`byVenue` : le nombre de visites par mois et par catégorie, par mois et par ' +
      'lieu. Inscrit au journal d’audit : office-hours.visit.read (les visites en ' +
      'attente) et, quand des noms sont rendus, office-hours.bookings.read (un ' +
      'événement par calendrier et par date, `details: { date, count }`).',
    access: READ,
    responses: { 200: s.Dashboard },
  }),
};
