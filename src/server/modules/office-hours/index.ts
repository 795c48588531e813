import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { REMINDER_JOB, reminderActor, sendDueReminders } from './booking-reminders.ts';
import { createBookingsContext } from './bookings-context.ts';
import { bookingRoutes } from './bookings.routes.ts';
import { seedDemoOfficeHours } from './office-hours.seed.ts';
import { officeHoursRoutes } from './office-hours.routes.ts';
import { closePublicCache } from './public-cache.ts';
import { publicOfficeHoursRoutes } from './public.routes.ts';

export { expandRecurrence, MAX_OCCURRENCES, MAX_SPAN_DAYS } from './recurrence.ts';
export {
  findOccurrencePlace,
  loadAgenda,
  scheduleTitlesOf,
  venueNamesOf,
  type AgendaBooking,
  type AgendaOccurrence,
  type AgendaScope,
  type OccurrencePlace,
} from './agenda.ts';
export { addDays, isRealDate, parisDate } from './paris-time.ts';
/** The demo venues and schedules, for other modules' tests. */
export { seedDemoOfficeHours } from './office-hours.seed.ts';

/** Office hours (permanences): venues, recurring schedules, public listings, iCalendar feeds and bookings. */
export function createOfficeHoursModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  // Routes and the reminder job share the job runner of their database (the outbox of notify()).
  const runners = new Map<Database, JobRunner>();
  return {
    name: 'office-hours',
    async routes(app, { config, database, jobs }) {
      if (jobs) runners.set(database, jobs);
      const ctx = { database, pollMs: config.cachePollMs };
      await officeHoursRoutes(app, ctx);
      await publicOfficeHoursRoutes(app, ctx);
      await bookingRoutes(
        app,
        createBookingsContext(config, database, () => runners.get(database), options.env),
      );
    },
    jobs: ({ config, database }) => [
      {
        name: REMINDER_JOB,
        cron: '5 * * * *',
        handler: async () =>
          void (await sendDueReminders(
            createBookingsContext(config, database, () => runners.get(database), options.env),
            database.db,
            reminderActor,
          )),
      },
    ],
    seedDemo: (database) => seedDemoOfficeHours(database),
    async warm({ database, jobs }) {
      if (jobs) runners.set(database, jobs);
    },
    async close(database) {
      runners.delete(database);
      await closePublicCache(database);
    },
  };
}

export const officeHoursModule: PlatformModule = createOfficeHoursModule();
