import { describe, expect, it, vi } from 'vitest';
import { REQUEST_CATEGORY_LABELS } from '../../../../shared/requests/requests.schemas.ts';
import { decodeBody, decodeHeader, type SmtpPeer } from '../../../test/peers/smtp-peer.ts';
import { useTestAppWithMail, type TestApp } from '../../../test/test-app.ts';
import { makeSector, square } from '../../territory/territory.factories.ts';
import { actOn, makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from '../requests.test-helpers.ts';

let smtp: SmtpPeer;
let t: TestApp;
useTestAppWithMail((app, server) => {
  t = app;
  smtp = server;
});

const RESIDENT = { name: 'Jeanne Habitante', email: 'jeanne.habitante@example.org', phone: '0612345678' };
const DESCRIPTION = 'Des motos font des rodéos tous les soirs devant le 12 rue des Lilas.';

/** The deliveries of the redirect notices of one request (found by its reference in the subject). */
const deliveries = (reference: string) =>
  rows<{ channel: string; user_id: string; subject: string; body: string }>(
    t,
    'select d.channel, d.recipient_user_id as user_id, n.subject, n.body from ' +
      'notifications n join notification_deliveries d on d.notification_id = n.id ' +
      "where n.kind = 'request.redirected' and n.subject like $1 order by " +
      'd.channel, d.recipient_user_id',
    [`%${reference}%`],
  );
const pairs = (list: Array<{ channel: string; user_id: string }>) =>
  list.map((d) => `${d.channel}:${d.user_id}`).sort();
const expected = (ids: string[]) => ids.flatMap((id) => [`email:${id}`, `in_app:${id}`]).sort();
const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));
/** The first e-mail to this address (the residents' receipts arrive meanwhile, in any order). */
function mailTo(email: string) {
  return vi.waitFor(
    () => {
      const [mail] = mailsTo(email);
      expect(mail, email).toBeDefined();
      return mail;
    },
    { timeout: 20_000, interval: 50 },
  );
}

/** Sector A (its referent), sector B of the same commune (two referents), sector C (none), the département's administrators and a district referent. */
async function place() {
  const c = await makeSectorWithStaff(t);
  const b = await makeSector(t.database, c.municipality.id, square(c.point.lon + 0.05, c.point.lat));
  const empty = await makeSector(t.database, c.municipality.id, square(c.point.lon + 0.1, c.point.lat));
  return {
    ...c,
    b,
    empty,
    referentsB: [await c.as('police_referent', 'sector', b.id), await c.as('police_referent', 'sector', b.id)],
    districtReferent: await c.as('police_referent', 'district', c.district.id),
    admins: [await c.as('admin', 'department', c.department.id), await c.as('admin', 'department', c.department.id)],
  };
}

