import type {
  Dashboard,
  Visit,
  VisitConversion,
  VisitCreate,
  VisitList,
  VisitListQuery,
  VisitUpdate,
} from '../../shared/office-hour-visits.schemas.ts';
import type { StaffRequestCreate, StaffRequestReceipt } from '../../shared/requests-staff.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Confidential office-hour visits, the delegate's dashboard, and requests recorded by staff (a phone call). */
export const visitsApi = {
  dashboard: () => request<Dashboard>('/api/office-hours/dashboard'),
  list: (filters: VisitListQuery) =>
    request<VisitList>(`/api/office-hours/visits${query(filters)}`).then((r) => r.items),
  detail: (visitId: string) => request<Visit>(`/api/office-hours/visits/${id(visitId)}`),
  create: (body: VisitCreate) => request<Visit>('/api/office-hours/visits', { method: 'POST', body }),
  update: (visitId: string, body: VisitUpdate) =>
    request<Visit>(`/api/office-hours/visits/${id(visitId)}`, { method: 'PATCH', body }),
  remove: (visitId: string) => request<void>(`/api/office-hours/visits/${id(visitId)}`, { method: 'DELETE' }),
  convert: (visitId: string, body: VisitConversion) =>
    request<Visit>(`/api/office-hours/visits/${id(visitId)}/request`, { method: 'POST', body }),
  recordCall: (body: StaffRequestCreate) =>
    request<StaffRequestReceipt>('/api/requests/staff', { method: 'POST', body }),
};
