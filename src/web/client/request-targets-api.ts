import type { CategoryTargetUpdate, EffectiveTarget, EffectiveTargetList } from '../../shared/request-targets.schemas.ts';
import type { RequestCategory } from '../../shared/requests.schemas.ts';
import { request } from './http.ts';

/** The categories' national acknowledgement and answer targets: read by staff, changed by administrators. */
export const requestTargetsApi = {
  list: () => request<EffectiveTargetList>('/api/requests/category-targets').then((r) => r.items),
  update: (category: RequestCategory, body: CategoryTargetUpdate) => request<EffectiveTarget>(`/api/requests/category-targets/${category}`, { method: 'PUT', body }),
  reset: (category: RequestCategory) => request<EffectiveTarget>(`/api/requests/category-targets/${category}`, { method: 'DELETE' }),
};
