import type {
  CategoryTargetUpdate,
  EffectiveTarget,
  EffectiveTargetList,
} from '../../shared/requests/targets.schemas.ts';
import type { RequestCategory } from '../../shared/requests/requests.schemas.ts';
import { request } from './http.ts';

/** `?departmentId=` when the page knows which département; without it, the server takes the user's only one. */
const inDepartment = (departmentId: string | undefined) =>
  departmentId ? `?departmentId=${encodeURIComponent(departmentId)}` : '';

/** A département's acknowledgement and answer targets per category: read by its staff, changed by its administrators. */
export const requestTargetsApi = {
  list: (departmentId?: string) =>
    request<EffectiveTargetList>(`/api/requests/category-targets${inDepartment(departmentId)}`),
  update: (departmentId: string, category: RequestCategory, body: CategoryTargetUpdate) =>
    request<EffectiveTarget>(`/api/requests/category-targets/${category}${inDepartment(departmentId)}`, {
      method: 'PUT',
      body,
    }),
  reset: (departmentId: string, category: RequestCategory) =>
    request<EffectiveTarget>(`/api/requests/category-targets/${category}${inDepartment(departmentId)}`, {
      method: 'DELETE',
    }),
};
