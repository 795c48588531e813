import crypto from 'node:crypto';
import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { AppError, NotFoundError, UnprocessableError } from '../../../platform/errors.ts';
import type { AttachmentSummary, UploadReceipt } from '../../../../shared/requests/attachments.schemas.ts';
import { MalformedImageError, stripImageMetadata, type StrippableType } from './attachment-metadata.ts';
import { EncryptedPdfError, stripPdfMetadata, UnreadablePdfError } from './attachment-pdf.ts';
import { requestAttachments, requestUploads } from './request-attachments.tables.ts';

export const MAX_ATTACHMENTS = 5;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** By e-mail people also send scanned letters. */
export const EMAIL_TYPES = [...PHOTO_TYPES, 'application/pdf'] as const;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
const UPLOAD_TTL_MS = 60 * 60 * 1000;

export interface CheckedFile {
  filename: string;
  mediaType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} Mo`;

export class AttachmentTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(
      413,
      'trop-volumineux',
      'Fichier trop volumineux',
      `Chaque fichier doit peser ${megabytes(maxBytes)} au plus : réduisez la photo ou envoyez-en une autre.`,
    );
  }
}

/**
 * A name safe to show and to put in a Content-Disposition: no path, no control or markup
 * characters, the extension of the detected type (never the one the sender chose).
 */
export function sanitiseFilename(name: string | undefined, mediaType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} _().-]/gu, '_')
    .replace(/^[.\s_]+/, '')
    .slice(0, 80)
    .trim();
  return `${stem || 'piece-jointe'}.${EXTENSIONS[mediaType]}`;
}

/**
 * Checks one file: size, type detected from its bytes (the declared type and the name are not
 * trusted), metadata stripped from photos and PDFs. Refusals are French 413/422 errors.
 */
export async function checkAttachment(
  bytes: Buffer,
  name: string | undefined,
  allowed: readonly string[],
  maxBytes: number,
): Promise<CheckedFile> {
  if (bytes.length > maxBytes) throw new AttachmentTooLargeError(maxBytes);
  if (bytes.length === 0) throw new UnprocessableError('Le fichier est vide.');
  const detected = await fileTypeFromBuffer(bytes);
  const accepted = allowed.map((type) => EXTENSIONS[type].toUpperCase()).join(', ');
  if (!detected || !allowed.includes(detected.mime))
    throw new UnprocessableError(
      `Ce fichier n’est pas une photo acceptée (${accepted}) : son contenu ne ` +
        `correspond pas à une image, quel que soit son nom.`,
    );
  const clean =
    detected.mime === 'application/pdf' ? await cleanPdf(bytes) : cleanImage(detected.mime as StrippableType, bytes);
  return {
    filename: sanitiseFilename(name, detected.mime),
    mediaType: detected.mime,
    bytes: clean,
    size: clean.length,
    sha256: crypto.createHash('sha256').update(clean).digest('hex'),
  };
}

function cleanImage(type: StrippableType, bytes: Buffer): Buffer {
  try {
    return stripImageMetadata(type, bytes);
  } catch (error) {
    if (error instanceof MalformedImageError)
      throw new UnprocessableError('Cette image est endommagée ou incomplète : elle ne peut pas être enregistrée.');
    throw error;
  }
}

/** A PDF whose metadata cannot be removed is not kept as it is: refused, like a broken photo. */
async function cleanPdf(bytes: Buffer): Promise<Buffer> {
  try {
    return await stripPdfMetadata(bytes);
  } catch (error) {
    if (error instanceof EncryptedPdfError)
      throw new UnprocessableError(
        'Ce PDF est protégé (chiffré ou par mot de passe) : il ne peut pas être ' +
          'enregistré. Envoyez-le sans protection, ou imprimez-le en PDF.',
      );
    if (error instanceof UnreadablePdfError)
      throw new UnprocessableError('Ce PDF est endommagé ou illisible : il ne peut pas être enregistré.');
    throw error;
  }
}

/** Keeps a checked photo of the public form for one hour, until the request names it. */
export async function stageUpload(db: Executor, file: CheckedFile, now = new Date()): Promise<UploadReceipt> {
  const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS);
  const [row] = await db
    .insert(requestUploads)
    .values({
      filename: file.filename,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      bytes: file.bytes,
      expiresAt,
    })
    .returning({ id: requestUploads.id });
  return {
    uploadId: row.id,
    filename: file.filename,
    mediaType: file.mediaType,
    size: file.size,
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * The public form's photo, sent as the raw body: an image (else 415), checked and stripped, kept
 * one hour until the request names it.
 */
export async function uploadPhoto(
  executor: Executor,
  body: unknown,
  filename: string | undefined,
  maxBytes: number,
): Promise<UploadReceipt> {
  // Other bodies (JSON, forms) arrive parsed by the app's own parsers.
  if (!Buffer.isBuffer(body))
    throw new AppError(
      415,
      'type-non-supporte',
      'Type de contenu non pris en charge',
      'Envoyez la photo elle-même, de type image/jpeg, image/png ou image/webp.',
    );
  return stageUpload(executor, await checkAttachment(body, filename, PHOTO_TYPES, maxBytes));
}

/**
 * Moves the named uploads onto the request (each one once); an unknown or expired id refuses the
 * whole request. Two statements: run in the request's transaction (or one of its own).
 */
export async function attachUploads(executor: Executor, requestId: string, uploadIds: string[]): Promise<number> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return 0;
  if (ids.length > MAX_ATTACHMENTS)
    throw new UnprocessableError(`${MAX_ATTACHMENTS} photos au plus par demande.`, [
      { pointer: '/attachmentIds', message: `${MAX_ATTACHMENTS} photos au plus.` },
    ]);
  return withTransaction(executor, (tx) => moveUploads(tx, requestId, ids));
}

async function moveUploads(tx: Tx, requestId: string, ids: string[]): Promise<number> {
  const taken = await tx
    .delete(requestUploads)
    .where(and(inArray(requestUploads.id, ids), gt(requestUploads.expiresAt, new Date())))
    .returning();
  if (taken.length !== ids.length)
    throw new UnprocessableError('Une photo jointe a expiré ou a déjà servi : ajoutez-la de nouveau.', [
      { pointer: '/attachmentIds', message: 'Photo expirée ou inconnue.' },
    ]);
  await tx.insert(requestAttachments).values(
    taken.map((u) => ({
      requestId,
      filename: u.filename,
      mediaType: u.mediaType,
      size: u.size,
      sha256: u.sha256,
      bytes: u.bytes,
      source: 'web' as const,
    })),
  );
  return taken.length;
}

export async function storeAttachment(
  tx: Executor,
  requestId: string,
  file: CheckedFile,
  source: 'web' | 'email',
): Promise<void> {
  await tx.insert(requestAttachments).values({
    requestId,
    filename: file.filename,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    bytes: file.bytes,
    source,
  });
}

export async function listAttachments(db: Executor, requestId: string): Promise<AttachmentSummary[]> {
  const rows = await db
    .select({
      id: requestAttachments.id,
      filename: requestAttachments.filename,
      mediaType: requestAttachments.mediaType,
      size: requestAttachments.size,
      source: requestAttachments.source,
      createdAt: requestAttachments.createdAt,
    })
    .from(requestAttachments)
    .where(eq(requestAttachments.requestId, requestId))
    .orderBy(asc(requestAttachments.createdAt), asc(requestAttachments.id));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function loadAttachment(
  db: Executor,
  requestId: string,
  attachmentId: string,
): Promise<typeof requestAttachments.$inferSelect> {
  const [row] = await db
    .select()
    .from(requestAttachments)
    .where(and(eq(requestAttachments.id, attachmentId), eq(requestAttachments.requestId, requestId)));
  if (!row) throw new NotFoundError('Pièce jointe introuvable.');
  return row;
}

/** How a file leaves: always as a download in its own type, never rendered nor sniffed, never cached. */
export function downloadHeaders(file: Pick<typeof requestAttachments.$inferSelect, 'filename' | 'mediaType'>) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'content-type': file.mediaType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
}

/** Retention: uploads the form never used. */
export async function purgeExpiredUploads(db: Executor, now = new Date()): Promise<number> {
  const rows = await db
    .delete(requestUploads)
    .where(lt(requestUploads.expiresAt, now))
    .returning({ id: requestUploads.id });
  return rows.length;
}
