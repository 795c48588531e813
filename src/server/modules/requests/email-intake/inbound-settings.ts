import { readPositiveInt } from '../../../platform/env-settings.ts';

/** Settings of the SMTP listener (documented in the README, section « Réception des e-mails »). */
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
}

const ADDRESS = /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/;

export function loadInboundSmtpSettings(env: NodeJS.ProcessEnv = process.env): InboundSmtpSettings {
  const rawPort = env.INBOUND_SMTP_PORT;
  const port = rawPort ? readPositiveInt(env, 'INBOUND_SMTP_PORT', 0) : undefined;
  if (port !== undefined && port > 65535) throw new Error(`INBOUND_SMTP_PORT doit être un port TCP (reçu « ${rawPort} »)`);
  const replyAddress = env.INBOUND_SMTP_REPLY_ADDRESS?.trim().toLowerCase() || undefined;
  if (replyAddress && (!ADDRESS.test(replyAddress) || replyAddress.includes('+'))) throw new Error(`INBOUND_SMTP_REPLY_ADDRESS doit être une adresse e-mail simple, sans « + » (reçu « ${env.INBOUND_SMTP_REPLY_ADDRESS} »)`);
  return {
    port,
    host: env.INBOUND_SMTP_HOST?.trim() || '127.0.0.1',
    maxBytes: readPositiveInt(env, 'INBOUND_SMTP_MAX_BYTES', 25 * 1024 * 1024),
    perSenderPerHour: readPositiveInt(env, 'INBOUND_EMAILS_PER_SENDER_PER_HOUR', 20),
    replyAddress,
  };
}
