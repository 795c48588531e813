import nodemailer, { type SendMailOptions } from 'nodemailer';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { GPS_MARK } from '../attachments/attachment.fixtures.ts';
import { CORRUPT_PDF, encryptedPdf, PDF_XMP_MARK, pdfWithMetadata } from '../attachments/pdf.fixtures.ts';
import { createRequestsContext, loadRequestsSettings } from '../requests-context.ts';
import { makeSectorWithStaff, rows } from '../requests.test-helpers.ts';
import { startInboundSmtp, type InboundSmtp } from './smtp-listener.ts';

let t: TestApp;
let smtp: InboundSmtp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  const ctx = createRequestsContext(t.config, t.database, () => t.jobs, loadRequestsSettings({}));
  smtp = await startInboundSmtp(ctx, { info: () => {}, warn: () => {}, error: () => {} });
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const send = (message: SendMailOptions) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }).sendMail(message);

describe('PDF attachments received by e-mail', () => {
  it(
    'stores a PDF without its Info dictionary, XMP and photo GPS; a corrupt and ' +
      'an encrypted one are not kept, each noted with its French reason',
    async () => {
      const c = await makeSectorWithStaff(t);
      const admin = await c.as('admin', 'department', c.department.id);
      const address = `pdf-${process.pid}@psq.example`;
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/requests/mailboxes',
            headers: admin.headers,
            payload: { address, sectorId: c.sector.id },
          })
        ).statusCode,
      ).toBe(201);
      const sender = `jeanne-pdf-${process.pid}@example.org`;
      const letter = await pdfWithMetadata({ photo: true });
      expect(letter.toString('latin1')).toContain(PDF_XMP_MARK);
      await send({
        from: `Jeanne <${sender}>`,
        to: address,
        subject: 'Courrier scanné',
        text: 'Bonjour,\nVoici mon courrier au sujet des rodéos.\nJeanne',
        attachments: [
          { filename: 'courrier.pdf', content: letter },
          { filename: 'abime.pdf', content: CORRUPT_PDF },
          { filename: 'protege.pdf', content: await encryptedPdf() },
        ],
      });
      const [request] = await rows<{ id: string }>(t, 'select id from requests where contact_email = $1', [sender]);
      const files = await rows<{ id: string; bytes: Uint8Array; filename: string; media_type: string; size: number }>(
        t,
        'select id, bytes, filename, media_type, size from request_attachments where request_id = $1',
        [request.id],
      );
      expect(files.map((f) => [f.filename, f.media_type])).toEqual([['courrier.pdf', 'application/pdf']]);
      const stored = Buffer.from(files[0].bytes);
      expect(files[0].size).toBe(stored.length);
      for (const mark of [PDF_XMP_MARK, GPS_MARK]) expect(stored.toString('latin1')).not.toContain(mark);
      const doc = await PDFDocument.load(stored, { updateMetadata: false });
      expect([doc.getAuthor(), doc.getTitle(), doc.getCreator(), doc.getProducer(), doc.getPageCount()]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        1,
      ]);

      const notes = await rows<{ body: string }>(
        t,
        "select body from request_events where request_id = $1 and kind = 'note' order by body",
        [request.id],
      );
      expect(notes.map((n) => n.body)).toEqual([
        'Pièce jointe « abime.pdf » non conservée : Ce PDF est endommagé ou ' +
          'illisible : il ne peut pas être enregistré.',
        expect.stringMatching(
          /^Pièce jointe « protege\.pdf » non conservée : Ce PDF est protégé \(chiffré ou par mot de passe\)/,
        ),
      ]);

      // Staff download the cleaned file.
      const download = await t.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/attachments/${files[0].id}`,
        headers: admin.headers,
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(stored)).toBe(true);
    },
  );
});
