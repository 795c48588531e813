import type {
  RequestAction,
  RequestAnswerCreate,
  RequestCreate,
  RequestDetail,
  RequestList,
  RequestListQuery,
  RequestReceipt,
  TrackView,
} from '../../shared/requests/requests.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Residents' requests: the public form and tracking link, and the staff inbox. */
export const requestsApi = {
  /** The same `idempotencyKey` for every attempt of one form: a retry returns the first receipt. */
  submit: (body: RequestCreate, idempotencyKey: string) =>
    request<RequestReceipt>('/api/requests', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  track: (token: string) => request<TrackView>(`/api/requests/track/${id(token)}`),
  reply: (token: string, text: string) =>
    request<TrackView>(`/api/requests/track/${id(token)}/replies`, { method: 'POST', body: { text } }),

  list: (filters: RequestListQuery) => request<RequestList>(`/api/requests${query(filters)}`).then((r) => r.items),
  detail: (requestId: string) => request<RequestDetail>(`/api/requests/${id(requestId)}`),
  act: (requestId: string, body: RequestAction) =>
    request<unknown>(`/api/requests/${id(requestId)}/actions`, { method: 'POST', body }),
  addNote: (requestId: string, text: string) =>
    request<unknown>(`/api/requests/${id(requestId)}/notes`, { method: 'POST', body: { text } }),
  answer: (requestId: string, body: RequestAnswerCreate) =>
    request<unknown>(`/api/requests/${id(requestId)}/answers`, { method: 'POST', body }),
};
