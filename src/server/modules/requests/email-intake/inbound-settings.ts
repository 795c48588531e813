import { readPositiveInt } from '../../../platform/env-settings.ts';

/** Settings of the SMTP listener and the IMAP fetch (documented in the README, section « Réception des e-mails »). */
export interface InboundSmtpSettings {
  /** Absent: no listener. */
  port: number | undefined;
  host: string;
  /** Largest message accepted (SIZE); above: 552. */
  maxBytes: number;
  /** Messages accepted per sender address and hour; above: 451 (try later). */
  perSenderPerHour: number;
  /** `reponses@psq.example`: answers carry a Reply-To `reponses+<jeton>@psq.example`. Absent: no Reply-To. */
  replyAddress: string | undefined;
  /** When the worker fetches the mailboxes that have an IMAP source (cron, UTC, minute granularity). */
  imapCron: string;
  /** Messages taken per mailbox and run; the rest wait for the next run. */
  imapMaxPerRun: number;
  /** How long connecting and the server's greeting may take, in ms. */
  imapTimeoutMs: number;
}

const ADDRESS = /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/;

/** A five-field cron expression (minute hour day month weekday); anything else stops the start-up. */
function readCron(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!/^[0-9*,/-]+( [0-9A-Za-z*,/-]+){4}$/.test(value))
    throw new Error(
      `${name} doit être une expression cron à cinq champs, par exemple « */5 * * * * » (reçu « ${value} »)`,
    );
  return value;
}

export function loadInboundSmtpSettings(env: NodeJS.ProcessEnv = process.env): InboundSmtpSettings {
  const rawPort = env.INBOUND_SMTP_PORT;
  const port = rawPort ? readPositiveInt(env, 'INBOUND_SMTP_PORT', 0) : undefined;
  if (port !== undefined && port > 65535)
    throw new Error(`INBOUND_SMTP_PORT doit être un port TCP (reçu « ${rawPort} »)`);
  const replyAddress = env.INBOUND_SMTP_REPLY_ADDRESS?.trim().toLowerCase() || undefined;
  if (replyAddress && (!ADDRESS.test(replyAddress) || replyAddress.includes('+')))
    throw new Error(
      `INBOUND_SMTP_REPLY_ADDRESS doit être une adresse e-mail simple, sans « + » ` +
        `(reçu « ${env.INBOUND_SMTP_REPLY_ADDRESS} »)`,
    );
  return {
    port,
    host: env.INBOUND_SMTP_HOST?.trim() || '127.0.0.1',
    maxBytes: readPositiveInt(env, 'INBOUND_SMTP_MAX_BYTES', 25 * 1024 * 1024),
    perSenderPerHour: readPositiveInt(env, 'INBOUND_EMAILS_PER_SENDER_PER_HOUR', 20),
    replyAddress,
    imapCron: readCron(env, 'INBOUND_IMAP_CRON', '* * * * *'),
    imapMaxPerRun: readPositiveInt(env, 'INBOUND_IMAP_MAX_PER_RUN', 50),
    imapTimeoutMs: readPositiveInt(env, 'INBOUND_IMAP_TIMEOUT_MS', 15_000),
  };
}
