import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../../shared/format/french-dates.ts';
import { decodeBody, decodeHeader, type SmtpPeer } from '../../../test/peers/smtp-peer.ts';
import { useTestAppWithMail, type TestApp } from '../../../test/test-app.ts';
import { createRequestsContext, loadRequestsSettings } from '../requests-context.ts';
import { DIGEST_ACTOR, sendDailyDigests } from './request-digest.ts';
import { makeSectorWithStaff, requestBody, rows, submitOk } from '../requests.test-helpers.ts';

let smtp: SmtpPeer;
let t: TestApp;
useTestAppWithMail((app, server) => {
  t = app;
  smtp = server;
});

const context = () => createRequestsContext(t.config, t.database, () => t.jobs, loadRequestsSettings({}));
const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe('daily digest', () => {
  it(
    'e-mails each police referent the overdue and new requests of their ' +
      'territory, once a day, and nothing when there is nothing',
    async () => {
      const c = await makeSectorWithStaff(t);
      const quiet = await makeSectorWithStaff(t);
      const fresh = await submitOk(t, requestBody(c.point, { category: 'noise' }));
      const late = await submitOk(t, requestBody(c.point, { category: 'burglary' }));
      const oldDone = await submitOk(t, requestBody(c.point, { category: 'noise' }));
      const secret = await submitOk(t, requestBody(c.point, { category: 'drug_dealing', confidential: true }));
      await rows(t, "update requests set created_at = now() - interval '3 days' where reference = $1", [
        late.reference,
      ]);
      await rows(
        t,
        "update requests set created_at = now() - interval '3 days', status = 'answered' where reference = $1",
        [oldDone.reference],
      );

      const before = smtp.messages.length;
      expect(await sendDailyDigests(context(), t.database.db, DIGEST_ACTOR)).toBeGreaterThanOrEqual(1);
      await smtp.waitForMessages(before + 1, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [mail] = mailsTo(c.referent.user.email);
      expect(mail, 'digest to the referent').toBeDefined();
      const text = decodeBody(mail.raw);
      expect(decodeHeader(mail.raw, 'subject')).toMatch(/1 en retard, 1 nouvelle/);
      // « Demandes du mercredi 9 décembre 2026 : … », each line « reçue le 06/12/2026 à 14 h 20 ».
      expect(decodeHeader(mail.raw, 'subject')).toContain(`Demandes du ${formatDate(new Date())} :`);
      expect(text).toMatch(/reçue le \d{2}\/\d{2}\/\d{4} à \d{1,2} h \d{2}/);
      expect(text).toMatch(/EN RETARD \(prise en compte attendue le \d{2}\/\d{2}\/\d{4} à \d{1,2} h \d{2}\)/);
      expect(text).toContain(late.reference);
      expect(text).toContain('EN RETARD');
      expect(text).toContain(fresh.reference);
      expect(text).toContain('https://psq.example.fr/demandes/');
      expect(text.indexOf(late.reference)).toBeLessThan(text.indexOf(fresh.reference));
      expect(text).not.toContain(oldDone.reference);
      expect(text).not.toContain(secret.reference); // confidential, not assigned to them
      expect(mailsTo(quiet.referent.user.email)).toEqual([]);
      expect(
        await rows(
          t,
          'select n.kind from request_digests d join notifications n on n.id = d.notification_id where d.user_id = $1',
          [c.referent.user.id],
        ),
      ).toEqual([{ kind: 'request.digest' }]);

      // The same day again: nothing more for this referent.
      expect(await sendDailyDigests(context(), t.database.db, DIGEST_ACTOR)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(mailsTo(c.referent.user.email)).toHaveLength(1);

      // The next day: a new digest.
      const tomorrow = new Date(Date.now() + 86_400_000);
      await sendDailyDigests(context(), t.database.db, DIGEST_ACTOR, tomorrow);
      await smtp.waitForMessages(smtp.messages.length + 1, 20_000).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mailsTo(c.referent.user.email).length).toBe(2);
    },
  );

  it('is scheduled as a module job every morning', async () => {
    const { createRequestsModule } = await import('../index.ts');
    const jobs = createRequestsModule().jobs?.({ config: t.config, database: t.database }) ?? [];
    expect(jobs.find((job) => job.name === 'requests-daily-digest')).toMatchObject({ cron: '0 6 * * *' });
  });
});
