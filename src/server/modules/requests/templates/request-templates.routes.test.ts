import { describe, expect, it, vi } from 'vitest';
import { decodeBody, type SmtpPeer } from '../../../test/peers/smtp-peer.ts';
import { countSegments } from '../../../platform/sms/segments.ts';
import { useTestAppWithMail, type TestApp } from '../../../test/test-app.ts';
import type { AnswerTemplate } from '../../../../shared/requests/templates.schemas.ts';
import { makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from '../requests.test-helpers.ts';
import { NATIONAL_TEMPLATES, seedNationalTemplates } from './request-templates.seed.ts';

let smtp: SmtpPeer;
let t: TestApp;
useTestAppWithMail((app, server) => {
  t = app;
  smtp = server;
});

const URL = '/api/requests/answer-templates';
type Headers = Record<string, string>;
const list = async (headers: Headers, query = ''): Promise<AnswerTemplate[]> => {
  const response = await t.app.inject({ method: 'GET', url: `${URL}${query}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};
const create = (headers: Headers, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: URL, headers, payload });

/** A territory, its sector referent, and an administrator and a referent held on its département. */
async function place() {
  const c = await makeSectorWithStaff(t);
  return {
    ...c,
    admin: await c.as('admin', 'department', c.department.id),
    deptReferent: await c.as('police_referent', 'department', c.department.id),
  };
}

describe('answer templates', () => {
  it('lists the national templates, filtered by category and channel; the SMS ones fit in two GSM-7 SMS', async () => {
    const c = await place();
    const all = await list(c.referent.headers);
    expect(all.filter((item) => item.departmentId === null).map((item) => item.title)).toEqual(
      expect.arrayContaining([
        'Accusé de réception',
        'Patrouilles renforcées',
        'Transmis à la mairie',
        'Hors compétence de la police',
        'Demande de précisions',
        'Clôture après action',
      ]),
    );
    expect(all.every((item) => !item.editable)).toBe(true);
    for (const item of all.filter((i) => i.channel !== 'email')) {
      expect(item.sms, item.title).toMatchObject({ encoding: 'GSM-7' });
      expect(item.sms!.segments, item.title).toBeLessThanOrEqual(2);
      expect(item.warnings, item.title).toEqual([]);
    }
    const noiseSms = await list(c.referent.headers, '?category=noise&channel=sms');
    expect(noiseSms.some((item) => item.title.startsWith('Nuisances sonores'))).toBe(true);
    expect(
      noiseSms.every((item) => (item.category === null || item.category === 'noise') && item.channel !== 'email'),
    ).toBe(true);
    expect(
      (await list(c.referent.headers, '?category=burglary&channel=email')).some((item) =>
        item.title.startsWith('Cambriolages'),
      ),
    ).toBe(true);
    // Seeding again adds nothing, and puts back a shipped text that differs from the platform's.
    await rows(t, "update request_answer_templates set body = 'Ancien texte' where seed_key = 'accuse-reception'");
    await seedNationalTemplates(t.database);
    await seedNationalTemplates(t.database);
    expect(
      (
        await rows<{ n: number }>(
          t,
          'select count(*)::int as n from request_answer_templates where department_id is null',
        )
      )[0].n,
    ).toBe(NATIONAL_TEMPLATES.length);
    expect(
      (
        await rows<{ body: string }>(t, "select body from request_answer_templates where seed_key = 'accuse-reception'")
      )[0].body,
    ).toBe(NATIONAL_TEMPLATES[0].body);
  });

  it('a département writes, edits and archives its own; a referent of another département gets 404', async () => {
    const c = await place();
    const other = await place();
    const created = await create(c.admin.headers, {
      departmentId: c.department.id,
      category: 'noise',
      channel: 'email',
      title: 'Tapage : médiateur de la ville',
      body: 'Votre demande {reference} : le médiateur de la ville vous contactera.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const template: AnswerTemplate = created.json();
    expect(template).toMatchObject({ departmentId: c.department.id, editable: true, sms: null });
    expect(await rows(t, 'select action from audit_events where record_id = $1', [template.id])).toEqual([
      { action: 'request.template.created' },
    ]);

    // The sector's referent uses it (not editable: held on a sector), the other département does not see it.
    expect((await list(c.referent.headers, '?category=noise')).find((item) => item.id === template.id)).toMatchObject({
      editable: false,
    });
    expect((await list(c.referent.headers, '?category=burglary')).some((item) => item.id === template.id)).toBe(false);
    expect((await list(other.deptReferent.headers)).some((item) => item.id === template.id)).toBe(false);

    // The département's referent edits it; another département's referent gets 404 on everything.
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${template.id}`,
      headers: c.deptReferent.headers,
      payload: { title: 'Tapage : médiation', category: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Tapage : médiation', category: null, editable: true });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `${URL}/${template.id}`,
          headers: other.deptReferent.headers,
          payload: { title: 'Volé' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${URL}/${template.id}`, headers: other.deptReferent.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await create(other.deptReferent.headers, {
          departmentId: c.department.id,
          channel: 'sms',
          title: 'Intrus',
          body: 'Texte',
        })
      ).statusCode,
    ).toBe(404);
    // A sector referent may not write the département's templates (the permission is held on the département).
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `${URL}/${template.id}`,
          headers: c.referent.headers,
          payload: { title: 'Secteur' },
        })
      ).statusCode,
    ).toBe(404);

    // National templates are read-only: 404 as for a record outside one's territory.
    const national = (await list(c.admin.headers)).find((item) => item.departmentId === null)!;
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `${URL}/${national.id}`,
          headers: c.admin.headers,
          payload: { title: 'Changé' },
        })
      ).statusCode,
    ).toBe(404);

    expect(
      (await t.app.inject({ method: 'DELETE', url: `${URL}/${template.id}`, headers: c.deptReferent.headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${URL}/${template.id}`, headers: c.deptReferent.headers }))
        .statusCode,
    ).toBe(204);
    expect((await list(c.admin.headers)).some((item) => item.id === template.id)).toBe(false);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `${URL}/${template.id}`,
          headers: c.admin.headers,
          payload: { title: 'Encore' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await rows<{ action: string }>(t, 'select action from audit_events where record_id = $1 order by action', [
          template.id,
        ])
      ).map((row) => row.action),
    ).toEqual(['request.template.archived', 'request.template.created', 'request.template.updated']);
  });

  it(
    'refuses unknown placeholders, {lien_suivi}, markup and an empty text with ' +
      '400 in French; warns about long or Unicode SMS',
    async () => {
      const c = await place();
      const base = { departmentId: c.department.id, channel: 'both', title: 'Modèle' };
      const unknown = await create(c.admin.headers, { ...base, body: 'Bonjour {nom}, votre demande {reference}.' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().detail).toContain('{nom}');
      const link = await create(c.admin.headers, { ...base, body: 'Suivez-la ici : {lien_suivi}' });
      expect(link.statusCode).toBe(400);
      expect(link.json().detail).toContain('votre lien de suivi');
      expect((await create(c.admin.headers, { ...base, body: 'Votre demande <b>{reference}</b>' })).statusCode).toBe(
        400,
      );
      expect(
        (await create(c.admin.headers, { ...base, title: '<script>alert(1)</script>', body: 'Texte' })).statusCode,
      ).toBe(400);
      expect((await create(c.admin.headers, { ...base, body: '   ' })).statusCode).toBe(400);
      expect(
        (await rows(t, 'select 1 from request_answer_templates where department_id = $1', [c.department.id])).length,
      ).toBe(0);

      const long = await create(c.admin.headers, {
        ...base,
        channel: 'sms',
        body: `Votre demande {reference} : ${'des patrouilles passeront le soir. '.repeat(8)}`,
      });
      expect(long.statusCode).toBe(201);
      expect(long.json().sms.segments).toBeGreaterThan(2);
      expect(long.json().warnings.join(' ')).toMatch(/raccourcissez/);
      const unicode = await create(c.admin.headers, {
        ...base,
        channel: 'sms',
        body: 'Votre demande {reference} a été reçue.',
      });
      expect(unicode.json().sms.encoding).toBe('UCS-2');
      expect(unicode.json().warnings.join(' ')).toContain('« ç »');
    },
  );

  it('renders the placeholders for a request (Paris date) and only with templates of its département', async () => {
    const c = await place();
    const other = await place();
    const receipt = await submitOk(
      t,
      requestBody(c.point, { category: 'noise', contact: { email: 'habitant@example.org' } }),
    );
    const id = await requestIdOf(t, receipt.reference);
    // 22:30 UTC on 31 March is already 1 April in Paris (summer time).
    await rows(t, "update requests set created_at = '2026-03-31T22:30:00Z' where id = $1", [id]);
    const mine: AnswerTemplate = (
      await create(c.admin.headers, {
        departmentId: c.department.id,
        channel: 'both',
        title: 'Tout',
        body: 'Demande {reference} ({categorie}) du {date_demande}.',
      })
    ).json();
    const theirs: AnswerTemplate = (
      await create(other.admin.headers, {
        departmentId: other.department.id,
        channel: 'both',
        title: 'Ailleurs',
        body: 'Texte {reference}',
      })
    ).json();

    const rendered = await t.app.inject({
      method: 'GET',
      url: `/api/requests/${id}/answer-templates/${mine.id}/render`,
      headers: c.referent.headers,
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    const text = `Demande ${receipt.reference} (Nuisances sonores) du 01/04/2026.`;
    expect(rendered.json()).toMatchObject({ templateId: mine.id, text, warnings: [] });
    const trackingToken = receipt.trackingUrl.split('/').pop()!;
    expect(rendered.body).not.toContain(trackingToken);
    expect(rendered.json().sms.segments).toBe(
      countSegments(`Police - demande ${receipt.reference} : ${text}\nSuivi : ${receipt.trackingUrl}`).segments,
    );

    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/requests/${id}/answer-templates/${theirs.id}/render`,
          headers: c.referent.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/requests/${id}/answer-templates/${mine.id}/render`,
          headers: other.referent.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('an answer written from a rendered national template reaches the resident by e-mail', async () => {
    const c = await place();
    const email = `habitant-${Date.now()}@example.org`;
    const receipt = await submitOk(t, requestBody(c.point, { category: 'motorbike_rodeo', contact: { email } }));
    const id = await requestIdOf(t, receipt.reference);
    const [template] = (await list(c.referent.headers, '?category=motorbike_rodeo&channel=email')).filter(
      (item) => item.category === 'motorbike_rodeo',
    );
    const rendered = (
      await t.app.inject({
        method: 'GET',
        url: `/api/requests/${id}/answer-templates/${template.id}/render`,
        headers: c.referent.headers,
      })
    ).json();
    expect(rendered.text).toContain(receipt.reference);
    const edited = `${rendered.text} Une patrouille est passée hier soir.`;

    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/answers`,
      headers: c.referent.headers,
      payload: { channel: 'email', text: edited },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    // The receipt goes to the same address: wait for the answer itself.
    const isAnswer = (m: (typeof smtp.messages)[number]) =>
      m.to.includes(email) && decodeBody(m.raw).includes('hier soir');
    const mail = await vi.waitFor(
      () => {
        const found = smtp.messages.find(isAnswer);
        expect(found, 'answer e-mail').toBeDefined();
        return found;
      },
      { timeout: 20_000, interval: 200 },
    );
    const body = decodeBody(mail!.raw).replace(/\s+/g, ' ');
    expect(body).toContain('Des patrouilles ciblées seront menées aux heures indiquées.');
    expect(body).toContain('Une patrouille est passée hier soir.');
    expect(body).toContain(receipt.trackingUrl);
  });
});
