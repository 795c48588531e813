import type { OfficeHourSchedule, OfficeHourScheduleCreate, OfficeHourVenue, OfficeHourVenueCreate } from '../../../shared/office-hours.schemas.ts';
import type { Role, ScopeType } from '../../../shared/identity.schemas.ts';
import type { TestApp } from '../../test/test-app.ts';
import { signedIn } from '../identity/identity.factories.ts';
import { makeTerritory } from '../territory/territory.factories.ts';

let place = 0;

/** A territory of its own (one commune, one sector square) with a delegate on the commune. */
export async function makeDelegateTerritory(t: TestApp) {
  place += 1;
  const lon = 3 + (place % 50) * 0.05;
  const lat = 45 + Math.floor(place / 50) * 0.05;
  const code = [...Array(95).keys()].map((i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '20')[(place + 40) % 94];
  const territory = await makeTerritory(t.database, { lon, lat, departmentCode: code, inseeCode: `${code}${String(500 + place).padStart(3, '0')}` });
  const as = (role: Role, scopeType: ScopeType, scopeId: string) => signedIn(t.database, t.config, role, scopeType, scopeId);
  return {
    ...territory,
    /** Inside the sector square. */
    point: { lon: lon + 0.005, lat: lat + 0.005 },
    delegate: await as('delegate', 'municipality', territory.municipality.id),
    as,
  };
}
export type DelegateTerritory = Awaited<ReturnType<typeof makeDelegateTerritory>>;

export async function addVenue(t: TestApp, c: DelegateTerritory, body: Partial<OfficeHourVenueCreate> = {}): Promise<OfficeHourVenue> {
  const response = await t.app.inject({ method: 'POST', url: '/api/office-hours/venues', headers: c.delegate.headers, payload: { name: 'Mairie de quartier', address: '1 rue de la Mairie', ...c.point, ...body } });
  if (response.statusCode !== 201) throw new Error(`venue: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function addSchedule(t: TestApp, c: DelegateTerritory, body: Partial<OfficeHourScheduleCreate> & { venueId: string }): Promise<OfficeHourSchedule> {
  const response = await t.app.inject({ method: 'POST', url: '/api/office-hours/schedules', headers: c.delegate.headers, payload: { title: 'Permanence du délégué', startTime: '14:00', endTime: '17:00', startDate: '2019-03-01', endDate: '2019-04-30', ...body } });
  if (response.statusCode !== 201) throw new Error(`schedule: ${response.statusCode} ${response.body}`);
  return response.json();
}
