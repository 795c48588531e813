import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { FastifyBaseLogger } from 'fastify';
import type { RequestsContext } from '../requests-context.ts';
import { assertUnderThrottle } from '../../../platform/throttle/throttle.ts';
import { receiveMail, resolveRecipient, senderKey, senderRule, toSmtpRefusal, type Target } from './inbound-mail.ts';

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

const refuse = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
const targetsOf = (session: SMTPServerSession) => ((session as unknown as { psqTargets?: Target[] }).psqTargets ??= []);

/**
 * The platform's SMTP listener for sector mailboxes and reply addresses. Recipients are checked
 * at RCPT time (550 unknown), the sender's hourly limit at MAIL FROM and again, counted, with the
 * message (451: try later), the size by SIZE and while reading (552). A message is answered 250
 * only once its request committed: an accepted message is never lost.
 */
export async function startInboundSmtp(ctx: RequestsContext, logger: Logger): Promise<InboundSmtp> {
  const settings = ctx.settings.inbound;
  const db = ctx.database.db;
  const fail = (callback: (error?: Error | null) => void, error: unknown) => {
    const refusal = toSmtpRefusal(error);
    if (refusal) return callback(refuse(refusal.responseCode, refusal.message));
    logger.error({ err: error }, 'inbound smtp: message not recorded');
    callback(refuse(451, '4.3.0 Erreur temporaire, réessayez plus tard'));
  };
  const server = new SMTPServer({
    name: 'psq',
    banner: 'PSQ - réception des demandes',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxBytes,
    // The relay in front opens a few connections; a flood of them is refused, and a stop waits little.
    maxClients: 100,
    closeTimeout: 5_000,
    logger: false,
    onMailFrom(address, session, callback) {
      targetsOf(session).length = 0;
      if (!address.address) return callback(refuse(550, '5.7.1 Les messages sans expéditeur ne sont pas acceptés'));
      assertUnderThrottle(db, senderKey(ctx, address.address), senderRule(ctx)).then(
        () => callback(),
        (error: unknown) => fail(callback, error),
      );
    },
    onRcptTo(address, session, callback) {
      resolveRecipient(ctx, address.address).then(
        (target) => {
          targetsOf(session).push(target);
          callback();
        },
        (error: unknown) => fail(callback, error),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('error', (error) => fail(callback, error));
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return callback(
            refuse(552, `5.3.4 Message trop volumineux (${Math.round(settings.maxBytes / 1024 / 1024)} Mo au plus)`),
          );
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        receiveMail(ctx, from, [...targetsOf(session)], Buffer.concat(chunks)).then(
          () => callback(),
          (error: unknown) => fail(callback, error),
        );
      });
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'inbound smtp: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port ?? 0, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (settings.port ?? 0);
  logger.info({ host: settings.host, port }, 'inbound smtp listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
