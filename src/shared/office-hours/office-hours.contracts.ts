import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './office-hours.schemas.ts';

const tags = ['Permanences'];
const MANAGE = { permission: 'office-hours.manage' } as const;
const WHO =
  'Les délégués et les administrateurs gèrent les permanences de leur ' +
  'territoire (permission office-hours.manage) : un lieu, un calendrier ou un ' +
  'changement d’un autre territoire répond 404, comme un identifiant inconnu.';
const PLAIN =
  'Les textes libres (noms, adresses, notes, motifs) sont du texte brut : un ' +
  'balisage (« < » suivi d’une lettre, de « / », « ! » ou « ? ») ou un ' +
  'caractère de contrôle (et un saut de ligne dans un champ d’une ligne) est ' +
  'refusé (400, message en français) ; un « < » isolé est accepté.';
const RULES =
  'Le calendrier est gardé comme sa règle, jamais comme des dates développées ' +
  ': les heures (`startTime`–`endTime`, « HH:MM ») sont des heures de Paris, ' +
  'développées date par date, si bien que 14:00 reste 14:00 aux changements ' +
  'd’heure. `rrule` est la valeur d’une RRULE RFC 5545 (par exemple ' +
  '`FREQ=WEEKLY;BYDAY=WE`, `FREQ=MONTHLY;BYDAY=1TH`, ' +
  '`FREQ=WEEKLY;INTERVAL=2;BYDAY=MO`) et/ou `rdates` des dates explicites ; ' +
  '`endDate` est facultative quand la règle a UNTIL ou COUNT ou qu’il n’y a ' +
  'que des dates. Refusés par un 400 en français : une règle sans fin ni date ' +
  'de fin, une période de plus de deux ans (731 jours) ou de plus de 1 000 ' +
  'permanences (`FREQ=DAILY;COUNT=100000`), une fréquence infra-journalière ou ' +
  'BYHOUR / BYMINUTE / BYSECOND (l’heure vient du calendrier ; parties ' +
  'acceptées : FREQ DAILY/WEEKLY/MONTHLY/YEARLY, UNTIL ou COUNT, INTERVAL, ' +
  'BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST), une fin ' +
  'avant le début, une date inexistante, une date explicite hors de la ' +
  'période, un calendrier sans aucune permanence, un créneau plus long que la ' +
  'permanence, la réservation ouverte sans durée de créneau.';

