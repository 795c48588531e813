import os from 'node:os';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { startJobRunner, type JobRunner } from '../jobs/job-runner.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { MAIL_JOB, createMailJob, enqueueMail, validateMailMessage } from './mail-job.ts';
import { decodeBody, decodeHeader, startSmtpPeer, type SmtpPeer } from '../../test/peers/smtp-peer.ts';
import { invitationMail } from './templates.ts';

const PASSWORD = 'Relay-Password-77';
const TOKEN = 'jeton-invitation-ultra-secret';

// One logger for the job runner and the mailer: everything the worker path prints is checked.
const lines: string[] = [];
const logger = pino(
  { level: 'debug' },
  { write: (line: string) => void lines.push(line) },
) as unknown as FastifyBaseLogger;

let database: Database;
let runner: JobRunner;
let smtp: SmtpPeer;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  database = await createTestDatabase();
  mailer = createMailer(
    {
      smtpUrl: `smtp://psq:${PASSWORD}@127.0.0.1:${smtp.port}`,
      from: 'PSQ <ne-pas-repondre@psq.localhost>',
      dataDir: os.tmpdir(),
    },
    logger,
  );
  runner = await startJobRunner({ database, logger, work: true, jobs: [createMailJob(mailer)] });
});
afterAll(async () => {
  await runner?.stop();
  mailer?.close();
  await database?.close();
  await smtp?.close();
});

function invitation(to: string) {
  return invitationMail({
    to,
    displayName: 'Camille Durand',
    link: `https://psq.example/invitation/${TOKEN}`,
    invitedBy: 'Préfecture',
    expiresAt: new Date('2026-11-24T13:30:00Z'),
  });
}

describe('mail job (outbox → pg-boss → SMTP)', () => {
  it('sends a mail enqueued in a committed transaction, never one whose transaction rolled back', async () => {
    await database.db
      .transaction(async (tx) => {
        await enqueueMail(runner, tx, invitation('rolled-back@example.org'));
        throw new Error('abort');
      })
      .catch(() => {});
    await database.db.transaction(async (tx) => {
      await enqueueMail(runner, tx, invitation('committed@example.org'));
    });

    const [mail] = await smtp.waitForMessages(1, 20_000);
    expect(mail.to).toEqual(['committed@example.org']);
    expect(decodeHeader(mail.raw, 'Subject')).toBe('Invitation à rejoindre PSQ');
    expect(decodeBody(mail.raw)).toContain(`https://psq.example/invitation/${TOKEN}`);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(smtp.messages.map((message) => message.to[0])).not.toContain('rolled-back@example.org');

    const log = lines.join('');
    expect(log).toContain('mail sent');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('Camille');
    expect(log).not.toContain(PASSWORD);
  });

  it('retries a job whose SMTP delivery failed (pg-boss retry)', async () => {
    smtp.setFailure(451);
    const before = smtp.messages.length;
    await database.db.transaction(async (tx) => {
      await enqueueMail(runner, tx, invitation('retry@example.org'));
    });
    await vi.waitFor(() => expect(smtp.rejected).toBeGreaterThan(0), { timeout: 20_000, interval: 100 });
    smtp.setFailure(null);
    const messages = await smtp.waitForMessages(before + 1, 20_000);
    expect(messages.at(-1)?.to).toEqual(['retry@example.org']);
    expect(lines.join('')).not.toContain(PASSWORD);
  });

  it('runs through runNow too (CLI path)', async () => {
    const before = smtp.messages.length;
    await runner.runNow(MAIL_JOB, invitation('now@example.org'));
    expect(smtp.messages.length).toBe(before + 1);
  });
});

describe('enqueueMail validation', () => {
  it('refuses a bad address or an empty subject/text before anything is written', async () => {
    const good = invitation('ok@example.org');
    for (const to of [
      '',
      'pas-une-adresse',
      'a@b',
      'a b@example.org',
      'a@example.org, b@example.org',
      'a@example.org\r\nBcc: x@y.z',
    ]) {
      await expect(enqueueMail(runner, database.db, { ...good, to })).rejects.toThrow(/e-mail/);
    }
    await expect(enqueueMail(runner, database.db, { ...good, subject: '  ' })).rejects.toThrow(/subject/);
    await expect(enqueueMail(runner, database.db, { ...good, subject: 'a\nBcc: x@y.z' })).rejects.toThrow(/subject/);
    await expect(enqueueMail(runner, database.db, { ...good, text: '' })).rejects.toThrow(/text/);
    const rows = await database.query<{ count: string }>(
      `select count(*)::text as count from pgboss.job where name = '${MAIL_JOB}' and data->>'to' = 'ok@example.org'`,
    );
    expect(rows[0].count).toBe('0');
  });

  it('keeps only the known fields', () => {
    const extra = { to: 'a@example.org', subject: 's', text: 't', bcc: 'x@y.z' } as never;
    expect(validateMailMessage(extra)).toEqual({ to: 'a@example.org', subject: 's', text: 't' });
  });
});
