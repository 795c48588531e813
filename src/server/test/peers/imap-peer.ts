import net from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';

/**
 * A small IMAP4rev1 server for the tests: one account, folders of messages held in memory,
 * and just what a client fetching new mail needs (CAPABILITY, LOGIN, NAMESPACE, LIST, SELECT /
 * EXAMINE, SEARCH, FETCH with UID, FLAGS, RFC822.SIZE, ENVELOPE, BODY[] and BODY[HEADER],
 * STORE, CLOSE, NOOP, LOGOUT), with literals in both directions. No TLS, no STARTTLS.
 */

export interface ImapPeerMessage {
  uid: number;
  raw: Buffer;
  flags: Set<string>;
  envelope: string;
}

export interface ImapPeer {
  port: number;
  /** Adds a message to a folder (INBOX by default), unseen; returns its UID. */
  append(raw: Buffer | string, folder?: string): Promise<number>;
  messages(folder?: string): ImapPeerMessage[];
  /** Every command line received (LOGIN's arguments included: the test checks what the client sent, not what PSQ logged). */
  commands: string[];
  /** Logins tried, and how many succeeded. */
  logins: { tried: number; accepted: number };
  setUidValidity(value: number): void;
  close(): Promise<void>;
}

const CAPABILITIES = 'IMAP4rev1 NAMESPACE';
const SYSTEM_FLAGS = '\\Answered \\Flagged \\Deleted \\Seen \\Draft';

/** An IMAP string: NIL, a quoted string when plain ASCII, else a literal. */
function str(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'NIL';
  if (/^[\x20-\x7e]*$/.test(value)) return `"${value.replace(/(["\\])/g, '\\$1')}"`;
  return `{${Buffer.byteLength(value)}}\r\n${value}`;
}

function addressList(field: AddressObject | AddressObject[] | undefined): string {
  const list = (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value);
  if (list.length === 0) return 'NIL';
  return `(${list
    .map((entry) => {
      const [mailbox, host] = (entry.address ?? '').split('@');
      return `(${str(entry.name || null)} NIL ${str(mailbox || null)} ${str(host || null)})`;
    })
    .join('')})`;
}

async function envelopeOf(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const from = addressList(mail.from);
  return (
    `(${str(mail.date?.toUTCString() ?? null)} ${str(mail.subject ?? null)} ` +
    `${from} ${from} ${mail.replyTo ? addressList(mail.replyTo) : from} ` +
    `${addressList(mail.to)} ${addressList(mail.cc)} NIL ` +
    `${str(mail.inReplyTo ?? null)} ${str(mail.messageId ?? null)})`
  );
}

/** Splits a command's arguments: atoms, quoted strings, literals (already read) and parenthesised lists kept as text. */
function tokens(text: string, literals: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ') {
      i++;
    } else if (char === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i++];
      }
      i++;
      out.push(value);
    } else if (char === '\u0000') {
      const end = text.indexOf('\u0000', i + 1);
      out.push(literals[Number(text.slice(i + 1, end))]);
      i = end + 1;
    } else if (char === '(') {
      let depth = 0;
      const start = i;
      do {
        if (text[i] === '(') depth++;
        if (text[i] === ')') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      out.push(text.slice(start, i));
    } else {
      const start = i;
      while (i < text.length && text[i] !== ' ' && text[i] !== '(') {
        if (text[i] === '[') {
          while (i < text.length && text[i] !== ']') i++;
        }
        i++;
      }
      out.push(text.slice(start, i));
    }
  }
  return out;
}

/** Whether a number is in an IMAP sequence set (`1,3:5,7:*`). */
function inSet(set: string, value: number, max: number): boolean {
  return set.split(',').some((range) => {
    const [a, b = a] = range.split(':').map((part) => (part === '*' ? max : Number(part)));
    return value >= Math.min(a, b) && value <= Math.max(a, b);
  });
}

