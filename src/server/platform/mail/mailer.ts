import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Where the recipient's answer goes (e.g. a signed reply address of the platform). */
  replyTo?: string;
  /** Short label for the logs (e.g. `invitation`): the logs never carry the subject or the body. */
  kind?: string;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; absent: messages are written as .eml files. */
  smtpUrl?: string;
  from: string;
  dataDir: string;
}

export interface SentMail {
  id: string;
  transport: 'smtp' | 'file';
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = 'PSQ <ne-pas-repondre@psq.localhost>';

export type MailLogger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** The domain alone: enough to diagnose a relay problem without putting a person's address in the logs. */
export function recipientDomain(to: string): string {
  const at = to.lastIndexOf('@');
  return at >= 0 ? to.slice(at + 1).toLowerCase() : '?';
}

/** Host and port only: the URL carries the SMTP password, which must never reach a log line. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'smtp://?';
  }
}

function logFields(message: MailMessage, transport: SentMail['transport']) {
  return {
    transport,
    recipientDomain: recipientDomain(message.to),
    kind: message.kind ?? 'generic',
    subjectLength: message.subject.length,
  };
}

/** Only SMTP facts (code, command): `err.response` can echo recipient addresses back. */
function smtpErrorFields(error: unknown) {
  const err = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  return { code: err?.code, responseCode: err?.responseCode, command: err?.command };
}

function createSmtpMailer(config: MailConfig & { smtpUrl: string }, logger: MailLogger): Mailer {
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    // A hung relay must fail the job (pg-boss retries it) instead of holding a worker forever.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // Messages are built from our own templates: no attachment may read local files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  const relay = describeSmtpUrl(config.smtpUrl);
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: config.from,
          to: message.to,
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
        logger.info({ ...logFields(message, 'smtp'), relay, messageId: info.messageId }, 'mail sent');
        return { id: info.messageId, transport: 'smtp' };
      } catch (error) {
        // Rethrown so that the job fails and pg-boss retries it; logged without the message.
        logger.warn({ ...logFields(message, 'smtp'), relay, ...smtpErrorFields(error) }, 'mail send failed');
        throw error;
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Without a relay (demo, development) every message becomes an .eml file under DATA_DIR/mail:
 * a demo user opens it to follow an invitation link. The body stays in the file, not in the logs.
 */
function createFileMailer(config: MailConfig, logger: MailLogger): Mailer {
  const transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const dir = path.join(config.dataDir, 'mail');
  return {
    async send(message) {
      const info = await transporter.sendMail({
        from: config.from,
        to: message.to,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await fs.mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${crypto.randomBytes(4).toString('hex')}.eml`);
      // 0600: the file holds a personal address and a single-use link.
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      logger.info({ ...logFields(message, 'file'), file }, `mail written to ${file}`);
      return { id: info.messageId, transport: 'file' };
    },
    close() {
      transporter.close();
    },
  };
}

export function createMailer(config: MailConfig, logger: MailLogger): Mailer {
  return config.smtpUrl
    ? createSmtpMailer({ ...config, smtpUrl: config.smtpUrl }, logger)
    : createFileMailer(config, logger);
}