/** Venues, schedules and occurrence changes, managed by delegates and admins within their territory. */
export const officeHoursContracts = {
  listVenues: defineContract({
    method: 'GET',
    path: '/api/office-hours/venues',
    tags,
    summary: 'Lieux de permanence de mon territoire',
    description:
      'Les lieux dont la commune ou le secteur est dans un territoire où ' +
      'l’appelant gère les permanences (ses affectations et ce qu’elles ' +
      'contiennent), par nom : nom, adresse, `lon`/`lat`, notes d’accessibilité, ' +
      'secteur et commune (issus du point).',
    access: MANAGE,
    responses: { 200: s.OfficeHourVenueList },
  }),
  createVenue: defineContract({
    method: 'POST',
    path: '/api/office-hours/venues',
    tags,
    summary: 'Ajouter un lieu de permanence',
    description:
      `Nom, adresse, \`lon\`/\`lat\`, notes d’accessibilité. Le secteur et la ` +
      `commune viennent du point (résolveur du territoire) : un point hors de tout ` +
      `secteur répond 422, un point hors du territoire de l’appelant 404. ${PLAIN} ` +
      `Audit office-hours.venue.created.`,
    access: MANAGE,
    body: s.OfficeHourVenueCreate,
    responses: { 201: s.OfficeHourVenue },
  }),
  getVenue: defineContract({
    method: 'GET',
    path: '/api/office-hours/venues/:id',
    tags,
    summary: 'Un lieu, ses calendriers et leurs changements',
    description:
      `Le lieu, ses calendriers (règle, dates, heures, réservation) et, pour ` +
      `chacun, ses changements (annulations, déplacements, ajouts). ${WHO}`,
    access: MANAGE,
    params: IdParams,
    responses: { 200: s.OfficeHourVenueDetail },
  }),
  updateVenue: defineContract({
    method: 'PATCH',
    path: '/api/office-hours/venues/:id',
    tags,
    summary: 'Modifier un lieu de permanence',
    description:
      `Les champs donnés seulement (un au moins). Un déplacement (\`lon\`/\`lat\`) ` +
      `recalcule le secteur et la commune : hors de tout secteur, 422 ; hors du ` +
      `territoire de l’appelant, 422 (« Ce nouvel emplacement est hors de votre ` +
      `territoire. »). ${WHO} ${PLAIN} Audit office-hours.venue.updated.`,
    access: MANAGE,
    params: IdParams,
    body: s.OfficeHourVenueUpdate,
    responses: { 200: s.OfficeHourVenue },
  }),
  deleteVenue: defineContract({
    method: 'DELETE',
    path: '/api/office-hours/venues/:id',
    tags,
    summary: 'Retirer un lieu et ses calendriers',
    description:
      `Retire le lieu avec ses calendriers, leurs changements et leurs ` +
      `réservations. ${WHO} Audit office-hours.venue.deleted.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  createSchedule: defineContract({
    method: 'POST',
    path: '/api/office-hours/schedules',
    tags,
    summary: 'Ajouter un calendrier de permanences (RRULE et/ou dates)',
    description:
      `Un calendrier d’un lieu (\`venueId\`, du territoire de l’appelant, 404 ` +
      `sinon) : titre, heures, règle et/ou dates, période (\`startDate\`, ` +
      `\`endDate\`), \`bookingEnabled\` et \`slotMinutes\` (5 à 480 minutes) pour ` +
      `ouvrir la réservation en ligne. \`delegateUserId\` (le délégué qui tient la ` +
      `permanence) vaut l’appelant par défaut ; un identifiant qui n’est celui ` +
      `d’aucun compte répond 422. ${RULES} ${PLAIN} Audit ` +
      `office-hours.schedule.created.`,
    access: MANAGE,
    body: s.OfficeHourScheduleCreate,
    responses: { 201: s.OfficeHourSchedule },
  }),
  updateSchedule: defineContract({
    method: 'PATCH',
    path: '/api/office-hours/schedules/:id',
    tags,
    summary: 'Modifier un calendrier de permanences',
    description:
      `Les champs donnés seulement (un au moins), vérifiés avec les autres comme à ` +
      `la création. Les changements des permanences que la nouvelle règle n’a plus ` +
      `sont retirés avec la modification (même transaction). ${RULES} ${WHO} Audit ` +
      `office-hours.schedule.updated (avec le nombre de changements retirés).`,
    access: MANAGE,
    params: IdParams,
    body: s.OfficeHourScheduleUpdate,
    responses: { 200: s.OfficeHourSchedule },
  }),
  deleteSchedule: defineContract({
    method: 'DELETE',
    path: '/api/office-hours/schedules/:id',
    tags,
    summary: 'Supprimer un calendrier de permanences',
    description:
      `Supprime le calendrier avec ses changements et ses réservations. ${WHO} ` +
      `Audit office-hours.schedule.deleted.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  addException: defineContract({
    method: 'POST',
    path: '/api/office-hours/schedules/:id/exceptions',
    tags,
    summary: 'Annuler, déplacer ou ajouter une permanence',
    description:
      `Annule une permanence (\`kind: cancelled\`, \`originalDate\`, \`reason\` ` +
      `public), la déplace (\`moved\`, \`originalDate\`, nouvelle \`date\` et ` +
      `heures) ou en ajoute une (\`added\`, \`date\` et heures). La date d’origine ` +
      `doit être une permanence du calendrier (400 sinon) ; une nouvelle date doit ` +
      `exister et rester à moins d’un an de la période du calendrier (400 sinon) ; ` +
      `la fin après le début. Un second changement de la même permanence répond ` +
      `409 (retirer d’abord le premier). ${WHO} ${PLAIN} Audit ` +
      `office-hours.occurrence.cancelled, .moved ou .added.`,
    access: MANAGE,
    params: IdParams,
    body: s.OfficeHourExceptionCreate,
    responses: { 201: s.OfficeHourException },
  }),
  deleteException: defineContract({
    method: 'DELETE',
    path: '/api/office-hours/exceptions/:id',
    tags,
    summary: 'Retirer un changement (la permanence revient comme prévu)',
    description:
      `Retirer une annulation ou un déplacement rétablit la permanence à sa date ; ` +
      `retirer un ajout l’efface. ${WHO} Audit office-hours.occurrence.restored.`,
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
};
