import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';
import { databaseUrlOf, onServer, SERVER_URL } from './own-database.ts';

/**
 * Category targets per département (issue 6): the Moselle administrator shortens Moselle's
 * acknowledgement target of « Conflit de voisinage », and a 30-hour-old Moselle request of that
 * category turns « En retard » in the inbox; putting the default back clears it. The Borny
 * referent (a sector of Moselle) sees Moselle's targets read-only. Another département's
 * administrator is refused (403) by the API: request-targets.routes.test.ts.
 *
 * A server of its own on PostgreSQL: the request's age is set in the database (nothing in the
 * app backdates a request), which the embedded database of the shared e2e server does not allow
 * while it runs.
 */
describe('délais cibles par catégorie', () => {
  const database = `psq_e2e_targets_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlOf(database);
  let server: RunningServer;
  let admin: Session;
  let referent: Session;
  let reference = '';

  beforeAll(async () => {
    await onServer(SERVER_URL, `create database ${database}`);
    server = await startServer({ DATABASE_URL: databaseUrl, SEED: 'demo' });
    [admin, referent] = await Promise.all([openSession(server.baseUrl), openSession(server.baseUrl)]);
    await Promise.all([signIn(admin), signIn(referent, 'police_referent')]);
    // A resident's request, without a session.
    const response = await fetch(`${server.baseUrl}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-delais-${database}` },
      body: JSON.stringify({
        category: 'neighbour_dispute',
        description: 'Le voisin du dessus fait des travaux tous les soirs après 22 heures.',
        point: { lon: 6.2255, lat: 49.1058 },
        anonymity: 'anonymous',
      }),
    });
    expect(response.status).toBe(201);
    reference = ((await response.json()) as { reference: string }).reference;
    // Received 30 hours ago: within the default 72 hours to acknowledge it.
    await onServer(databaseUrl, "update requests set created_at = now() - interval '30 hours' where reference = $1", [
      reference,
    ]);
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), referent?.close()]);
    await server?.stop();
    await onServer(SERVER_URL, `drop database if exists ${database} with (force)`);
  });

  const overdueBadge = (session: Session) =>
    session.page.getByRole('row', { name: new RegExp(reference) }).getByText('En retard');

  test(
    'l’administrateur raccourcit le délai de prise en compte : la demande passe ' +
      'en retard dans la boîte de réception',
    async () => {
      const { page } = admin;
      await page.goto('/demandes');
      await page.getByRole('link', { name: reference }).waitFor();
      expect(await overdueBadge(admin).count()).toBe(0);

      await page.goto('/admin');
      await page.getByRole('link', { name: 'Délais cibles par catégorie' }).click();
      await expectPageBasics(page, 'Délais cibles par catégorie', 'Délais cibles par catégorie');
      // An administrator of one département sees its targets directly, without choosing.
      await page.getByText('Territoire : Moselle (département)').waitFor();
      expect(await page.getByRole('combobox', { name: /Département/ }).count()).toBe(0);
      const row = page.getByRole('row', { name: /Conflit de voisinage/ });
      await expect.poll(() => row.textContent()).toContain('72 h (3 jours)');
      expect(await row.textContent()).toContain('défaut');
      await expectNoSeriousAxeViolations(page, '/demandes/delais');

      await page.getByRole('button', { name: 'Modifier les délais de Conflit de voisinage' }).click();
      const ack = page.getByRole('spinbutton', { name: /Délai de prise en compte/ });
      const answer = page.getByRole('spinbutton', { name: /Délai de réponse/ });
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('ackHours');

      // Refused in French, the message tied to its field.
      await ack.fill('48');
      await answer.fill('24');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const message = 'Le délai de réponse (24 h) ne peut pas être plus court que le délai de prise en compte (48 h).';
      await page.getByText(message).waitFor();
      const describedBy = (await answer.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toBe(message);
      expect(await answer.getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxeViolations(page, '/demandes/delais avec une erreur');

      await ack.fill('24');
      await answer.fill('336');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Délais de « Conflit de voisinage » enregistrés', { exact: false }).waitFor();
      await expect.poll(() => row.textContent()).toContain('administrateur');
      expect(await row.textContent()).toContain('24 h (1 jour)');

      await page.goto('/demandes');
      await page.getByRole('link', { name: reference }).waitFor();
      await overdueBadge(admin).waitFor();
      await page.goto(`/demandes?categorie=neighbour_dispute&en-retard=oui`);
      await page.getByRole('link', { name: reference }).waitFor();
      // Moselle's row, audited with the département.
      const [moselle] = await onServer(databaseUrl, "select id from departments where code = '57'");
      expect(
        await onServer(databaseUrl, 'select department_id, category, ack_hours from request_category_targets'),
      ).toEqual([{ department_id: moselle.id, category: 'neighbour_dispute', ack_hours: 24 }]);
      expect(
        (
          await onServer(
            databaseUrl,
            "select details->>'departmentId' as department from audit_events where action = 'request.target.updated'",
          )
        ).map((event) => event.department),
      ).toEqual([moselle.id]);
    },
  );

  test('le référent voit les délais sans pouvoir les modifier, et la demande en retard', async () => {
    const { page } = referent;
    await page.goto('/demandes');
    await page.getByRole('link', { name: 'Délais cibles' }).click();
    await expectPageBasics(page, 'Délais cibles par catégorie', 'Délais cibles par catégorie');
    await expect
      .poll(() => page.getByRole('row', { name: /Conflit de voisinage/ }).textContent())
      .toContain('administrateur');
    expect(await page.getByRole('button', { name: /Modifier les délais/ }).count()).toBe(0);
    await page.getByText('Seuls les administrateurs du département peuvent modifier ces délais.').waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes/delais (lecture seule)');
    await page.goto('/demandes');
    await overdueBadge(referent).waitFor();
  });

  test('l’administrateur rétablit le délai par défaut : la demande n’est plus en retard', async () => {
    const { page } = admin;
    await page.goto('/demandes/delais');
    await page.getByRole('button', { name: 'Rétablir les délais par défaut de Conflit de voisinage' }).click();
    await page.getByRole('button', { name: 'Confirmer le retour' }).click();
    await page.getByText('Délais de « Conflit de voisinage » rétablis', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Conflit de voisinage/ }).textContent()).toContain('défaut');
    await page.goto('/demandes');
    await page.getByRole('link', { name: reference }).waitFor();
    expect(await overdueBadge(admin).count()).toBe(0);
  });

  test('un administrateur de deux départements choisit le département ; chacun garde ses délais', async () => {
    const { page } = admin;
    // The demo administrator also becomes administrator of Meurthe-et-Moselle.
    const [other] = await onServer(
      databaseUrl,
      "insert into departments (code, name) values ('54', 'Meurthe-et-Moselle') returning id",
    );
    await onServer(
      databaseUrl,
      'insert into role_assignments (user_id, role, scope_type, scope_id) select ' +
        "id, 'admin', 'department', $1 from users where email = 'admin@demo.psq.fr'",
      [other.id],
    );
    await page.goto('/demandes/delais');
    const select = page.getByRole('combobox', { name: /Département/ });
    await select.waitFor();
    await select.selectOption({ label: 'Meurthe-et-Moselle (département)' });
    await page.getByRole('table', { name: /Meurthe-et-Moselle/ }).waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes/delais (choix du département)');
    await page.getByRole('button', { name: 'Modifier les délais de Conflit de voisinage' }).click();
    await page.getByRole('spinbutton', { name: /Délai de prise en compte/ }).fill('12');
    await page.getByRole('spinbutton', { name: /Délai de réponse/ }).fill('48');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Délais de « Conflit de voisinage » enregistrés', { exact: false }).waitFor();
    expect(await onServer(databaseUrl, 'select department_id, ack_hours from request_category_targets')).toEqual([
      { department_id: other.id, ack_hours: 12 },
    ]);
    // Moselle's request is not late: Meurthe-et-Moselle's targets are not Moselle's.
    await page.goto('/demandes');
    await page.getByRole('link', { name: reference }).waitFor();
    expect(await overdueBadge(admin).count()).toBe(0);
    expect(admin.problems).toEqual([]);
    expect(referent.problems).toEqual([]);
  });
});
