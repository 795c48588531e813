import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { jpegWithGps } from './attachment.fixtures.ts';

/**
 * PDFs for the attachment tests, made with pdf-lib: a one-page letter carrying what an office
 * suite or a scanner app writes about its author (Info dictionary, XMP stream on the catalog),
 * a phone photo with its GPS position, and what a file left by an earlier revision keeps.
 */
export const PDF_AUTHOR = 'Jeanne Habitante';
export const PDF_TITLE = 'Plainte rue des Lilas';
export const PDF_XMP_MARK = 'xmp-creator-tool-psq-test';
const PDF_TEXT = 'Des motos font des rodeos tous les soirs.';

const xmp =
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta ` +
  `xmlns:x="adobe:ns:meta/"><rdf:RDF ` +
  `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ` +
  `xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
  `xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:creator><rdf:Seq><rdf:li>${PDF_AUTHOR}</rdf:li></rdf:Seq></dc:creator><xmp:CreatorTool>${PDF_XMP_MARK}</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket ` +
  `end="w"?>`;

/** A letter with Author, Title, Creator, Producer, dates, an XMP stream and (when asked) a photo with Exif GPS. */
export async function pdfWithMetadata(options: { photo?: boolean; useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor(PDF_AUTHOR);
  doc.setTitle(PDF_TITLE);
  doc.setSubject('Nuisances');
  doc.setKeywords(['rodeos', 'Lilas']);
  doc.setCreator('Scanner Pro 7.2 (iPhone de Jeanne)');
  doc.setProducer('Quartz PDFContext');
  doc.setCreationDate(new Date('2026-11-20T08:00:00Z'));
  doc.setModificationDate(new Date('2026-11-21T08:00:00Z'));
  const page = doc.addPage([300, 200]);
  page.drawText(PDF_TEXT, { x: 10, y: 150, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
  // A copy: pdf-lib reads the JPEG through its ArrayBuffer, ignoring a pooled Buffer's offset.
  if (options.photo)
    page.drawImage(await doc.embedJpg(new Uint8Array(jpegWithGps())), { x: 10, y: 10, width: 64, height: 64 });
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams ?? false }));
}

/** The same, saved again after its Info dictionary was replaced: the old one stays in the file, referenced by nothing. */
export async function pdfWithOrphanInfo(): Promise<Buffer> {
  const doc = await PDFDocument.load(await pdfWithMetadata(), { updateMetadata: false });
  doc.context.trailerInfo.Info = doc.context.register(doc.context.obj({ Title: PDFString.of('Nouvelle version') }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF whose trailer says it is encrypted (pdf-lib cannot encrypt; the marker is what readers go by). */
export async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.load(await pdfWithMetadata(), { updateMetadata: false });
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFString.of('x'.repeat(32)),
    U: PDFString.of('y'.repeat(32)),
    P: -44,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF header followed by garbage: file-type says PDF, pdf-lib finds no document in it. */
export const CORRUPT_PDF = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nceci n’est pas la suite d’un PDF\n',
  'latin1',
);
