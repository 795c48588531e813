import type { AlertContact, AlertContactCreate, AlertDetail } from '../../../shared/alerts/alerts.schemas.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeStaffedTerritory } from '../../test/staffed-territory.ts';
import { createAlertsContext, loadAlertsSettings, type AlertsContext } from './alerts-context.ts';

export interface AlertsFixture {
  t: TestApp;
  ctx: AlertsContext;
  close(): Promise<void>;
}

/** A test app with a working job queue, and an alerts context sharing its key (for escalation). */
export async function startAlertsApp(): Promise<AlertsFixture> {
  const t = await createTestApp({ jobs: true });
  const ctx = createAlertsContext(t.config, t.database, t.jobs, loadAlertsSettings({}));
  return { t, ctx, close: () => t.close() };
}

/** A territory of its own (commune with one sector square), its mayor and a referent on the sector. */
export async function makeCommuneWithStaff(t: TestApp) {
  const territory = await makeStaffedTerritory(t);
  return {
    ...territory,
    mayor: await territory.as('elected', 'municipality', territory.municipality.id),
    referent: await territory.as('police_referent', 'sector', territory.sector.id),
  };
}

let phone = 0;
/**
 * Valid mobile numbers, unique per call. Not the ARCEP fiction range (06 39 98…): libphonenumber
 * does not know that block and refuses it. Tests never reach a real operator anyway.
 */
export const testPhone = () => `+3361234${String(++phone % 10000).padStart(4, '0')}`;

export async function addContact(
  t: TestApp,
  headers: Record<string, string>,
  municipalityId: string,
  body: Partial<AlertContactCreate> = {},
): Promise<AlertContact> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/communes/${municipalityId}/contacts`,
    headers,
    payload: { name: 'Contact', role: 'Adjoint', phone: testPhone(), ...body },
  });
  if (response.statusCode !== 201) throw new Error(`contact: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function sendAlert(
  t: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<AlertDetail> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers,
    payload: { kind: 'intervention', severity: 'important', text: 'Intervention en cours rue de la Gare.', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`alert: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function rows<T>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return t.database.query<T>(text, params);
}
