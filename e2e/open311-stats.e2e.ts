import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';
import { databaseUrlOf, onServer, SERVER_URL } from './own-database.ts';

const submit = (baseUrl: string, key: string) =>
  fetch(`${baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: key,
      service_code: 'noise',
      lat: '49.1',
      long: '6.2',
      description: 'Musique très forte chaque nuit dans la cour.',
    }).toString(),
  });

/**
 * The Moselle administrator hands a key to a Moselle Open311 application, which submits with it,
 * then revokes it; the statistics page of the requests. Other départements' applications (neither
 * listed, revoked nor created by this administrator): open311-clients.routes.test.ts.
 */
describe('Open311 et statistiques des demandes', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await openSession();
    await signIn(admin);
  });
  afterAll(async () => {
    await admin?.close();
  });

  test(
    'l’administrateur crée la clé d’une application (montrée une fois), elle ' +
      'dépose une demande, puis la clé est révoquée',
    async () => {
      const { page, baseUrl } = admin;
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Applications Open311' }).click();
      await expectPageBasics(page, 'Applications Open311', 'Applications Open311');
      // An administrator of one département (Moselle) is not asked which one: the application is Moselle's.
      expect(await page.getByRole('combobox', { name: /Département/ }).count()).toBe(0);
      const name = `Application ${Date.now() % 100000}`;
      await page.getByLabel(/^Nom de l’application/).fill(name);
      await page.getByRole('button', { name: 'Créer et afficher la clé' }).click();
      const key = (await page.locator('code', { hasText: /^o311_/ }).textContent()) ?? '';
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
      await page.getByRole('cell', { name, exact: true }).waitFor();
      expect(
        await page
          .getByRole('row', { name: new RegExp(name) })
          .getByRole('cell', { name: 'Moselle (57)', exact: true })
          .count(),
      ).toBe(1);
      await expectNoSeriousAxeViolations(page, '/admin/open311');

      const accepted = await submit(baseUrl, key);
      expect(accepted.status).toBe(201);
      expect((await accepted.json())[0].service_request_id).toMatch(/^R-\d{4}-\d{6}$/);

      await page.getByRole('button', { name: `Révoquer la clé de ${name}` }).click();
      await page.getByRole('button', { name: `Confirmer : « ${name} » ne pourra plus déposer de demandes` }).click();
      await page.getByText(`Clé de « ${name} » révoquée.`).waitFor();
      await page
        .getByRole('cell', { name: /^Révoquée le/ })
        .first()
        .waitFor();
      expect((await submit(baseUrl, key)).status).toBe(403);
    },
  );

  test('les statistiques des demandes : tableaux des délais et des comptes, période choisie', async () => {
    const { page } = admin;
    await page.goto('/demandes');
    await page.getByRole('link', { name: 'Statistiques' }).click();
    await expectPageBasics(page, 'Statistiques des demandes', 'Statistiques des demandes');
    await page.getByRole('table', { name: /Délais depuis la réception/ }).waitFor();
    await page.getByRole('table', { name: 'Par catégorie' }).waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes/statistiques');
    const year = new Date().getFullYear();
    await page.getByLabel('Du').fill(`${year - 5}-01-01`);
    await page.getByLabel('Au').fill(`${year - 5}-12-31`);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText(/^0 demande reçue du \p{L}+ 1er janvier \d{4} au \p{L}+ 31 décembre \d{4}\.$/u).waitFor();
    expect(page.url()).toContain(`du=${year - 5}-01-01`);
  });
});

/**
 * An administrator of two départements (Moselle and Meurthe-et-Moselle) chooses the new
 * application's département; a Vosges application stays out of their list. A server of its own on
 * PostgreSQL: the assignments and the Vosges application are written in the database.
 */
describe('applications Open311 d’un administrateur de deux départements', () => {
  const database = `psq_e2e_open311_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlOf(database);
  let server: RunningServer;
  let admin: Session;
  let meurthe = '';

  beforeAll(async () => {
    await onServer(SERVER_URL, `create database ${database}`);
    server = await startServer({ DATABASE_URL: databaseUrl, SEED: 'demo' });
    admin = await openSession(server.baseUrl);
    await signIn(admin);
    [{ id: meurthe }] = await onServer(
      databaseUrl,
      "insert into departments (code, name) values ('54', 'Meurthe-et-Moselle') returning id",
    );
    const [vosges] = await onServer(
      databaseUrl,
      "insert into departments (code, name) values ('88', 'Vosges') returning id",
    );
    await onServer(
      databaseUrl,
      'insert into role_assignments (user_id, role, scope_type, scope_id) select ' +
        "id, 'admin', 'department', $1 from users where email = 'admin@demo.psq.fr'",
      [meurthe],
    );
    await onServer(
      databaseUrl,
      "insert into open311_clients (name, key_hash, department_id) values ('Application vosgienne', $1, $2)",
      [crypto.randomBytes(32).toString('hex'), vosges.id],
    );
  });
  afterAll(async () => {
    await admin?.close();
    await server?.stop();
    await onServer(SERVER_URL, `drop database if exists ${database} with (force)`);
  });

  test(
    'il choisit le département de la nouvelle application ; celles des autres ' + 'départements ne sont pas listées',
    async () => {
      const { page } = admin;
      await page.goto('/admin/open311');
      await expectPageBasics(page, 'Applications Open311', 'Applications Open311');
      const select = page.getByRole('combobox', { name: /Département de l’application/ });
      await select.waitFor();
      await page.getByLabel(/^Nom de l’application/).fill('Portail lorrain');
      expect(await page.getByRole('button', { name: 'Créer et afficher la clé' }).isDisabled()).toBe(true);
      await select.selectOption({ label: 'Meurthe-et-Moselle (département)' });
      await expectNoSeriousAxeViolations(page, '/admin/open311 (choix du département)');
      await page.getByRole('button', { name: 'Créer et afficher la clé' }).click();
      await page.getByText('Clé de l’application « Portail lorrain » (Meurthe-et-Moselle (54))').waitFor();
      await page
        .getByRole('row', { name: /Portail lorrain/ })
        .getByRole('cell', { name: 'Meurthe-et-Moselle (54)', exact: true })
        .waitFor();
      expect(await page.getByText('Application vosgienne').count()).toBe(0);
      expect(
        await onServer(databaseUrl, "select department_id from open311_clients where name = 'Portail lorrain'"),
      ).toEqual([{ department_id: meurthe }]);
      expect(
        (
          await onServer(
            databaseUrl,
            "select details->>'departmentCode' as code from audit_events where action = 'open311.client.created'",
          )
        ).map((event) => event.code),
      ).toEqual(['54']);
      expect(admin.problems).toEqual([]);
    },
  );
});
