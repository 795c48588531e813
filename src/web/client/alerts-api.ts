import type {
  AckResult,
  AckView,
  AlertClose,
  AlertCommuneList,
  AlertContact,
  AlertContactCreate,
  AlertContactList,
  AlertContactUpdate,
  AlertCreate,
  AlertDetail,
  AlertList,
  AlertPreview,
  AlertPreviewRequest,
  AlertStatus,
  AlertUpdateCreate,
} from '../../shared/alerts/alerts.schemas.ts';
import { query, request } from './http.ts';

/** Operational alerts to mayors: sending, reading, acknowledging, and each commune's contact list. */
export const alertsApi = {
  list: (status?: AlertStatus) => request<AlertList>(`/api/alerts${query({ status })}`).then((r) => r.items),
  get: (id: string, signal?: AbortSignal) => request<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}`, { signal }),
  /** Communes the sender may alert (`q` filters names). */
  communes: (q?: string, signal?: AbortSignal) =>
    request<AlertCommuneList>(`/api/alerts/communes${query({ q })}`, { signal }).then((r) => r.items),
  /** The commune at a point (404: in no sector, or outside my territory). */
  communeAt: (lat: number, lon: number) =>
    request<AlertCommuneList>(`/api/alerts/communes${query({ lat, lon })}`).then((r) => r.items[0] ?? null),
  preview: (body: AlertPreviewRequest, signal?: AbortSignal) =>
    request<AlertPreview>('/api/alerts/preview', { method: 'POST', body, signal }),
  create: (body: AlertCreate) => request<AlertDetail>('/api/alerts', { method: 'POST', body }),
  sendUpdate: (id: string, body: AlertUpdateCreate) =>
    request<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}/updates`, { method: 'POST', body }),
  close: (id: string, body: AlertClose) =>
    request<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}/close`, { method: 'POST', body }),
  /** In-app acknowledgement by a recipient whose linked account is the signed-in one. */
  acknowledge: (id: string) =>
    request<AckResult>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' }),

  /** The short link of the SMS: GET only shows, POST acknowledges. */
  ackView: (code: string) =>
    request<AckView>(`/api/alerts/ack/${encodeURIComponent(code)}`, { unauthorizedIsAnswer: true }),
  ackByLink: (code: string) =>
    request<AckResult>(`/api/alerts/ack/${encodeURIComponent(code)}`, { method: 'POST', unauthorizedIsAnswer: true }),

  contacts: (communeId: string) => request<AlertContactList>(`/api/communes/${encodeURIComponent(communeId)}/contacts`),
  createContact: (communeId: string, body: AlertContactCreate) =>
    request<AlertContact>(`/api/communes/${encodeURIComponent(communeId)}/contacts`, { method: 'POST', body }),
  updateContact: (id: string, body: AlertContactUpdate) =>
    request<AlertContact>(`/api/alert-contacts/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  deleteContact: (id: string) => request<void>(`/api/alert-contacts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
