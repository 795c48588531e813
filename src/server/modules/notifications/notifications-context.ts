import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { SmsProvider } from '../../platform/sms/sms-provider.ts';
import type { DeliveryAnnouncer } from './delivery-events.ts';

/** What the module's routes share: database, settings, the job queue (outbox), the SMS provider and live announcements. */
export interface NotificationsContext {
  database: Database;
  config: Config;
  /** Absent in a process that runs no job queue: sending a test message is then a 503. */
  jobs: JobRunner | undefined;
  /** The provider that verifies receipts (Twilio, or the test outbox's). */
  sms: () => SmsProvider;
  /** Tells the author of a message that its deliveries moved. */
  announcer: DeliveryAnnouncer;
}
