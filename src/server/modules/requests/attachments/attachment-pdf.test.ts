import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { GPS_MARK, PLAIN_JPEG } from './attachment.fixtures.ts';
import { EncryptedPdfError, stripPdfMetadata, UnreadablePdfError } from './attachment-pdf.ts';
import {
  CORRUPT_PDF,
  encryptedPdf,
  PDF_AUTHOR,
  PDF_TITLE,
  PDF_XMP_MARK,
  pdfWithMetadata,
  pdfWithOrphanInfo,
} from './pdf.fixtures.ts';
import { checkAttachment, EMAIL_TYPES, PHOTO_TYPES } from './request-attachments.ts';

const MAX = 10 * 1024 * 1024;
/** pdf-lib writes Info strings as UTF-16 hex: look for both spellings. */
const mentions = (bytes: Buffer, text: string) =>
  bytes.toString('latin1').includes(text) ||
  bytes.toString('latin1').includes(PDFHexString.fromText(text).toString().slice(1, -1));

async function expectClean(output: Buffer) {
  for (const text of [
    PDF_AUTHOR,
    PDF_TITLE,
    PDF_XMP_MARK,
    GPS_MARK,
    'Scanner Pro',
    'Quartz PDFContext',
    'Nouvelle version',
  ])
    expect(mentions(output, text), text).toBe(false);
  const doc = await PDFDocument.load(output, { updateMetadata: false });
  expect(doc.context.trailerInfo.Info).toBeUndefined();
  expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
  expect([doc.getAuthor(), doc.getTitle(), doc.getCreator(), doc.getProducer(), doc.getCreationDate()]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect(doc.getPageCount()).toBe(1);
  return doc;
}

describe('stripping PDF metadata', () => {
  it('removes the Info dictionary and the catalog’s XMP stream, keeps the page and its text', async () => {
    const input = await pdfWithMetadata();
    expect(mentions(input, PDF_AUTHOR) && mentions(input, PDF_TITLE) && mentions(input, PDF_XMP_MARK)).toBe(true);
    const output = await stripPdfMetadata(input);
    await expectClean(output);
    // The page and its content stream are copied as they were.
    const before = await PDFDocument.load(input);
    const after = await PDFDocument.load(output);
    expect(after.getPage(0).getSize()).toEqual(before.getPage(0).getSize());
  });

  it(
    'drops the Exif and XMP (GPS) of an embedded JPEG photo and keeps the image ' +
      'data byte for byte, with object streams too',
    async () => {
      for (const useObjectStreams of [false, true]) {
        const input = await pdfWithMetadata({ photo: true, useObjectStreams });
        expect(input.toString('latin1')).toContain(GPS_MARK);
        const output = await stripPdfMetadata(input);
        await expectClean(output);
        expect(output.includes(PLAIN_JPEG)).toBe(true);
      }
    },
  );

  it('removes an Info dictionary left unreferenced by an earlier revision', async () => {
    const input = await pdfWithOrphanInfo();
    expect(mentions(input, PDF_AUTHOR) && mentions(input, 'Nouvelle version')).toBe(true);
    await expectClean(await stripPdfMetadata(input));
  });

  it('refuses a corrupt, a truncated, an empty or an encrypted PDF', async () => {
    const whole = await pdfWithMetadata({ photo: true });
    for (const bad of [
      CORRUPT_PDF,
      whole.subarray(0, whole.length / 2),
      whole.subarray(0, whole.length - 60),
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100)]),
    ]) {
      await expect(stripPdfMetadata(bad)).rejects.toBeInstanceOf(UnreadablePdfError);
    }
    await expect(stripPdfMetadata(await encryptedPdf())).rejects.toBeInstanceOf(EncryptedPdfError);
  });
});

describe('checking a PDF attachment', () => {
  it('keeps a PDF received by e-mail without its metadata (size and hash of the cleaned file)', async () => {
    const file = await checkAttachment(await pdfWithMetadata({ photo: true }), 'Plainte Jeanne.pdf', EMAIL_TYPES, MAX);
    expect(file).toMatchObject({
      filename: 'Plainte Jeanne.pdf',
      mediaType: 'application/pdf',
      size: file.bytes.length,
    });
    await expectClean(file.bytes);
  });

  it('refuses with a French 422 a PDF that cannot be cleaned, and a PDF where only photos are accepted', async () => {
    const refusal = async (bytes: Buffer, allowed: readonly string[] = EMAIL_TYPES) => {
      const error = await checkAttachment(bytes, 'lettre.pdf', allowed, MAX).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return { status: (error as AppError).status, detail: (error as AppError).detail };
    };
    expect(await refusal(CORRUPT_PDF)).toEqual({
      status: 422,
      detail: 'Ce PDF est endommagé ou illisible : il ne peut pas être enregistré.',
    });
    expect(await refusal(await encryptedPdf())).toEqual({
      status: 422,
      detail: expect.stringContaining('Ce PDF est protégé (chiffré ou par mot de passe)'),
    });
    expect(await refusal(await pdfWithMetadata(), PHOTO_TYPES)).toMatchObject({
      status: 422,
      detail: expect.stringContaining('n’est pas une photo acceptée'),
    });
  });
});
