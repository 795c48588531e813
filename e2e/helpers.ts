import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchBrowser } from './harness.ts';

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Console errors and failed requests seen by the page (a CSP violation or a 500 shows up here). */
  problems: string[];
  close: () => Promise<void>;
}

/** A browser on the e2e server (or on `baseUrl`: a second server started by a test file). */
export async function openSession(baseUrl: string = inject('baseUrl')): Promise<Session> {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    // 4xx answers are expected (409, 404 of resolve…) and logged by Chromium as « Failed to load resource »; 5xx are caught below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return { browser, context, page, baseUrl, problems, close: () => browser.close() };
}

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  displayName: string;
  scope: string;
}

/** The demo account of a role, as the server lists it (`GET /api/auth/demo-accounts`): nothing hard-coded. */
export async function demoAccount(baseUrl: string, role = 'admin'): Promise<DemoAccount> {
  const response = await fetch(`${baseUrl}/api/auth/demo-accounts`);
  const { items } = (await response.json()) as { items: DemoAccount[] };
  const account = items.find((item) => item.role === role);
  if (!account) throw new Error(`aucun compte de démonstration pour le rôle ${role} (${items.length} comptes listés)`);
  return account;
}

/** Fills the sign-in form (on `/connexion`, whatever its `?retour=`) and submits it. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await page.getByLabel(/^Adresse électronique/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

/** The header's « Se déconnecter » button (the header is rendered twice: desktop, then the mobile menu). */
export function signOutButton(page: Page) {
  return page.locator('.fr-header__tools').getByRole('button', { name: 'Se déconnecter' });
}

/** Signs in through the UI with a demo account (the admin by default: demo accounts skip MFA), then lands on `/admin`. */
export async function signIn(
  { page, baseUrl }: Pick<Session, 'page' | 'baseUrl'>,
  role = 'admin',
): Promise<DemoAccount> {
  const account = await demoAccount(baseUrl, role);
  await page.goto(role === 'admin' ? '/connexion?retour=%2Fadmin' : '/connexion');
  await submitSignIn(page, account.email, account.password);
  await signOutButton(page).waitFor();
  if (role === 'admin') await page.getByText('Vous êtes connecté en tant qu’administrateur.').waitFor();
  return account;
}

/** Waits for the page's h1, then checks the title, the single h1, the skip links and the landmarks. */
export async function expectPageBasics(page: Page, title: string, h1: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  expect(await page.title()).toBe(`${title} — PSQ`);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  expect(await page.locator('.fr-skiplinks a[href="#contenu"]').textContent()).toBe('Aller au contenu');
  expect(await page.locator('.fr-skiplinks a[href="#navigation"]').textContent()).toBe('Aller au menu');
  expect(await page.locator('main#contenu').count()).toBe(1);
  expect(await page.locator('nav#navigation').count()).toBe(1);
  expect(await page.locator('header[role="banner"], body > div header').count()).toBeGreaterThanOrEqual(1);
  expect(await page.locator('footer').count()).toBeGreaterThanOrEqual(1);
}

/** No axe violation of impact serious or critical (printed in full when there are). */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const report = serious.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    }));
    console.error(`Violations axe sur ${label} :\n${JSON.stringify(report, null, 2)}`);
  }
  expect(serious.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
}

/** Clicks the map container at fractions of its size (0..1). */
export async function clickMap(page: Page, mapName: string, points: [number, number][]): Promise<void> {
  const map = page.getByRole('region', { name: mapName });
  // Mouse clicks use viewport coordinates: a map below the fold would receive nothing.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error(`Carte « ${mapName} » invisible`);
  for (const [fx, fy] of points) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await page.waitForTimeout(150);
  }
}
