import type { PlatformModule } from '../../platform/module.ts';
import { seedDemoOfficeHours } from './office-hours.seed.ts';
import { officeHoursRoutes } from './office-hours.routes.ts';
import { publicOfficeHoursRoutes } from './public.routes.ts';

export { expandRecurrence, MAX_OCCURRENCES, MAX_SPAN_DAYS } from './recurrence.ts';

/** Office hours (permanences): venues, recurring schedules, public listings and iCalendar feeds. */
export const officeHoursModule: PlatformModule = {
  name: 'office-hours',
  async routes(app, { config, database }) {
    await officeHoursRoutes(app, { database, pollMs: config.cachePollMs });
    await publicOfficeHoursRoutes(app, { database, pollMs: config.cachePollMs });
  },
  seedDemo: (database) => seedDemoOfficeHours(database),
};
