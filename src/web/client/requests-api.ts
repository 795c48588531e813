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
};
