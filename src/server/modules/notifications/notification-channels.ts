import { and, eq, gte } from 'drizzle-orm';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { createLogProvider } from '../../platform/sms/log-provider.ts';
import type { SmsProvider } from '../../platform/sms/sms-provider.ts';
import { TWILIO_DEFAULT_TIMEOUT_MS, createTwilioProvider } from '../../platform/sms/twilio-provider.ts';
import { testOutbox } from './notifications.tables.ts';
import { createPushSender, type PushSender } from './push-sender.ts';
import { loadVapidKeys } from './vapid-keys.ts';

/** Settings of this module, read from the environment (the platform Config does not know them). */
export interface NotificationsSettings {
  twilio?: {
    accountSid: string;
    authToken: string;
    from?: string;
    messagingServiceSid?: string;
    baseUrl?: string;
    timeoutMs: number;
  };
  smsPerSecond: number;
  retentionDays: number;
  /** First retry delay; doubled on every attempt, capped at one hour. */
  retryBaseMs: number;
  maxAttempts: number;
  /**
   * A delivery left 'sending' (or queued with no job) this long was abandoned by a worker that
   * died; the sweep then asks the provider what became of it. Longer than the provider timeout,
   * so the dead worker's own request cannot still be on its way.
   */
  staleSendingMs: number;
  /** How often each worker sends the deliveries that are due (the outbox written by statements, due retries). */
  outboxPollMs: number;
}

const STALE_MARGIN_MS = 2000;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} doit être un entier positif (reçu « ${raw} »)`);
  return value;
}

export function loadNotificationsSettings(env: NodeJS.ProcessEnv = process.env): NotificationsSettings {
  const accountSid = env.TWILIO_ACCOUNT_SID;
  const authToken = env.TWILIO_AUTH_TOKEN;
  const from = env.TWILIO_FROM || undefined;
  const messagingServiceSid = env.TWILIO_MESSAGING_SERVICE_SID || undefined;
  const twilio =
    accountSid && authToken && (from || messagingServiceSid)
      ? {
          accountSid,
          authToken,
          from,
          messagingServiceSid,
          timeoutMs: Math.max(1, positiveInt(env, 'TWILIO_TIMEOUT_MS', TWILIO_DEFAULT_TIMEOUT_MS)),
          ...(env.TWILIO_BASE_URL ? { baseUrl: env.TWILIO_BASE_URL } : {}),
        }
      : undefined;
  const staleSendingMs = positiveInt(env, 'NOTIFICATION_STALE_SENDING_MS', 120_000);
  // The margin covers what a worker does between its claim and its request (claims renewed after 1 s).
  if (twilio && staleSendingMs < twilio.timeoutMs + STALE_MARGIN_MS) {
    throw new Error(
      `NOTIFICATION_STALE_SENDING_MS (${staleSendingMs} ms) doit dépasser d'au ` +
        `moins 2 s le délai d'attente de Twilio TWILIO_TIMEOUT_MS ` +
        `(${twilio.timeoutMs} ms) : sinon un SMS encore en cours d'envoi pourrait ` +
        `être envoyé deux fois.`,
    );
  }
  return {
    twilio,
    staleSendingMs,
    smsPerSecond: Math.max(1, positiveInt(env, 'NOTIFICATION_SMS_PER_SECOND', 50)),
    retentionDays: positiveInt(env, 'NOTIFICATION_RETENTION_DAYS', 365),
    retryBaseMs: positiveInt(env, 'NOTIFICATION_RETRY_BASE_MS', 10_000),
    maxAttempts: Math.max(1, positiveInt(env, 'NOTIFICATION_MAX_ATTEMPTS', 8)),
    outboxPollMs: Math.max(50, positiveInt(env, 'NOTIFICATION_OUTBOX_POLL_MS', 1000)),
  };
}

export interface NotificationChannels {
  sms: SmsProvider;
  /** Receipts exist only for a real provider: the log provider "sends" and that is final. */
  smsReceiptsUrl?: string;
  email: Mailer;
  /** Web push (VAPID) to staff browsers; keys from VAPID_* or DATA_DIR (vapid-keys.ts). */
  push: PushSender;
  close(): void;
}

/**
 * Twilio when configured, otherwise SMS land in test_outbox. E-mail keeps the platform mailer
 * (SMTP, or .eml files without SMTP_URL); without SMTP it is also copied to test_outbox so an
 * admin can read it in the app.
 */
export function createNotificationChannels(
  config: Config,
  database: Database,
  settings: NotificationsSettings,
  logger?: FastifyBaseLogger,
): NotificationChannels {
  const log = logger ?? (pino({ level: config.logLevel }) as unknown as FastifyBaseLogger);
  const sms = settings.twilio
    ? createTwilioProvider({ ...settings.twilio, logger: log })
    : createLogProvider(
        {
          async record(message) {
            await database.db
              .insert(testOutbox)
              .values({ channel: 'sms', address: message.to, subject: null, body: message.body });
          },
          async find({ to, body, since }) {
            const [row] = await database.db
              .select({ id: testOutbox.id })
              .from(testOutbox)
              .where(
                and(
                  eq(testOutbox.channel, 'sms'),
                  eq(testOutbox.address, to),
                  eq(testOutbox.body, body),
                  gte(testOutbox.createdAt, since),
                ),
              )
              .limit(1);
            return row ? `LOG-${row.id}` : undefined;
          },
        },
        log,
      );
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }, log);
  const email: Mailer = config.smtpUrl
    ? mailer
    : {
        async send(message) {
          const sent = await mailer.send(message);
          await database.db
            .insert(testOutbox)
            .values({ channel: 'email', address: message.to, subject: message.subject, body: message.text });
          return sent;
        },
        close: () => mailer.close(),
      };
  return {
    sms,
    ...(settings.twilio ? { smsReceiptsUrl: `${config.publicUrl}/api/notifications/sms/receipts` } : {}),
    email,
    push: createPushSender(database, () =>
      loadVapidKeys(process.env, config.dataDir, config.publicUrl, config.mailFrom),
    ),
    close: () => email.close(),
  };
}
