import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { FAKE_JPEG, GPS_MARK, jpegWithGps, makePng, PLAIN_JPEG, webpWithExif } from './attachment.fixtures.ts';
import { freshIp, makeSectorWithStaff, requestBody, rows, submit } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

const upload = (bytes: Buffer, type = 'image/jpeg', filename = 'photo.jpg', ip = freshIp()) =>
  t.app.inject({
    method: 'POST',
    url: `/api/requests/uploads?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': type },
    payload: bytes,
    remoteAddress: ip,
  });

describe('photos of the public form', () => {
  it(
    'uploads a photo stripped of its GPS position, attaches it to the request, ' +
      'and lets the sector staff download it (audited, never inline)',
    async () => {
      const c = await makeSectorWithStaff(t);
      const sent = await upload(jpegWithGps(), 'image/jpeg', '../../IMG_2024<script>.jpg');
      expect(sent.statusCode, sent.body).toBe(201);
      const receipt = sent.json();
      expect(receipt).toMatchObject({
        mediaType: 'image/jpeg',
        filename: 'IMG_2024_script_.jpg',
        size: PLAIN_JPEG.length,
      });
      const png = (await upload(makePng(true), 'image/png', 'plan.png')).json();
      const webp = (await upload(webpWithExif(), 'image/webp', 'vue.webp')).json();

      const created = await submit(
        t,
        requestBody(c.point, { attachmentIds: [receipt.uploadId, png.uploadId, webp.uploadId] }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const [request] = await rows<{ id: string }>(t, 'select id from requests where reference = $1', [
        created.json().reference,
      ]);
      const stored = await rows<{ bytes: Uint8Array; media_type: string; sha256: string; source: string }>(
        t,
        'select bytes, media_type, sha256, source from request_attachments where request_id = $1 order by media_type',
        [request.id],
      );
      expect(stored.map((a) => a.media_type)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
      for (const a of stored) {
        expect(Buffer.from(a.bytes).toString('latin1')).not.toContain(GPS_MARK);
        expect(a.sha256).toBe(crypto.createHash('sha256').update(Buffer.from(a.bytes)).digest('hex'));
        expect(a.source).toBe('web');
      }
      expect(Buffer.from(stored[0].bytes).equals(PLAIN_JPEG)).toBe(true);
      expect(
        (
          await rows(t, 'select 1 from request_uploads where id = any($1::uuid[])', [
            [receipt.uploadId, png.uploadId, webp.uploadId],
          ])
        ).length,
      ).toBe(0);

      const list = await t.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/attachments`,
        headers: c.referent.headers,
      });
      expect(list.statusCode).toBe(200);
      const jpeg = list.json().items.find((a: { mediaType: string }) => a.mediaType === 'image/jpeg');
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/attachments/${jpeg.id}`,
        headers: c.referent.headers,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="IMG_2024_script_.jpg"/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.rawPayload.equals(PLAIN_JPEG)).toBe(true);
      expect(
        (
          await rows(t, "select 1 from audit_events where action = 'request.attachment.read' and record_id = $1", [
            request.id,
          ])
        ).length,
      ).toBe(1);

      // Another sector's referent sees nothing, exactly as if it did not exist.
      const other = await makeSectorWithStaff(t);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/requests/${request.id}/attachments/${jpeg.id}`,
            headers: other.referent.headers,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/requests/${request.id}/attachments/${crypto.randomUUID()}`,
            headers: c.referent.headers,
          })
        ).statusCode,
      ).toBe(404);
    },
  );

  it(
    'refuses an executable renamed .jpg (422), a 30 MB photo (413, nothing ' +
      'stored), a broken image and a wrong type, in French',
    async () => {
      const before = await rows<{ n: number }>(t, 'select count(*)::int as n from request_uploads');
      const fake = await upload(FAKE_JPEG, 'image/jpeg', 'vacances.jpg');
      expect(fake.statusCode).toBe(422);
      expect(fake.headers['content-type']).toContain('application/problem+json');
      expect(fake.json().detail).toContain('n’est pas une photo acceptée');

      const huge = await upload(Buffer.concat([PLAIN_JPEG.subarray(0, 2), Buffer.alloc(30 * 1024 * 1024)]));
      expect(huge.statusCode).toBe(413);
      expect(huge.json().detail).toContain('10 Mo au plus');

      expect((await upload(PLAIN_JPEG.subarray(0, 300))).statusCode).toBe(422);
      expect(
        (
          await upload(
            Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
            'image/jpeg',
            'lettre.jpg',
          )
        ).statusCode,
      ).toBe(422);
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/requests/uploads',
        payload: { photo: 'x' },
        remoteAddress: freshIp(),
      });
      expect(json.statusCode).toBe(415);
      expect(await rows<{ n: number }>(t, 'select count(*)::int as n from request_uploads')).toEqual(before);
    },
  );

  it(
    'limits uploads per source address (5 photos × REQUESTS_PER_IP per window): ' + 'then 429 before the body is read',
    async () => {
      const ip = freshIp();
      const statuses = [];
      for (let i = 0; i < 26; i += 1)
        statuses.push((await upload(PLAIN_JPEG, 'image/jpeg', 'photo.jpg', ip)).statusCode);
      expect(statuses.slice(0, 25).every((status) => status === 201)).toBe(true);
      const limited = await upload(PLAIN_JPEG, 'image/jpeg', 'photo.jpg', ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().detail).toContain('Trop de photos');
      expect((await upload(PLAIN_JPEG)).statusCode).toBe(201);
    },
  );

  it(
    'refuses a request naming an unknown or already used upload, or more than ' + 'five photos, and stores nothing',
    async () => {
      const c = await makeSectorWithStaff(t);
      const used = (await upload(PLAIN_JPEG)).json().uploadId;
      expect((await submit(t, requestBody(c.point, { attachmentIds: [used] }))).statusCode).toBe(201);
      const again = await submit(
        t,
        requestBody(c.point, { description: 'La même photo pour une autre demande.', attachmentIds: [used] }),
      );
      expect(again.statusCode).toBe(422);
      expect(again.json().errors[0].pointer).toBe('/attachmentIds');
      const fresh = (await upload(PLAIN_JPEG)).json().uploadId;
      const unknown = await submit(
        t,
        requestBody(c.point, {
          description: 'Une photo inconnue et une bonne.',
          attachmentIds: [fresh, crypto.randomUUID()],
        }),
      );
      expect(unknown.statusCode).toBe(422);
      // The refused request rolled back: its good photo is still available.
      expect((await rows(t, 'select 1 from request_uploads where id = $1', [fresh])).length).toBe(1);
      expect(
        (await rows(t, 'select 1 from requests where description = $1', ['Une photo inconnue et une bonne.'])).length,
      ).toBe(0);
      const six = await submit(
        t,
        requestBody(c.point, { attachmentIds: Array.from({ length: 6 }, () => crypto.randomUUID()) }),
      );
      expect(six.statusCode).toBe(400);
    },
  );
});
