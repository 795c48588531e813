import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './office-hours.schemas.ts';

const tags = ['Permanences (public)'];
const CACHED =
  'Construit une fois par version des données (toute écriture d’un lieu, d’un ' +
  'calendrier ou d’un changement, et tout changement du territoire — commune, ' +
  'secteur — le renouvelle) puis servi depuis la mémoire, avec son `ETag` : un ' +
  '`If-None-Match` égal répond 304 sans corps.';
const FEED =
  `Flux iCalendar (RFC 5545, \`text/calendar; charset=utf-8\`, servi ` +
  `\`inline\` avec un nom de fichier \`.ics\`) auquel s’abonner : lignes CRLF ` +
  `pliées à 75 octets, textes échappés, un \`VTIMEZONE\` Europe/Paris ; un ` +
  `\`VEVENT\` par calendrier (\`UID:office-hour-<id du calendrier>@psq\`, ` +
  `\`RRULE\` bornée par \`UNTIL\`, \`RDATE\`, lieu en \`LOCATION\` et \`GEO\`, ` +
  `notes d’accessibilité en \`DESCRIPTION\`) ; une permanence annulée ou ` +
  `déplacée est une surcharge de même UID avec son \`RECURRENCE-ID\` ` +
  `(\`STATUS:CANCELLED\` et le motif pour une annulation, plutôt qu’un ` +
  `\`EXDATE\` qui la cacherait), une permanence ajoutée un événement à part. ` +
  `${CACHED} \`Cache-Control: public, max-age=300\`.`;

/** What residents see without signing in: listings, the nearest office hour, and iCalendar feeds. */
export const publicOfficeHoursContracts = {
  listing: defineContract({
    method: 'GET',
    path: '/api/public/office-hours',
    tags,
    summary: "Prochaines permanences d'une commune ou d'un département",
    description:
      `Une commune (\`municipality\`, code INSEE) ou un département ` +
      `(\`department\` : \`57\`, \`2A\`, \`974\`…), l’un des deux et un seul (400 ` +
      `sinon) ; commune ou département inconnu : 404. Les permanences par lieu ` +
      `entre \`from\` et \`to\` (par défaut : d’aujourd’hui, date de Paris, à 62 ` +
      `jours plus tard ; au plus 366 jours ; une date inexistante ou une fin avant ` +
      `le début : 400), chacune \`scheduled\`, \`cancelled\` (avec son motif), ` +
      `\`moved\` (avec \`originalDate\`) ou \`added\`, avec le \`delegateUserId\` ` +
      `de son calendrier (pour le flux du délégué), \`bookingEnabled\` et ` +
      `\`slotMinutes\` ; les lieux sans permanence sur la période sont omis. Le ` +
      `département comprend tous les lieux de ses communes. ${CACHED} ` +
      `\`Cache-Control: no-cache\`.`,
    access: 'public',
    query: s.PublicOfficeHoursQuery,
    headers: s.ConditionalHeaders,
    responses: { 200: s.PublicOfficeHours },
  }),
  near: defineContract({
    method: 'GET',
    path: '/api/public/office-hours/near',
    tags,
    summary: 'Prochaine permanence près d’un point',
    description:
      'Le secteur et la commune du point (résolveur du territoire), puis la ' +
      'prochaine permanence encore tenue (ni annulée ni terminée, dans les 366 ' +
      'jours) de chaque lieu de la commune, avec sa distance au point : les lieux ' +
      'du secteur du point d’abord, puis par date. Un point hors de tout secteur : ' +
      '404.',
    access: 'public',
    query: s.NearOfficeHoursQuery,
    responses: { 200: s.NearOfficeHours },
  }),
  venueFeed: defineContract({
    method: 'GET',
    path: '/calendar/venues/:id.ics',
    tags,
    summary: "Flux iCalendar d'un lieu",
    description: `Les calendriers d’un lieu ; lieu inconnu : 404. ${FEED}`,
    access: 'public',
    params: IdParams,
    headers: s.ConditionalHeaders,
    responses: { 200: s.CalendarFeed },
    produces: 'text/calendar',
  }),
  communeFeed: defineContract({
    method: 'GET',
    path: '/calendar/communes/:insee.ics',
    tags,
    summary: "Flux iCalendar des permanences d'une commune",
    description: `Les calendriers des lieux d’une commune (code INSEE) ; commune inconnue : 404. ${FEED}`,
    access: 'public',
    params: s.InseeParams,
    headers: s.ConditionalHeaders,
    responses: { 200: s.CalendarFeed },
    produces: 'text/calendar',
  }),
  departmentFeed: defineContract({
    method: 'GET',
    path: '/calendar/departements/:code.ics',
    tags,
    summary: "Flux iCalendar des permanences d'un département",
    description:
      `Les calendriers de tous les lieux des communes du département (code \`57\`, ` +
      `\`2A\`, \`974\`… ; inconnu : 404). ${FEED}`,
    access: 'public',
    params: s.DepartmentCodeParams,
    headers: s.ConditionalHeaders,
    responses: { 200: s.CalendarFeed },
    produces: 'text/calendar',
  }),
  delegateFeed: defineContract({
    method: 'GET',
    path: '/calendar/delegates/:id.ics',
    tags,
    summary: "Flux iCalendar des permanences d'un délégué",
    description:
      `Les calendriers que tient un délégué, où qu’ils soient. Un délégué sans ` +
      `aucun calendrier répond 404, comme un identifiant inconnu : le flux ne ` +
      `révèle pas les comptes. ${FEED}`,
    access: 'public',
    params: IdParams,
    headers: s.ConditionalHeaders,
    responses: { 200: s.CalendarFeed },
    produces: 'text/calendar',
  }),
};
