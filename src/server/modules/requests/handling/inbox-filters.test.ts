import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { readCategoryTargetSettings, deadlinesOf } from '../targets/request-deadlines.ts';

const readCategoryTargets = (env: NodeJS.ProcessEnv, ack: number, answer: number) =>
  readCategoryTargetSettings(env, ack, answer).targets;
import { actOn, makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

type Item = { reference: string; overdue: boolean; ackDueAt: string; answerDueAt: string };
const idOf = (reference: string) => requestIdOf(t, reference);
const list = async (headers: Record<string, string>, query: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/requests?${query}`, headers });
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
  return response.json() as { items: Item[]; nextOffset: number | null };
};
const refs = async (headers: Record<string, string>, query: string) =>
  (await list(headers, query)).items.map((i) => i.reference).sort();
const age = (reference: string, hours: number) =>
  rows(t, `update requests set created_at = now() - interval '${hours} hours' where reference = $1`, [reference]);

describe('inbox search and filters', () => {
  it(
    'searches in French: stems, accents both ways, place, reference, notes and ' +
      'answers; websearch syntax; bad input is a 400',
    async () => {
      const c = await makeSectorWithStaff(t);
      const h = c.referent.headers;
      const burglary = await submitOk(
        t,
        requestBody(c.point, {
          category: 'burglary',
          description: 'Plusieurs Cambriolages de caves dans la résidence ces dernières semaines.',
        }),
      );
      const light = await submitOk(
        t,
        requestBody(c.point, {
          category: 'incivilities',
          description: 'Le quartier est sans eclairage la nuit, les voitures sont dégradées.',
          placeLabel: 'Rue des Églantiers',
        }),
      );
      const noise = await submitOk(
        t,
        requestBody(c.point, {
          category: 'noise',
          description: 'Musique très forte chaque samedi soir au troisième étage.',
        }),
      );
      await t.app.inject({
        method: 'POST',
        url: `/api/requests/${await idOf(noise.reference)}/notes`,
        headers: h,
        payload: { text: 'Le syndic a déjà été prévenu par le gardien.' },
      });

      expect(await refs(h, 'q=cambriolage')).toEqual([burglary.reference]);
      expect(await refs(h, 'q=CAMBRIOLÉS')).toEqual([burglary.reference]); // 'cambriol':* is a prefix of 'cambriolag'
      expect(await refs(h, 'q=cambrioleur')).toEqual([]);
      expect(await refs(h, `q=${encodeURIComponent('éclairage')}`)).toEqual([light.reference]);
      const rodeo = await submitOk(t, requestBody(c.point, { description: 'Des rodéos de motos tous les soirs.' }));
      expect(await refs(h, 'q=rodeo')).toEqual([rodeo.reference]); // the stemmer leaves « rodeos » whole: prefix match
      expect(await refs(h, 'q=degradee')).toEqual([light.reference]);
      expect(await refs(h, 'q=eglantiers')).toEqual([light.reference]);
      expect(await refs(h, `q=${noise.reference}`)).toEqual([noise.reference]);
      expect(await refs(h, 'q=syndic')).toEqual([noise.reference]);
      expect(await refs(h, `q=${encodeURIComponent('nuit -voitures')}`)).toEqual([]);
      expect(await refs(h, `q=${encodeURIComponent('cambriolages or musique')}`)).toEqual(
        [burglary.reference, noise.reference].sort(),
      );
      expect(await refs(h, `q=${encodeURIComponent('"caves dans" ))) & :*')}`)).toEqual([burglary.reference]);
      // Another sector's referent finds nothing of it.
      const other = await makeSectorWithStaff(t);
      expect(await refs(other.referent.headers, 'q=cambriolage')).toEqual([]);
      for (const bad of [
        'q=',
        `q=${'x'.repeat(201)}`,
        'offset=-1',
        'offset=20000',
        'olderThanDays=0',
        'channel=fax',
        'assignedToMe=peut-etre',
      ])
        expect((await t.app.inject({ method: 'GET', url: `/api/requests?${bad}`, headers: h })).statusCode, bad).toBe(
          400,
        );
    },
  );

  it('filters by channel, age and overdue per category, and pages with nextOffset', async () => {
    const c = await makeSectorWithStaff(t);
    const h = c.referent.headers;
    const fresh = await submitOk(t, requestBody(c.point, { category: 'noise' }));
    const lateAck = await submitOk(t, requestBody(c.point, { category: 'burglary' })); // 24 h to acknowledge
    const ackedNotLate = await submitOk(t, requestBody(c.point, { category: 'burglary' }));
    const lateAnswer = await submitOk(t, requestBody(c.point, { category: 'noise' })); // 336 h to answer
    await age(lateAck.reference, 30);
    await age(ackedNotLate.reference, 30);
    await age(lateAnswer.reference, 400);
    await actOn(t, h, await idOf(ackedNotLate.reference), { action: 'acknowledge' });
    await actOn(t, h, await idOf(lateAnswer.reference), { action: 'acknowledge' });
    await rows(t, "update requests set channel = 'phone' where reference = $1", [fresh.reference]);

    expect(await refs(h, 'overdue=true')).toEqual([lateAck.reference, lateAnswer.reference].sort());
    expect(await refs(h, 'overdue=false')).toEqual([fresh.reference, ackedNotLate.reference].sort());
    expect(await refs(h, 'channel=phone')).toEqual([fresh.reference]);
    expect(await refs(h, 'olderThanDays=1')).toEqual(
      [lateAck.reference, ackedNotLate.reference, lateAnswer.reference].sort(),
    );
    expect(await refs(h, 'olderThanDays=10')).toEqual([lateAnswer.reference]);
    const all = await list(h, '');
    const late = all.items.find((i) => i.reference === lateAck.reference)!;
    expect(late.overdue).toBe(true);
    expect(new Date(late.answerDueAt).getTime() - new Date(late.ackDueAt).getTime()).toBe((120 - 24) * 3_600_000);
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/requests/${await idOf(lateAnswer.reference)}`, headers: h })
    ).json();
    expect(detail).toMatchObject({ overdue: true, answerDueAt: expect.any(String) });

    const page1 = await list(h, 'limit=3');
    expect(page1.items).toHaveLength(3);
    expect(page1.nextOffset).toBe(3);
    const page2 = await list(h, 'limit=3&offset=3');
    expect(page2.items).toHaveLength(1);
    expect(page2.nextOffset).toBeNull();
    expect([...page1.items, ...page2.items].map((i) => i.reference).sort()).toEqual(
      all.items.map((i) => i.reference).sort(),
    );
  });
});

