import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';

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

/** `GET /api/requests/:id/attachments/:attachmentId`: the file's bytes, in its own media type, always as a download. */
export const AttachmentFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });

/** How the platform reaches an IMAP server: implicit TLS (993), STARTTLS (143), or plain (127.0.0.1 / localhost only, for tests). */
export const ImapSecurity = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')]);
export type ImapSecurity = Static<typeof ImapSecurity>;

const NullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** A mailbox's IMAP source as staff see it: never the password, only whether one is set; the last run's outcome (French). */
export const MailboxImap = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  security: ImapSecurity,
  user: Type.String(),
  folder: Type.String(),
  passwordSet: Type.Boolean(),
  lastRunAt: NullableDate,
  lastSuccessAt: NullableDate,
  /** The last run's error in French (connection refused, password refused, TLS…), null when it went well. */
  lastError: Type.Union([Type.String(), Type.Null()]),
  /** What the last successful run did (« 2 demandes créées. »…). */
  lastSummary: Type.Union([Type.String(), Type.Null()]),
});
export type MailboxImap = Static<typeof MailboxImap>;

/** Sector mailboxes received by the platform's SMTP listener (`/api/requests/mailboxes`), and fetched by IMAP when `imap` is set. */
export const Mailbox = Type.Object({
  id: Uuid,
  address: Type.String(),
  sector: Type.Union([Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }), Type.Null()]),
  departmentId: Uuid,
  createdAt: Type.String({ format: 'date-time' }),
  imap: Type.Union([MailboxImap, Type.Null()]),
});
export type Mailbox = Static<typeof Mailbox>;
export const MailboxList = Type.Object({ items: Type.Array(Mailbox) });
export type MailboxList = Static<typeof MailboxList>;
/** Either a sector (its mailbox) or a département (its catch-all address). */
export const MailboxCreate = StrictObject({
  address: Type.String({
    minLength: 3,
    maxLength: 254,
    pattern: '^[^\\s@<>,;"()\\[\\]\\\\]+@[^\\s@<>,;"()\\[\\]\\\\]+\\.[^\\s@<>,;"()\\[\\]\\\\]+$',
  }),
  sectorId: Type.Optional(Uuid),
  departmentId: Type.Optional(Uuid),
});
export type MailboxCreate = Static<typeof MailboxCreate>;

/**
 * `PUT /api/requests/mailboxes/:id/imap`: where to fetch the mailbox. The password may be left
 * out to keep the one already stored (it is never sent back); a first configuration needs it.
 */
export const MailboxImapInput = StrictObject({
  host: Type.String({
    minLength: 1,
    maxLength: 253,
    pattern: '^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]+)$',
  }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  security: ImapSecurity,
  user: Type.String({ minLength: 1, maxLength: 254, pattern: '^[^\\x00-\\x1F\\x7F]+$' }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, pattern: '^[^\\x00\\r\\n]+$' })),
  folder: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1F\\x7F*%]+$' })),
});
export type MailboxImapInput = Static<typeof MailboxImapInput>;
