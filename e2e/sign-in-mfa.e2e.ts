import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  expectNoSeriousAxeViolations,
  expectPageBasics,
  openSession,
  signIn,
  signOutButton,
  submitSignIn,
  type Session,
} from './helpers.ts';
import { invitationPath, readShownSecret, totpCode } from './identity-helpers.ts';

/**
 * The whole life of an account: the admin invites a police referent on a sector, the invitation e-mail
 * gives the link, the person chooses a password, sets TOTP up, keeps the recovery codes; then signs out
 * and in again through the verification step.
 */
describe('connexion avec double authentification', () => {
  let admin: Session;
  let agent: Session;
  const run = Date.now().toString(36);
  const email = `agent.e2e.${run}@example.fr`;
  const name = `Agent Référent ${run}`;
  const password = 'Cheval agrafe batterie correcte 42';
  let secret = '';
  let enrolmentStep = -1;
  let link = '';

  beforeAll(async () => {
    admin = await openSession();
    agent = await openSession();
    await signIn(admin);
  });
  afterAll(async () => {
    await admin?.close();
    await agent?.close();
  });

  test('l’administrateur invite un référent police sur un secteur', async () => {
    const { page } = admin;
    await page.goto('/admin/utilisateurs');
    await expectPageBasics(page, 'Utilisateurs', 'Utilisateurs');
    const form = page.locator('#formulaire-invitation');
    await form.getByLabel(/^Adresse électronique/).fill(email);
    await form.getByLabel(/^Nom affiché/).fill(name);
    await form.getByLabel('Rôle', { exact: true }).selectOption('police_referent');
    await form.getByLabel(/^Type de territoire/).selectOption('sector');
    await form.getByLabel('Département', { exact: true }).selectOption({ label: '57 — Moselle' });
    await form.getByLabel('Commune', { exact: true }).selectOption({ label: 'Metz (57463)' });
    const sector = form.getByLabel('Secteur', { exact: true });
    await sector.locator('option', { hasText: 'Borny' }).first().waitFor({ state: 'attached' });
    const borny = await sector.locator('option', { hasText: 'Borny' }).first().getAttribute('value');
    await sector.selectOption(borny ?? '');
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText(`L’invitation a été envoyée à ${email}.`).waitFor();
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByText('Invité')
      .waitFor();

    link = await invitationPath(inject('dataDir'), email);
    expect(link).toMatch(/^\/invitation\/[A-Za-z0-9_-]{20,}$/);
  });

  test('la personne invitée choisit son mot de passe', async () => {
    const { page } = agent;
    await page.goto(link);
    await expectPageBasics(page, 'Créer mon mot de passe', 'Créer mon mot de passe');
    await page.getByText('12 caractères au minimum. Une phrase de passe est plus facile à retenir.').waitFor();
    await expectNoSeriousAxeViolations(page, 'invitation');
    expect(await page.getByLabel(/^Adresse électronique/).inputValue()).toBe(email);

    // Too short: refused before the server is asked.
    await page.getByLabel(/^Mot de passe/).fill('court');
    await page.getByLabel(/^Confirmation du mot de passe/).fill('court');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page
      .locator('.fr-alert--error[role="alert"]')
      .getByText(/au moins 12 caractères/)
      .waitFor();

    await page.getByLabel(/^Mot de passe/).fill(password);
    await page.getByLabel(/^Confirmation du mot de passe/).fill(password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByText('Votre mot de passe a été enregistré').waitFor();
  });

  test('première connexion : activation de la double authentification, codes de secours', async () => {
    const { page } = agent;
    await submitSignIn(page, email, password);
    await page.waitForURL((url) => url.pathname === '/connexion/activation-mfa');
    await expectPageBasics(page, 'Activer la double authentification', 'Activer la double authentification');
    const qr = page.getByRole('img', { name: "QR code à scanner avec votre application d'authentification" });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expectNoSeriousAxeViolations(page, 'activation de la double authentification');

    secret = await readShownSecret(page);
    const { code, step } = await totpCode(secret);
    enrolmentStep = step;
    await page.getByLabel(/^Code à 6 chiffres/).fill(code);
    await page.getByRole('button', { name: 'Activer', exact: true }).click();
    await page.getByRole('heading', { name: 'Vos codes de secours' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem').allTextContents();
    expect(codes.length).toBeGreaterThanOrEqual(5);
    await expectNoSeriousAxeViolations(page, 'codes de secours');

    await page.getByRole('button', { name: "J'ai conservé mes codes" }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page
      .locator('.fr-header__tools')
      .getByRole('link', { name: new RegExp(name) })
      .waitFor();
    await signOutButton(page).waitFor();
    expect(agent.problems).toEqual([]);
  });

  test('déconnexion puis reconnexion : page de vérification, code à 6 chiffres', async () => {
    const { page } = agent;
    await signOutButton(page).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.locator('.fr-header__tools').getByRole('link', { name: 'Se connecter' }).waitFor();

    await submitSignIn(page, email, password);
    await page.waitForURL((url) => url.pathname === '/connexion/verification');
    await expectPageBasics(page, 'Vérification en deux étapes', 'Vérification en deux étapes');
    const input = page.getByLabel(/^Code à 6 chiffres/);
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    await expectNoSeriousAxeViolations(page, 'vérification en deux étapes');

    // The recovery-code mode exists; back to the app's code.
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByLabel(/^Code de secours/).waitFor();
    await page.getByRole('button', { name: 'Utiliser le code de l’application' }).click();

    // A wrong code: the server's message, still on the page.
    await page.getByLabel(/^Code à 6 chiffres/).fill('000000');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.locator('.fr-alert--error[role="alert"]').waitFor();
    expect(page.url()).toContain('/connexion/verification');

    // The enrolment's code cannot be used twice: wait for the next 30 s step if needed.
    const { code } = await totpCode(secret, enrolmentStep);
    await page.getByLabel(/^Code à 6 chiffres/).fill(code);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await signOutButton(page).waitFor();

    await page.goto('/compte');
    await expectPageBasics(page, 'Mon compte', 'Mon compte');
    await page.getByRole('cell', { name: 'Policier ou gendarme référent' }).waitFor();
    await page.getByText('Activée', { exact: true }).waitFor();
    // Not an administrator: no admin entry in the menu, and the admin pages say so.
    expect(await page.locator('nav#navigation').getByRole('link', { name: 'Espace administrateur' }).count()).toBe(0);
    await page.goto('/admin/utilisateurs');
    await page.getByRole('heading', { level: 1, name: 'Accès réservé' }).waitFor();
    expect(agent.problems).toEqual([]);
  }, 90_000);
});
