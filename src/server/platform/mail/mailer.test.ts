import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, describeSmtpUrl, recipientDomain, type MailLogger } from './mailer.ts';
import { decodeBody, decodeHeader, startSmtpPeer, type SmtpPeer } from '../../test/peers/smtp-peer.ts';

const FROM = 'PSQ <ne-pas-repondre@psq.localhost>';
const BODY = 'Corps secret du message : https://psq.example/invitation/jeton-tres-secret';
const PASSWORD = 'Mot-De-Passe-Smtp-42';

/** A pino logger whose lines are kept, to check what reaches the logs. */
function captureLogger(): { logger: MailLogger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger: logger as unknown as MailLogger, lines };
}

let smtp: SmtpPeer;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psq-mail-'));
});
afterAll(async () => {
  await smtp?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});
afterEach(() => smtp.setFailure(null));

describe('mailer over SMTP', () => {
  it('delivers through a real SMTP server, authenticated, and logs neither the body nor the password', async () => {
    const { logger, lines } = captureLogger();
    const url = `smtp://alice:${PASSWORD}@127.0.0.1:${smtp.port}`;
    const mailer = createMailer({ smtpUrl: url, from: FROM, dataDir }, logger);
    const before = smtp.messages.length;
    const sent = await mailer.send({
      to: 'camille@mairie.example',
      subject: 'Invitation à rejoindre PSQ',
      text: BODY,
      html: `<p>${BODY}</p>`,
      kind: 'invitation',
    });
    mailer.close();

    expect(sent.transport).toBe('smtp');
    expect(sent.id).toMatch(/^<.+>$/);
    const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(mail.to).toEqual(['camille@mairie.example']);
    expect(mail.from).toBe('ne-pas-repondre@psq.localhost');
    expect(mail.user).toBe('alice');
    expect(decodeHeader(mail.raw, 'Subject')).toBe('Invitation à rejoindre PSQ');
    expect(decodeBody(mail.raw)).toContain('https://psq.example/invitation/jeton-tres-secret');

    const log = lines.join('');
    expect(log).toContain('mail sent');
    expect(log).toContain('mairie.example');
    expect(log).not.toContain('camille@');
    expect(log).not.toContain('jeton-tres-secret');
    expect(log).not.toContain('Corps secret');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('Invitation à rejoindre');
  });

  it.each([451, 554])('rejects when the server refuses DATA with %i, and logs the code only', async (code) => {
    const { logger, lines } = captureLogger();
    smtp.setFailure(code);
    const mailer = createMailer(
      { smtpUrl: `smtp://bob:${PASSWORD}@127.0.0.1:${smtp.port}`, from: FROM, dataDir },
      logger,
    );
    const before = smtp.messages.length;
    await expect(mailer.send({ to: 'dominique@example.org', subject: 'Test', text: BODY })).rejects.toMatchObject({
      responseCode: code,
    });
    mailer.close();
    expect(smtp.messages.length).toBe(before);
    const log = lines.join('');
    expect(log).toContain('mail send failed');
    expect(log).toContain(String(code));
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('jeton-tres-secret');
  });

  it('rejects when nothing listens on the relay port', async () => {
    const closed = await startSmtpPeer();
    await closed.close();
    const mailer = createMailer({ smtpUrl: closed.url, from: FROM, dataDir }, captureLogger().logger);
    await expect(mailer.send({ to: 'a@example.org', subject: 'Test', text: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    mailer.close();
  });
});

describe('mailer without SMTP_URL', () => {
  it('writes an .eml under DATA_DIR/mail and logs the file, not the body', async () => {
    const { logger, lines } = captureLogger();
    const mailer = createMailer({ from: FROM, dataDir }, logger);
    const sent = await mailer.send({
      to: 'sacha@example.org',
      subject: 'Invitation à rejoindre PSQ',
      text: BODY,
      html: `<p>${BODY}</p>`,
    });
    mailer.close();

    expect(sent.transport).toBe('file');
    const files = await fs.readdir(path.join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f]{8}\.eml$/);
    const file = path.join(dataDir, 'mail', files[0]);
    const raw = await fs.readFile(file, 'utf8');
    expect(decodeHeader(raw, 'To')).toBe('sacha@example.org');
    expect(decodeHeader(raw, 'Subject')).toBe('Invitation à rejoindre PSQ');
    expect(decodeBody(raw)).toContain('https://psq.example/invitation/jeton-tres-secret');

    const log = lines.join('');
    expect(log).toContain(`mail written to ${file}`);
    expect(log).not.toContain('jeton-tres-secret');
    expect(log).not.toContain('sacha@');
  });
});

describe('log helpers', () => {
  it('keep only the domain of the recipient and the host of the relay', () => {
    expect(recipientDomain('Camille@Mairie.Example')).toBe('mairie.example');
    expect(describeSmtpUrl(`smtps://user:${PASSWORD}@smtp.example.org:465`)).toBe('smtps://smtp.example.org:465');
  });
});
