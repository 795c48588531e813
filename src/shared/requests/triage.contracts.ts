import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './triage.schemas.ts';

const tags = ['Demandes (agents)'];

/** The triage helpers of a request's page: possible duplicates to mark, people to assign. */
export const triageContracts = {
  duplicates: defineContract({
    method: 'GET',
    path: '/api/requests/:id/duplicates',
    tags,
    summary: 'Doublons possibles : même catégorie, à moins de 200 m, des 30 derniers jours',
    description:
      'Les demandes de même catégorie à moins de 200 m (formule de haversine, ' +
      'après une boîte latitude/longitude sur l’index ' +
      '`requests_category_point_idx`), reçues dans les 30 derniers jours, ni ' +
      'elle-même ni close comme doublon, et que l’appelant peut voir ; les plus ' +
      'proches d’abord, 10 au plus, avec `distanceMeters` et un extrait. Une ' +
      'demande sans point : aucune. La demande elle-même suit la règle de lecture ' +
      'des demandes (404 sinon).',
    access: { permission: 'requests.read' },
    params: IdParams,
    responses: { 200: s.DuplicateSuggestions },
  }),
  assignees: defineContract({
    method: 'GET',
    path: '/api/requests/:id/assignees',
    tags,
    summary: 'Agents à qui attribuer la demande (son territoire)',
    description:
      'Les comptes actifs qui peuvent traiter la demande là où elle est ' +
      '(`requests.handle` sur son territoire) : les seules cibles acceptées par ' +
      'l’action `assign`.',
    access: { permission: 'requests.handle' },
    params: IdParams,
    responses: { 200: s.RequestAssignees },
  }),
};
