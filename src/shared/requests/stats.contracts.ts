import { defineContract } from '../contract.ts';
import * as s from './stats.schemas.ts';

/** Statistics of the requests the caller may read. */
export const statsContracts = {
  stats: defineContract({
    method: 'GET',
    path: '/api/requests/stats',
    tags: ['Demandes (agents)'],
    summary: 'Statistiques des demandes de mon territoire',
    description:
      'Les demandes reçues dans la période (jours de Paris `AAAA-MM-JJ`, bornes ' +
      'comprises ; par défaut les douze derniers mois ; cinq ans au plus ; une ' +
      'période invalide ou à l’envers : 400) parmi celles que l’appelant peut lire ' +
      '(la règle de la boîte de réception : ses territoires, les confidentielles ' +
      'seulement quand il peut les voir), éventuellement d’un seul secteur ' +
      '(`sectorId`) : `total`, `byCategory`, `byMonth` (chaque mois de la période, ' +
      'zéros compris), `byStatus`, `byChannel`, et les délais `acknowledgement` et ' +
      '`answer` (`count`, `medianHours`, `p90Hours` depuis la réception, sur les ' +
      'demandes qui ont atteint l’étape). Les mêmes chiffres viennent de ' +
      '`computeRequestStats(db, scope, range)` (export du module) pour les ' +
      'diagnostics du groupe de partenariat.',
    access: { permission: 'requests.read' },
    query: s.RequestStatsQuery,
    responses: { 200: s.RequestStats },
  }),
};
