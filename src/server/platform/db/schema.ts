// Every table of the platform, for drizzle's relational API and drizzle-kit's migrations.
// A module adds its `<module>.tables.ts` here; nothing else in the spine changes.
import * as platform from './platform.tables.ts';
import * as territory from '../../modules/territory/territory.tables.ts';
import * as identity from '../../modules/identity/identity.tables.ts';
import * as notifications from '../../modules/notifications/notifications.tables.ts';
import * as alerts from '../../modules/alerts/alerts.tables.ts';
import * as officeHours from '../../modules/office-hours/office-hours.tables.ts';
import * as requests from '../../modules/requests/requests.tables.ts';

export const schema = {
  ...platform,
  ...territory,
  ...identity,
  ...notifications,
  ...alerts,
  ...officeHours,
  ...requests,
};
export type Schema = typeof schema;