describe('category targets', () => {
  it(
    'has code defaults, REQUEST_ACK_HOURS / REQUEST_ANSWER_HOURS for the others, ' +
      'REQUEST_TARGETS overrides, and refuses nonsense',
    () => {
      const targets = readCategoryTargets({}, 72, 336);
      expect(targets.burglary).toEqual({ ackHours: 24, answerHours: 120 });
      expect(targets.noise).toEqual({ ackHours: 72, answerHours: 336 });
      const custom = readCategoryTargets({ REQUEST_TARGETS: 'noise=48/240, burglary = 12/72' }, 72, 336);
      expect(custom.noise).toEqual({ ackHours: 48, answerHours: 240 });
      expect(custom.burglary).toEqual({ ackHours: 12, answerHours: 72 });
      for (const bad of ['noise=48', 'bruit=1/2', 'noise=0/10', 'noise=10/5', 'noise=1/2,', 'noise=48/9000'])
        expect(() => readCategoryTargets({ REQUEST_TARGETS: bad }, 72, 336), bad).toThrow('REQUEST_TARGETS');
      const now = new Date('2026-03-10T12:00:00Z');
      const created = new Date('2026-03-09T11:00:00Z');
      expect(deadlinesOf({ category: 'burglary', status: 'new', createdAt: created }, targets, now).overdue).toBe(true);
      expect(
        deadlinesOf({ category: 'burglary', status: 'acknowledged', createdAt: created }, targets, now).overdue,
      ).toBe(false);
      expect(deadlinesOf({ category: 'noise', status: 'new', createdAt: created }, targets, now)).toEqual({
        ackDueAt: '2026-03-12T11:00:00.000Z',
        answerDueAt: '2026-03-23T11:00:00.000Z',
        overdue: false,
      });
      expect(
        deadlinesOf(
          { category: 'burglary', status: 'answered', createdAt: new Date('2026-01-01T00:00:00Z') },
          targets,
          now,
        ).overdue,
      ).toBe(false);
    },
  );
});
