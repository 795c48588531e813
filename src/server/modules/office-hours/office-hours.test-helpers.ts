import type {
  OfficeHourSchedule,
  OfficeHourScheduleCreate,
  OfficeHourVenue,
  OfficeHourVenueCreate,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import type { TestApp } from '../../test/test-app.ts';
import { makeStaffedTerritory } from '../../test/staffed-territory.ts';

/** A territory of its own (one commune, one sector square) with a delegate on the commune. */
export async function makeDelegateTerritory(t: TestApp) {
  const territory = await makeStaffedTerritory(t);
  return {
    ...territory,
    delegate: await territory.as('delegate', 'municipality', territory.municipality.id),
  };
}
export type DelegateTerritory = Awaited<ReturnType<typeof makeDelegateTerritory>>;

export async function addVenue(
  t: TestApp,
  c: DelegateTerritory,
  body: Partial<OfficeHourVenueCreate> = {},
): Promise<OfficeHourVenue> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/office-hours/venues',
    headers: c.delegate.headers,
    payload: { name: 'Mairie de quartier', address: '1 rue de la Mairie', ...c.point, ...body },
  });
  if (response.statusCode !== 201) throw new Error(`venue: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function addSchedule(
  t: TestApp,
  c: DelegateTerritory,
  body: Partial<OfficeHourScheduleCreate> & { venueId: string },
): Promise<OfficeHourSchedule> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/office-hours/schedules',
    headers: c.delegate.headers,
    payload: {
      title: 'Permanence du délégué',
      startTime: '14:00',
      endTime: '17:00',
      startDate: '2019-03-01',
      endDate: '2019-04-30',
      ...body,
    },
  });
  if (response.statusCode !== 201) throw new Error(`schedule: ${response.statusCode} ${response.body}`);
  return response.json();
}
