import type { DuplicateSuggestions, RequestAssignees } from '../../shared/requests/triage.schemas.ts';
import type { RequestList, RequestListQuery } from '../../shared/requests/requests.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** The inbox one page at a time, and the triage helpers of a request. */
export const requestTriageApi = {
  page: (filters: RequestListQuery) => request<RequestList>(`/api/requests${query(filters)}`),
  duplicates: (requestId: string) =>
    request<DuplicateSuggestions>(`/api/requests/${id(requestId)}/duplicates`).then((r) => r.items),
  assignees: (requestId: string) =>
    request<RequestAssignees>(`/api/requests/${id(requestId)}/assignees`).then((r) => r.items),
};
