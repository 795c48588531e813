import type { Database } from '../../platform/db/client.ts';

/** What the venues, schedules and public listings need: the database and the poll of its versioned caches. */
export interface OfficeHoursContext {
  database: Database;
  /** `CACHE_POLL_MS`: how often the public cache and the territory resolver check their data version. */
  pollMs: number;
}
