import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { MalformedImageError, stripJpeg } from './attachment-metadata.ts';

/**
 * Strips what a PDF says about its author before it is stored (a scanned letter sent to a
 * sector's mailbox): the Info dictionary of the trailer (Author, Creator, Producer, Title,
 * Subject, Keywords, dates), every XMP `/Metadata` stream (the catalog's, and those of pages or
 * images), the Exif/XMP segments of JPEG images (`/DCTDecode`, a phone's GPS position), and the
 * objects nothing refers to any more (earlier revisions of an incrementally saved file keep
 * their old Info dictionaries as unreferenced objects). Pages, fonts and image data are copied
 * as they are: nothing is decoded but the structure.
 *
 * A file pdf-lib cannot read throws `UnreadablePdfError`; an encrypted one `EncryptedPdfError`:
 * its strings cannot be rewritten without its key, so the caller refuses both.
 */
export class UnreadablePdfError extends Error {}
export class EncryptedPdfError extends Error {}

const METADATA = PDFName.of('Metadata');
const FILTER = PDFName.of('Filter');
const DCT = PDFName.of('DCTDecode');

export async function stripPdfMetadata(bytes: Uint8Array): Promise<Buffer> {
  try {
    // updateMetadata: false, or pdf-lib would write its own Producer and dates. Encryption is
    // checked after loading (pdf-lib's own error, an ES5 class, fails `instanceof`).
    const doc = await PDFDocument.load(bytes, {
      updateMetadata: false,
      throwOnInvalidObject: true,
      ignoreEncryption: true,
    });
    if (doc.isEncrypted) throw new EncryptedPdfError('PDF chiffré');
    const context = doc.context;
    if (!(context.lookup(context.trailerInfo.Root) instanceof PDFDict))
      throw new UnreadablePdfError('PDF sans catalogue');
    context.trailerInfo.Info = undefined;
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
      dict?.delete(METADATA);
      if (object instanceof PDFRawStream && object.dict.get(FILTER) === DCT) {
        const jpeg = stripEmbeddedJpeg(object.contents);
        if (jpeg) context.assign(ref, PDFRawStream.of(object.dict, jpeg));
      }
    }
    dropUnreachable(context);
    return Buffer.from(await doc.save({ updateFieldAppearances: false, addDefaultPage: false }));
  } catch (error) {
    if (error instanceof EncryptedPdfError || error instanceof UnreadablePdfError) throw error;
    // Whatever pdf-lib trips on (a structure it cannot walk or write) means the same: not kept as is.
    throw new UnreadablePdfError(error instanceof Error ? error.message : String(error));
  }
}

/** The JPEG without its Exif/XMP; undefined when it does not parse (left as it is: a viewer fails on it the same way). */
function stripEmbeddedJpeg(contents: Uint8Array): Buffer | undefined {
  try {
    const original = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
    const stripped = stripJpeg(original);
    return stripped.length === original.length ? undefined : stripped;
  } catch (error) {
    if (error instanceof MalformedImageError) return undefined;
    throw error;
  }
}

/** Deletes the indirect objects that cannot be reached from the trailer's Root (the Info dictionary is no longer in the trailer). */
function dropUnreachable(context: PDFContext): void {
  const reached = new Set<string>();
  const pending: Array<PDFObject | undefined> = [context.trailerInfo.Root];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      const key = object.toString();
      if (reached.has(key)) continue;
      reached.add(key);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict) {
      pending.push(...object.values());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.toString())) context.delete(ref);
}
