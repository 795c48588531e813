import type { RequestStats, RequestStatsQuery } from '../../shared/requests/stats.schemas.ts';
import { query, request } from './http.ts';

/** Statistics of the requests of the staff member's territory. */
export const requestStatsApi = {
  stats: (filters: RequestStatsQuery) => request<RequestStats>(`/api/requests/stats${query({ ...filters })}`),
};
