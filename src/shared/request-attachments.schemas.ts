import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from './common.schemas.ts';

/** Wire contract of requests' attachments (photos of the public form, files of e-mails). */

/** `POST /api/requests/uploads`: the raw photo is the body; what comes back names it in the request. */
export const UploadReceipt = Type.Object({
  uploadId: Uuid,
  filename: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type UploadReceipt = Static<typeof UploadReceipt>;

export const UploadQuery = StrictObject({ filename: Type.Optional(Type.String({ maxLength: 200 })) });

export const AttachmentSummary = Type.Object({
  id: Uuid,
  filename: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  source: Type.Union([Type.Literal('web'), Type.Literal('email')]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AttachmentSummary = Static<typeof AttachmentSummary>;
export const AttachmentList = Type.Object({ items: Type.Array(AttachmentSummary) });
export type AttachmentList = Static<typeof AttachmentList>;

export const AttachmentParams = StrictObject({ id: Uuid, attachmentId: Uuid });

/** Sector mailboxes received by the platform's SMTP listener (`/api/requests/mailboxes`). */
export const Mailbox = Type.Object({
  id: Uuid,
  address: Type.String(),
  sector: Type.Union([Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }), Type.Null()]),
  departmentId: Uuid,
  createdAt: Type.String({ format: 'date-time' }),
});
export type Mailbox = Static<typeof Mailbox>;
export const MailboxList = Type.Object({ items: Type.Array(Mailbox) });
export type MailboxList = Static<typeof MailboxList>;
/** Either a sector (its mailbox) or a département (its catch-all address). */
export const MailboxCreate = StrictObject({
  address: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@<>,;"()\\[\\]\\\\]+@[^\\s@<>,;"()\\[\\]\\\\]+\\.[^\\s@<>,;"()\\[\\]\\\\]+$' }),
  sectorId: Type.Optional(Uuid),
  departmentId: Type.Optional(Uuid),
});
export type MailboxCreate = Static<typeof MailboxCreate>;
