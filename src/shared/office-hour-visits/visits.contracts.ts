import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './visits.schemas.ts';

const tags = ['Permanences (visites)'];
const READ = { permission: 'visits.read' } as const;
const RECORD = { permission: 'visits.record' } as const;
const WHO_READS =
  'Une visite est lue par le délégué qui l’a notée (dans son territoire), les référents police de son secteur, de sa commune ou de sa circonscription et les administrateurs de son département ; pour tout autre, 404 comme une visite inconnue.';

/** Confidential visit records of office hours, and the delegate's dashboard. */
export const visitContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/office-hours/visits',
    tags,
    summary: 'Visites notées en permanence (lecture tracée)',
    description: `Les visites que l’appelant peut lire, les plus récentes d’abord (200 au plus). ${WHO_READS} Chaque lecture est inscrite au journal d’audit (office-hours.visit.read, avec les identifiants).`,
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
      'À une occurrence (`scheduleId` + `date`, 422 si la permanence n’a pas lieu ce jour-là) ou, hors permanence, à un lieu (`venueId` + `date`). La visite prend le secteur, la commune et le département du lieu ; l’appelant doit couvrir ce territoire (404 sinon). Les coordonnées sont vérifiées comme celles d’une demande.',
    access: RECORD,
    body: s.VisitCreate,
    responses: { 201: s.Visit },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/office-hours/visits/:id',
    tags,
    summary: 'Une visite et la demande qui en est issue (lecture tracée)',
    description: `${WHO_READS} De la demande issue de la visite, seul l’état est montré.`,
    access: READ,
    params: IdParams,
    responses: { 200: s.Visit },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/office-hours/visits/:id',
    tags,
    summary: 'Compléter une visite ou sa suite',
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
    description: 'La demande qui en est issue, s’il y en a une, reste (elle suit sa propre conservation).',
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
      'Crée une demande (canal « permanence ») routée par le lieu de la visite, liée dans les deux sens ; une visite ne se transforme qu’une fois (409 ensuite). L’anonymat retire le nom noté par le délégué.',
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
      'Prochaines permanences, rendez-vous à venir (le nom des personnes seulement là où l’appelant gère les permanences : lecture tracée), visites en attente de suite et comptes des 12 derniers mois par catégorie et par lieu.',
    access: READ,
    responses: { 200: s.Dashboard },
  }),
};
