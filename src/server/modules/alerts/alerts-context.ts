import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { requireJobRunner, type JobRunner } from '../../platform/jobs/job-runner.ts';
import { derivePurposeKey } from '../../platform/secrets.ts';

/** Settings of this module, read from the environment (documented in the README). */
export interface AlertsSettings {
  /** Minutes without acknowledgement before the next rank of a commune is alerted. */
  escalationMinutes: number;
  /** Alerts one account may create per rolling minute. */
  perMinute: number;
  /** Estimated price of one SMS segment, euros (shown before sending). */
  smsCostEur: number;
  /** Days an alert (text, recipients, acknowledgements) is kept after it closed, or after it was sent if never closed. */
  retentionDays: number;
}

function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, integer: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new Error(`${name} doit être un nombre positif (reçu « ${raw} »)`);
  return value;
}

export function loadAlertsSettings(env: NodeJS.ProcessEnv = process.env): AlertsSettings {
  return {
    escalationMinutes: Math.max(1, readNumber(env, 'ALERT_ESCALATION_MINUTES', 10, true)),
    perMinute: Math.max(1, readNumber(env, 'ALERTS_PER_MINUTE', 20, true)),
    smsCostEur: readNumber(env, 'ALERT_SMS_COST_EUR', 0.05, false),
    retentionDays: Math.max(1, readNumber(env, 'ALERT_RETENTION_DAYS', 365, true)),
  };
}

/** What the alert services share: database, job queue (outbox), public address and link key. */
export interface AlertsContext {
  database: Database;
  /** The job queue (outbox); throws 503 in a process that runs none. */
  jobs: () => JobRunner;
  publicUrl: string;
  /** Territory cache re-check interval (point → commune). */
  cachePollMs: number;
  /** Signs acknowledgement links; derived from the platform secret so every process agrees. */
  ackKey: Buffer;
  settings: AlertsSettings;
}

export function deriveAckKey(config: Config): Buffer {
  return derivePurposeKey(config, 'psq-alert-ack');
}

/** `jobs` may be a getter: the queue may start after the routes are registered. */
export function createAlertsContext(
  config: Config,
  database: Database,
  jobs: JobRunner | undefined | (() => JobRunner | undefined),
  settings: AlertsSettings,
): AlertsContext {
  const runner = typeof jobs === 'function' ? jobs : () => jobs;
  return {
    database,
    jobs: requireJobRunner(runner),
    publicUrl: config.publicUrl,
    cachePollMs: config.cachePollMs,
    ackKey: deriveAckKey(config),
    settings,
  };
}
