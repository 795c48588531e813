import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { systemActor } from '../../platform/access/actor.ts';
import { RETENTION_JOB } from '../../platform/jobs/retention.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { createRequestsContext, loadRequestsSettings, type RequestsSettings } from './requests-context.ts';
import { attachmentRoutes } from './attachments/attachments.routes.ts';
import { mailboxRoutes } from './email-intake/mailboxes.routes.ts';
import { fetchAllMailboxes, IMAP_FETCH_JOB, purgeImapRecords } from './email-intake/imap-fetch.ts';
import { seedDemoMailboxes } from './email-intake/mailboxes.seed.ts';
import { startInboundSmtp, type InboundSmtp } from './email-intake/smtp-listener.ts';
import { publicRequestRoutes } from './intake/public.routes.ts';
import { trackingRoutes } from './tracking/tracking.routes.ts';
import { purgeExpiredUploads } from './attachments/request-attachments.ts';
import { anonymiseClosedRequests } from './request-anonymisation.ts';
import { seedDemoRequests } from './requests.seed.ts';
import { requestStatsRoutes } from './reporting/request-stats.routes.ts';
import { staffRequestRoutes } from './handling/staff.routes.ts';
import { triageRoutes } from './handling/triage.routes.ts';
import { DIGEST_ACTOR, DIGEST_JOB, sendDailyDigests } from './reporting/request-digest.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { open311ClientRoutes } from './open311/open311-clients.routes.ts';
import { staffIntakeRoutes } from './intake/staff-intake.routes.ts';
import { requestTemplateRoutes } from './templates/request-templates.routes.ts';
import { seedNationalTemplates } from './templates/request-templates.seed.ts';
import { requestTargetRoutes } from './targets/request-targets.routes.ts';
import { closeTargetsCache } from './targets/request-targets.ts';

export {
  createRequestsContext,
  loadRequestsSettings,
  type RequestsContext,
  type RequestsSettings,
} from './requests-context.ts';
export { computeRequestStats, type RequestStatsRange, type RequestStatsScope } from './reporting/request-stats.ts';
export {
  locateStaffRequest,
  recordStaffRequest,
  type StaffOrigin,
  type StaffPlace,
  type StaffRequestInput,
} from './intake/staff-intake.ts';
export { requestStandingOf, requestStandingsOf, type RequestStanding } from './request-status.ts';
export { cleanContact } from './intake/request-intake.ts';

/** Residents' requests: public intake and tracking, staff inbox and handling. */
export function createRequestsModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  let settings: RequestsSettings | undefined;
  const read = () => (settings ??= loadRequestsSettings(options.env ?? process.env));
  const runners = new Map<Database, JobRunner>();
  const listeners = new Map<Database, InboundSmtp>();
  // The app's logger, for the jobs of the same process (the worker alone has none: pino then).
  const loggers = new Map<Database, FastifyBaseLogger>();
  return {
    name: 'requests',
    async routes(app, { config, database, jobs }) {
      if (jobs) runners.set(database, jobs);
      loggers.set(database, app.log);
      const ctx = createRequestsContext(config, database, () => runners.get(database), read());
      await publicRequestRoutes(app, ctx);
      await trackingRoutes(app, ctx);
      await requestStatsRoutes(app, ctx);
      await staffRequestRoutes(app, ctx);
      await triageRoutes(app, ctx);
      await open311Routes(app, ctx);
      await open311ClientRoutes(app, ctx);
      await attachmentRoutes(app, ctx);
      await mailboxRoutes(app, ctx);
      await staffIntakeRoutes(app, ctx);
      await requestTemplateRoutes(app, ctx);
      await requestTargetRoutes(app, ctx);
    },
    async seedDemo(database, config) {
      await seedDemoRequests(database, config, read());
      await seedDemoMailboxes(database);
      await seedNationalTemplates(database);
    },
    // The referents' daily digest of overdue and new requests (06:00 UTC, 7 or 8 h in Paris).
    // Sector mailboxes with an IMAP source are fetched every INBOUND_IMAP_CRON (each minute by default).
    jobs: ({ config, database }) => [
      {
        name: DIGEST_JOB,
        cron: '0 6 * * *',
        handler: async () =>
          void (await sendDailyDigests(
            createRequestsContext(config, database, () => runners.get(database), read()),
            database.db,
            DIGEST_ACTOR,
          )),
      },
      {
        name: IMAP_FETCH_JOB,
        cron: read().inbound.imapCron,
        handler: () =>
          fetchAllMailboxes(
            createRequestsContext(config, database, () => runners.get(database), read()),
            loggers.get(database) ?? pino({ level: config.logLevel }),
          ),
      },
    ],
    async warm({ database, jobs }) {
      if (jobs) runners.set(database, jobs);
    },
    retentionRules: () => [
      {
        name: 'request-anonymisation',
        description:
          'Demandes closes depuis plus de REQUEST_ANONYMISE_AFTER_DAYS jours (365) : ' +
          'coordonnées, textes, pièces jointes et point précis retirés',
        purge: (database, now) =>
          anonymiseClosedRequests(database.db, systemActor(RETENTION_JOB), now, read().anonymiseAfterDays),
      },
      {
        name: 'request-uploads',
        description: 'Photos envoyées par le formulaire et jamais jointes (1 h)',
        purge: (database, now) => purgeExpiredUploads(database.db, now),
      },
      {
        name: 'request-imap-records',
        description: 'Messages relevés par IMAP : trace de plus de 400 jours',
        purge: (database, now) => purgeImapRecords(database.db, now),
      },
    ],
    // The SMTP listener of sector mailboxes, in the main process only, when INBOUND_SMTP_PORT is set.
    async listen({ config, database, jobs }, logger) {
      if (jobs) runners.set(database, jobs);
      if (read().inbound.port === undefined || listeners.has(database)) return;
      listeners.set(
        database,
        await startInboundSmtp(
          createRequestsContext(config, database, () => runners.get(database), read()),
          logger,
        ),
      );
    },
    async close(database) {
      await listeners.get(database)?.close();
      await closeTargetsCache(database);
      listeners.delete(database);
      runners.delete(database);
      loggers.delete(database);
    },
  };
}

export const requestsModule: PlatformModule = createRequestsModule();
