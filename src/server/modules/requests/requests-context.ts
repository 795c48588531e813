import type { Config } from '../../platform/config.ts';
import type { RequestCategory } from '../../../shared/requests/requests.schemas.ts';
import type { Database } from '../../platform/db/client.ts';
import { requireJobRunner, type JobRunner } from '../../platform/jobs/job-runner.ts';
import { derivePurposeKey } from '../../platform/secrets.ts';
import { readPositiveInt } from '../../platform/env-settings.ts';
import { loadInboundSmtpSettings, type InboundSmtpSettings } from './email-intake/inbound-settings.ts';
import { readCategoryTargetSettings, type CategoryTargets, type SettingSource } from './targets/request-deadlines.ts';

/** Settings of this module, read from the environment (documented in the README). */
export interface RequestsSettings {
  /** Submissions per source address and window (public form). */
  perIp: number;
  windowMinutes: number;
  /** Unknown tracking tokens tried per source address and window before 429. */
  trackFailuresPerIp: number;
  /** Resident replies per source address and window. */
  repliesPerIp: number;
  /** A point in no sector goes to the département of a sector within this distance. */
  routingRadiusKm: number;
  /** A request not acknowledged after this many hours is overdue (categories without a target of their own). */
  ackHours: number;
  /** A request not answered after this many hours is overdue (same). */
  answerHours: number;
  /**
   * Acknowledgement and answer targets per category (defaults, then REQUEST_TARGETS), and where
   * each comes from. A département's administrators' targets (table) override them there: read
   * `(await effectiveTargets(ctx)).of(request.departmentId)`.
   */
  targets: CategoryTargets;
  targetSources: Record<RequestCategory, SettingSource>;
  /** Open311 submissions per client application and window (REQUESTS_WINDOW_MINUTES). */
  open311PerClient: number;
  /** Closed requests are anonymised this many days after their closing. */
  anonymiseAfterDays: number;
  /** Largest photo or e-mail attachment, in bytes. */
  attachmentMaxBytes: number;
  /** The SMTP listener of sector mailboxes and reply addresses (INBOUND_SMTP_*). */
  inbound: InboundSmtpSettings;
}

export function loadRequestsSettings(env: NodeJS.ProcessEnv = process.env): RequestsSettings {
  const ackHours = readPositiveInt(env, 'REQUEST_ACK_HOURS', 72);
  const answerHours = readPositiveInt(env, 'REQUEST_ANSWER_HOURS', 336);
  const categoryTargets = readCategoryTargetSettings(env, ackHours, answerHours);
  return {
    perIp: readPositiveInt(env, 'REQUESTS_PER_IP', 5),
    windowMinutes: readPositiveInt(env, 'REQUESTS_WINDOW_MINUTES', 10),
    trackFailuresPerIp: readPositiveInt(env, 'REQUEST_TRACK_FAILURES_PER_IP', 20),
    repliesPerIp: readPositiveInt(env, 'REQUEST_REPLIES_PER_IP', 10),
    routingRadiusKm: readPositiveInt(env, 'REQUEST_ROUTING_RADIUS_KM', 10),
    ackHours,
    answerHours,
    targets: categoryTargets.targets,
    targetSources: categoryTargets.sources,
    open311PerClient: readPositiveInt(env, 'OPEN311_REQUESTS_PER_CLIENT', 300),
    anonymiseAfterDays: readPositiveInt(env, 'REQUEST_ANONYMISE_AFTER_DAYS', 365),
    attachmentMaxBytes: readPositiveInt(env, 'REQUEST_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024),
    inbound: loadInboundSmtpSettings(env),
  };
}

export interface RequestsContext {
  database: Database;
  /** The job queue (outbox); throws 503 in a process that runs none. */
  jobs: () => JobRunner;
  publicUrl: string;
  cachePollMs: number;
  /** Derives tracking tokens and hashes source addresses; from the platform secret so every process agrees. */
  key: Buffer;
  settings: RequestsSettings;
}

export function createRequestsContext(
  config: Config,
  database: Database,
  jobs: () => JobRunner | undefined,
  settings: RequestsSettings,
): RequestsContext {
  return {
    database,
    jobs: requireJobRunner(jobs),
    publicUrl: config.publicUrl,
    cachePollMs: config.cachePollMs,
    key: derivePurposeKey(config, 'psq-requests'),
    settings,
  };
}