export async function startImapPeer(
  account: { user: string; password: string },
  options: { uidValidity?: number } = {},
): Promise<ImapPeer> {
  const folders = new Map<string, ImapPeerMessage[]>([['INBOX', []]]);
  let uidValidity = options.uidValidity ?? 1_700_000_000;
  let nextUid = 1;
  const commands: string[] = [];
  const logins = { tried: 0, accepted: 0 };
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let line = '';
    const literals: string[] = [];
    let literalWanted = 0;
    let authenticated = false;
    let selected: { name: string; readOnly: boolean } | undefined;
    const write = (text: string) => {
      if (!socket.destroyed) socket.write(text);
    };

    const fetchItems = (message: ImapPeerMessage, seq: number, items: string): Buffer => {
      const upper = items.toUpperCase();
      const parts: Buffer[] = [];
      const add = (text: string) => parts.push(Buffer.from(text));
      add(`* ${seq} FETCH (UID ${message.uid}`);
      if (upper.includes('FLAGS')) add(` FLAGS (${[...message.flags].join(' ')})`);
      if (upper.includes('RFC822.SIZE')) add(` RFC822.SIZE ${message.raw.length}`);
      if (upper.includes('ENVELOPE')) add(` ENVELOPE ${message.envelope}`);
      if (/BODY(\.PEEK)?\[HEADER\]/.test(upper)) {
        const end = message.raw.indexOf('\r\n\r\n');
        const header = end < 0 ? message.raw : message.raw.subarray(0, end + 4);
        add(` BODY[HEADER] {${header.length}}\r\n`);
        parts.push(header);
      }
      if (/BODY(\.PEEK)?\[\]/.test(upper)) {
        add(` BODY[] {${message.raw.length}}\r\n`);
        parts.push(message.raw);
        if (!upper.includes('.PEEK') && !selected?.readOnly) message.flags.add('\\Seen');
      }
      add(')\r\n');
      return Buffer.concat(parts);
    };

    const search = (messages: ImapPeerMessage[], criteria: string[], uid: boolean) => {
      const words = criteria.map((word) => word.toUpperCase());
      const found = messages.filter((message, index) => {
        for (let i = 0; i < words.length; i++) {
          const word = words[i];
          if (word === 'UNSEEN' && message.flags.has('\\Seen')) return false;
          if (word === 'SEEN' && !message.flags.has('\\Seen')) return false;
          if (word === 'UNFLAGGED' && message.flags.has('\\Flagged')) return false;
          if (word === 'UID' && !inSet(criteria[++i], message.uid, nextUid - 1)) return false;
          if (/^[0-9*]/.test(word) && !inSet(word, index + 1, messages.length)) return false;
        }
        return true;
      });
      return found.map((message) => (uid ? message.uid : messages.indexOf(message) + 1));
    };

    const handle = (tag: string, command: string, args: string[]) => {
      const ok = (text = 'Completed') => write(`${tag} OK ${text}\r\n`);
      const messages = selected ? (folders.get(selected.name) ?? []) : [];
      let uid = false;
      if (command === 'UID') {
        uid = true;
        command = (args.shift() ?? '').toUpperCase();
      }
      switch (command) {
        case 'CAPABILITY':
          write(`* CAPABILITY ${CAPABILITIES}\r\n`);
          return ok();
        case 'NOOP':
          return ok();
        case 'LOGOUT':
          write('* BYE Fake IMAP closing\r\n');
          ok();
          return void socket.end();
        case 'LOGIN': {
          logins.tried++;
          if (args[0] !== account.user || args[1] !== account.password)
            return write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
          logins.accepted++;
          authenticated = true;
          return ok(`[CAPABILITY ${CAPABILITIES}] Logged in`);
        }
      }
      if (!authenticated) return write(`${tag} BAD Log in first\r\n`);
      switch (command) {
        case 'NAMESPACE':
          write('* NAMESPACE (("" "/")) NIL NIL\r\n');
          return ok();
        case 'LIST':
        case 'LSUB': {
          const pattern = args[1] ?? '';
          if (pattern === '') write(`* ${command} (\\Noselect) "/" ""\r\n`);
          else
            for (const name of folders.keys())
              if (pattern === '*' || pattern === '%' || pattern.toUpperCase() === name.toUpperCase())
                write(`* ${command} (\\HasNoChildren) "/" ${str(name)}\r\n`);
          return ok();
        }
        case 'SELECT':
        case 'EXAMINE': {
          const name = [...folders.keys()].find(
            (folder) =>
              folder.toUpperCase() === (args[0] ?? '').toUpperCase() ||
              (folder === 'INBOX' && args[0]?.toUpperCase() === 'INBOX'),
          );
          if (!name) {
            selected = undefined;
            return write(`${tag} NO [NONEXISTENT] Unknown Mailbox\r\n`);
          }
          selected = { name, readOnly: command === 'EXAMINE' };
          const list = folders.get(name)!;
          write(
            `* FLAGS (${SYSTEM_FLAGS})\r\n* OK [PERMANENTFLAGS (${SYSTEM_FLAGS} \\*)] ` +
              `Flags permitted.\r\n* ${list.length} EXISTS\r\n* 0 RECENT\r\n`,
          );
          write(`* OK [UIDVALIDITY ${uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${nextUid}] Predicted next UID\r\n`);
          return ok(`[${command === 'EXAMINE' ? 'READ-ONLY' : 'READ-WRITE'}] ${command} completed`);
        }
        case 'CLOSE':
        case 'UNSELECT':
          selected = undefined;
          return ok();
      }
      if (!selected) return write(`${tag} BAD Select a mailbox first\r\n`);
      switch (command) {
        case 'SEARCH': {
          const criteria = args[0]?.toUpperCase() === 'CHARSET' ? args.slice(2) : args;
          write(
            `* SEARCH${search(messages, criteria, uid)
              .map((n) => ` ${n}`)
              .join('')}\r\n`,
          );
          return ok();
        }
        case 'FETCH': {
          const [set, items = ''] = args;
          messages.forEach((message, index) => {
            if (inSet(set, uid ? message.uid : index + 1, uid ? nextUid - 1 : messages.length))
              socket.write(fetchItems(message, index + 1, items));
          });
          return ok();
        }
        case 'STORE': {
          const [set, operation = '', list = ''] = args;
          const flags = list
            .replace(/^\(|\)$/g, '')
            .split(' ')
            .filter(Boolean);
          const op = operation.toUpperCase();
          messages.forEach((message, index) => {
            if (!inSet(set, uid ? message.uid : index + 1, uid ? nextUid - 1 : messages.length)) return;
            if (op.startsWith('+')) for (const flag of flags) message.flags.add(flag);
            else if (op.startsWith('-')) for (const flag of flags) message.flags.delete(flag);
            else message.flags = new Set(flags);
            if (!op.endsWith('.SILENT'))
              write(`* ${index + 1} FETCH (UID ${message.uid} FLAGS (${[...message.flags].join(' ')}))\r\n`);
          });
          return ok();
        }
        default:
          return write(`${tag} BAD Unknown command ${command}\r\n`);
      }
    };

    const onLine = (text: string) => {
      const literal = /\{(\d+)\}$/.exec(text);
      if (literal) {
        line += text.slice(0, literal.index);
        literalWanted = Number(literal[1]);
        write('+ Ready for literal data\r\n');
        return;
      }
      line += text;
      const whole = line;
      line = '';
      commands.push(whole);
      const match = /^(\S+) (\S+) ?(.*)$/.exec(whole);
      if (!match) return write('* BAD Invalid command\r\n');
      const args = tokens(match[3], literals.splice(0));
      handle(match[1], match[2].toUpperCase(), args);
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (literalWanted > 0) {
          if (buffer.length < literalWanted) return;
          literals.push(buffer.subarray(0, literalWanted).toString('utf8'));
          line += `\u0000${literals.length - 1}\u0000`;
          buffer = buffer.subarray(literalWanted);
          literalWanted = 0;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const text = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        onLine(text);
      }
    });
    write(`* OK [CAPABILITY ${CAPABILITIES}] Fake IMAP ready\r\n`);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async append(raw, folder = 'INBOX') {
      const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      if (!folders.has(folder)) folders.set(folder, []);
      const message = { uid: nextUid++, raw: bytes, flags: new Set<string>(), envelope: await envelopeOf(bytes) };
      folders.get(folder)!.push(message);
      return message.uid;
    },
    messages: (folder = 'INBOX') => folders.get(folder) ?? [],
    commands,
    logins,
    setUidValidity(value) {
      uidValidity = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
