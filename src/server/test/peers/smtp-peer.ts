import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests (dev dependency only): mail goes through TCP and the
 * SMTP dialogue exactly as in production, and a test can make DATA fail to check the retry path.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Login used by the client, when it authenticated. */
  user?: string;
}

export interface SmtpPeer {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** How many DATA commands were refused because of `failWith` / `setFailure`. */
  readonly rejected: number;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Reject every following DATA with this SMTP code (e.g. 451, 554); `null` accepts again. */
  setFailure(code: number | null): void;
  close(): Promise<void>;
}

export async function startSmtpPeer(options: { failWith?: number } = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let failure: number | null = options.failWith ?? null;
  let rejected = 0;

  const server = new SMTPServer({
    authOptional: true,
    // Plain TCP on loopback: the client may authenticate without TLS, and any login is accepted.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failure !== null) {
          const error = Object.assign(new Error(failure >= 500 ? 'Message refused (test)' : 'Try again later (test)'), {
            responseCode: failure,
          });
          rejected++;
          callback(error);
          return;
        }
        const envelope = session.envelope;
        messages.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  server.on('error', () => {
    // Client disconnects mid-dialogue are expected in failure tests; they must not crash the run.
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get rejected() {
      return rejected;
    },
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`expected ${count} mail(s), got ${messages.length} after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    setFailure(code) {
      failure = code;
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function splitHeaders(entity: string): { headers: string; body: string } {
  const match = /\r?\n\r?\n/.exec(entity);
  if (!match) return { headers: entity, body: '' };
  return { headers: entity.slice(0, match.index), body: entity.slice(match.index + match[0].length) };
}

function header(headers: string, name: string): string {
  // Unfold continuation lines before matching: long Content-Type values wrap.
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1].trim() : '';
}

function decodeQuotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodePart(entity: string): string[] {
  const { headers, body } = splitHeaders(entity);
  const type = header(headers, 'Content-Type').toLowerCase() || 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(header(headers, 'Content-Type'))?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => decodePart(part.replace(/^\r?\n/, '')));
  }
  if (!type.startsWith('text/')) return [];
  const encoding = header(headers, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'base64') return [Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')];
  if (encoding === 'quoted-printable') return [decodeQuotedPrintable(body)];
  return [body];
}

/**
 * The decoded text parts of a raw message (plain then HTML, as sent), joined: enough for a test
 * to find a link or a sentence. Minimal on purpose — UTF-8 text, base64 / quoted-printable / 7bit.
 */
export function decodeBody(raw: string): string {
  return decodePart(raw).join('\n');
}

/** The value of a top-level header, RFC 2047 encoded words decoded (UTF-8, B or Q). */
export function decodeHeader(raw: string, name: string): string {
  const value = header(splitHeaders(raw).headers, name);
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_all, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