describe('redirecting a request to another sector', () => {
  it(
    'tells the new sector’s referents in the app and by e-mail (reference, ' +
      'category, former sector, link; never the resident), in the redirect’s ' +
      'transaction',
    async () => {
      const p = await place();
      const receipt = await submitOk(
        t,
        requestBody(p.point, {
          category: 'motorbike_rodeo',
          description: DESCRIPTION,
          contact: RESIDENT,
          anonymity: 'named',
        }),
      );
      const id = await requestIdOf(t, receipt.reference);
      const response = await actOn(t, p.referent.headers, id, {
        action: 'redirect',
        sectorId: p.b.id,
        note: 'Rue des Lilas : côté secteur B',
      });
      expect(response.statusCode, response.body).toBe(200);

      const sent = await deliveries(receipt.reference);
      expect(pairs(sent)).toEqual(expected(p.referentsB.map((r) => r.user.id)));
      const [notice] = sent;
      expect(notice.subject).toBe(`Demande ${receipt.reference} réorientée vers ${p.b.name} (secteur)`);
      expect(notice.body).toContain(`La demande ${receipt.reference} (${REQUEST_CATEGORY_LABELS.motorbike_rodeo})`);
      expect(notice.body).toContain(`de ${p.sector.name} (secteur) vers ${p.b.name} (secteur)`);
      expect(notice.body).toContain(`https://psq.example.fr/demandes/${id}`);
      for (const secret of [RESIDENT.name, RESIDENT.email, '12345678', 'rue des Lilas', 'côté secteur B'])
        expect(notice.body).not.toContain(secret);
      const [audit] = await rows<{ details: { notified: number } }>(
        t,
        "select details from audit_events where action = 'request.redirect' and record_id = $1",
        [id],
      );
      expect(audit.details.notified).toBe(2);

      // The e-mails reach the SMTP server, one per referent of sector B.
      for (const referent of p.referentsB) {
        const mail = await mailTo(referent.user.email);
        expect(mail, referent.user.email).toBeDefined();
        expect(decodeHeader(mail.raw, 'subject')).toContain(receipt.reference);
        const text = decodeBody(mail.raw);
        expect(text).toContain(`https://psq.example.fr/demandes/${id}`);
        expect(text).not.toContain(RESIDENT.name);
        expect(text).not.toContain(RESIDENT.email);
      }
      // Nobody else: not the referent who redirected it, the district's or the administrators.
      for (const other of [p.referent, p.districtReferent, ...p.admins]) expect(mailsTo(other.user.email)).toEqual([]);
      // The in-app notification is in their notification centre.
      const mine = await t.app.inject({
        method: 'GET',
        url: '/api/notifications/mine',
        headers: p.referentsB[0].headers,
      });
      expect(mine.body).toContain(receipt.reference);
    },
  );

  it(
    'falls back to everyone who handles requests there (district and ' +
      'département) when the new sector has no referent of its own',
    async () => {
      const p = await place();
      const receipt = await submitOk(t, requestBody(p.point, { contact: RESIDENT }));
      const id = await requestIdOf(t, receipt.reference);
      expect((await actOn(t, p.referent.headers, id, { action: 'redirect', sectorId: p.empty.id })).statusCode).toBe(
        200,
      );
      expect(pairs(await deliveries(receipt.reference))).toEqual(
        expected([p.districtReferent.user.id, ...p.admins.map((a) => a.user.id)]),
      );
    },
  );

  it(
    'tells only the administrators of a confidential request, with neither its ' +
      'category nor where it came from; the one who redirected it is left out',
    async () => {
      const p = await place();
      const receipt = await submitOk(
        t,
        requestBody(p.point, { category: 'drug_dealing', confidential: true, contact: RESIDENT, anonymity: 'named' }),
      );
      const id = await requestIdOf(t, receipt.reference);
      expect((await actOn(t, p.admins[0].headers, id, { action: 'redirect', sectorId: p.b.id })).statusCode).toBe(200);
      const sent = await deliveries(receipt.reference);
      expect(pairs(sent)).toEqual(expected([p.admins[1].user.id]));
      expect(sent[0].subject).toBe(`Demande confidentielle ${receipt.reference} réorientée vers ${p.b.name} (secteur)`);
      for (const secret of [
        REQUEST_CATEGORY_LABELS.drug_dealing,
        `${p.sector.name} (secteur)`,
        RESIDENT.name,
        RESIDENT.email,
      ])
        expect(sent[0].body).not.toContain(secret);
      const mail = await mailTo(p.admins[1].user.email);
      expect(decodeBody(mail.raw)).toContain(`https://psq.example.fr/demandes/${id}`);
      for (const referent of p.referentsB) expect(mailsTo(referent.user.email)).toEqual([]);
    },
  );

  it(
    'sends nothing when the request is transferred to the town hall or another ' +
      'service, nor when a redirect is refused',
    async () => {
      const p = await place();
      const receipt = await submitOk(t, requestBody(p.point, { contact: RESIDENT }));
      const id = await requestIdOf(t, receipt.reference);
      expect((await actOn(t, p.referent.headers, id, { action: 'redirect', sectorId: p.sector.id })).statusCode).toBe(
        409,
      );
      expect(
        (
          await actOn(t, p.referent.headers, id, {
            action: 'transfer',
            service: 'la mairie',
            reason: 'Éclairage public',
          })
        ).statusCode,
      ).toBe(200);
      expect((await actOn(t, p.referent.headers, id, { action: 'redirect', sectorId: p.b.id })).statusCode).toBe(409);
      expect(await deliveries(receipt.reference)).toEqual([]);
    },
  );
});
