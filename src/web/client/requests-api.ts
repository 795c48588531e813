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
import type {
  AttachmentList,
  Mailbox,
  MailboxCreate,
  MailboxImapInput,
  MailboxList,
  UploadReceipt,
} from '../../shared/requests/attachments.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Residents' requests: the public form and tracking link, and the staff inbox. */
export const requestsApi = {
  /** The same `idempotencyKey` for every attempt of one form: a retry returns the first receipt. */
  submit: (body: RequestCreate, idempotencyKey: string) =>
    request<RequestReceipt>('/api/requests', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** One photo of the form, before the request names it in `attachmentIds`. */
  uploadPhoto: (file: File) =>
    request<UploadReceipt>(`/api/requests/uploads${query({ filename: file.name })}`, { method: 'POST', file }),
  attachments: (requestId: string) =>
    request<AttachmentList>(`/api/requests/${id(requestId)}/attachments`).then((r) => r.items),
  /** A download link (the server always answers it as an attachment). */
  attachmentUrl: (requestId: string, attachmentId: string) =>
    `/api/requests/${id(requestId)}/attachments/${id(attachmentId)}`,
  mailboxes: () => request<MailboxList>('/api/requests/mailboxes').then((r) => r.items),
  addMailbox: (body: MailboxCreate) => request<Mailbox>('/api/requests/mailboxes', { method: 'POST', body }),
  deleteMailbox: (mailboxId: string) => request<void>(`/api/requests/mailboxes/${id(mailboxId)}`, { method: 'DELETE' }),
  setMailboxImap: (mailboxId: string, body: MailboxImapInput) =>
    request<Mailbox>(`/api/requests/mailboxes/${id(mailboxId)}/imap`, { method: 'PUT', body }),
  removeMailboxImap: (mailboxId: string) =>
    request<void>(`/api/requests/mailboxes/${id(mailboxId)}/imap`, { method: 'DELETE' }),
  fetchMailboxImap: (mailboxId: string) =>
    request<Mailbox>(`/api/requests/mailboxes/${id(mailboxId)}/imap/fetch`, { method: 'POST' }),
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
