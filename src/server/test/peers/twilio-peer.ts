import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { countSegments } from '../../platform/sms/segments.ts';
import type { SmsDeliveryStatus } from '../../platform/sms/sms-provider.ts';
import { computeTwilioSignature } from '../../platform/sms/twilio-provider.ts';

// A local stand-in for the part of Twilio's Messages API PSQ uses: the machine running the tests
// has no internet, and the real API costs money and sends real SMS. It is a test peer, imported
// by tests and benches only (the engine's tests too), never by production code
// (`module-boundaries.test.ts` checks it).

export interface TwilioPeerMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  receivedAt: Date;
}

export type TwilioPeerFailure = { status: 400 | 429 | 500 | 503; code?: number; retryAfter?: number } | 'timeout';
/**
 * When the fake posts delivery receipts by itself: never (tests call deliverAll), right after
 * answering the send, or before answering it (the receipt overtakes the API response, which
 * real networks do).
 */
export type TwilioPeerReceiptMode = 'manual' | 'after-response' | 'before-response';

export interface TwilioPeer {
  baseUrl: string;
  messages: TwilioPeerMessage[];
  /** The next `n` send requests fail this way. 'timeout' records the message but never answers. */
  failNext(n: number, failure: TwilioPeerFailure): void;
  /** The next `n` list requests (GET Messages.json) fail this way ('timeout': never answered). */
  failNextLookup(n: number, failure: TwilioPeerFailure): void;
  /** Receipts posted by the fake itself carry `status` ('delivered' by default). */
  setReceipts(mode: TwilioPeerReceiptMode, options?: { status?: SmsDeliveryStatus; delayMs?: number }): void;
  /** List requests (GET Messages.json) answered so far. */
  lookups(): number;
  setLatencyMs(ms: number): void;
  /** Posts a signed status callback for every message that has a StatusCallback URL. */
  deliverAll(status?: SmsDeliveryStatus): Promise<Array<{ sid: string; httpStatus: number }>>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(
  res: http.ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTwilioPeer(options: { authToken: string; accountSid: string }): Promise<TwilioPeer> {
  const { authToken, accountSid } = options;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const messages: TwilioPeerMessage[] = [];
  const failures: TwilioPeerFailure[] = [];
  const lookupFailures: TwilioPeerFailure[] = [];
  const pendingReceipts = new Set<Promise<unknown>>();
  let receipts: { mode: TwilioPeerReceiptMode; status: SmsDeliveryStatus; delayMs: number } = {
    mode: 'manual',
    status: 'delivered',
    delayMs: 0,
  };
  let lookups = 0;
  let closing = false;
  /** Receipts still waiting for their delay: dropped by close(), as a server shut down would. */
  const delayed = new Map<NodeJS.Timeout, () => void>();
  let latencyMs = 0;

  /** The Message resource as Twilio shows it (dates in RFC 2822, to the second). */
  function resource(message: TwilioPeerMessage, status: string) {
    return {
      sid: message.sid,
      account_sid: accountSid,
      to: message.to,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      body: message.body,
      status,
      num_segments: String(countSegments(message.body).segments),
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      error_message: null,
      price: null,
      price_unit: 'USD',
      date_created: message.receivedAt.toUTCString(),
      date_sent: null,
      uri: `${messagesPath.replace('.json', '')}/${message.sid}.json`,
    };
  }

  function fail(res: http.ServerResponse, failure: Exclude<TwilioPeerFailure, 'timeout'>) {
    const headers: Record<string, string> =
      failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
    const code = failure.code ?? (failure.status === 429 ? 20429 : failure.status === 400 ? 21211 : 20500);
    const text =
      failure.status === 429
        ? 'Too Many Requests'
        : failure.status === 400
          ? 'Invalid request'
          : 'Internal Server Error';
    twilioError(res, failure.status, code, text, headers);
  }

  /** GET Messages.json: filtered by To, newest first, paged by Page/PageSize like Twilio. */
  function list(query: URLSearchParams, res: http.ServerResponse) {
    lookups += 1;
    const failure = lookupFailures.shift();
    if (failure === 'timeout') return;
    if (failure) return fail(res, failure);
    const to = query.get('To');
    const pageSize = Math.min(1000, Math.max(1, Number(query.get('PageSize')) || 50));
    const page = Math.max(0, Number(query.get('Page')) || 0);
    const matching = messages.filter((message) => !to || message.to === to).reverse();
    const items = matching.slice(page * pageSize, (page + 1) * pageSize);
    const pageUri = (n: number) => {
      const params = new URLSearchParams(query);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(n));
      return `${messagesPath}?${params}`;
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messages: items.map((message) => resource(message, 'sent')),
        page,
        page_size: pageSize,
        start: page * pageSize,
        end: page * pageSize + Math.max(0, items.length - 1),
        uri: pageUri(page),
        first_page_uri: pageUri(0),
        next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
        previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      }),
    );
  }

  /** Receipts the fake posts by itself are tracked so close() can wait for them. */
  function postReceipt(message: TwilioPeerMessage): Promise<unknown> {
    const { status, delayMs } = receipts;
    const posting = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        resolve();
      }, delayMs);
      delayed.set(timer, resolve);
    })
      .then(() => (closing ? undefined : postCallback(message, status)))
      .catch(() => undefined);
    pendingReceipts.add(posting);
    void posting.finally(() => pendingReceipts.delete(posting));
    return posting;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (req.headers.authorization !== expectedAuth) {
      return twilioError(res, 401, 20003, 'Authenticate', { 'www-authenticate': 'Basic realm="Twilio API"' });
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (req.method === 'GET' && path === messagesPath) return list(url.searchParams, res);
    if (req.method !== 'POST' || path !== messagesPath) {
      return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    }
    // Failures are consumed after authentication, like a real overloaded API behind its auth layer.
    const failure = failures.shift();
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    if (failure && failure !== 'timeout') return fail(res, failure);
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (body === '') return twilioError(res, 400, 21602, 'Message body is required.');
    if (!from && !messagingServiceSid) return twilioError(res, 400, 21603, "The 'From' phone number is required.");

    const message: TwilioPeerMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback: form.get('StatusCallback'),
      receivedAt: new Date(),
    };
    messages.push(message);
    const receipt = receipts.mode !== 'manual' && message.statusCallback !== null;
    if (receipt && receipts.mode === 'before-response') await postReceipt(message);
    // The worst case for at-most-once: Twilio took the message but the answer never comes back.
    if (failure !== 'timeout') {
      res.writeHead(201, { 'content-type': 'application/json' });
      // Twilio answers 'accepted' when a Messaging Service still has to pick the sender.
      res.end(JSON.stringify(resource(message, messagingServiceSid && !from ? 'accepted' : 'queued')));
    }
    if (receipt && receipts.mode === 'after-response') void postReceipt(message);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) twilioError(res, 500, 20500, 'Internal Server Error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function postCallback(message: TwilioPeerMessage, status: SmsDeliveryStatus) {
    const url = message.statusCallback as string;
    const params: Record<string, string> = {
      AccountSid: accountSid,
      ApiVersion: '2010-04-01',
      From: message.from ?? '+33700000000',
      To: message.to,
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: status,
      SmsStatus: status,
    };
    // 30003 "Unreachable destination handset": what Twilio typically reports for a dead phone.
    if (status === 'failed' || status === 'undelivered') params.ErrorCode = '30003';
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': computeTwilioSignature(authToken, url, params),
        'i-twilio-idempotency-token': randomUUID(),
      },
      body: new URLSearchParams(params),
    });
    await response.arrayBuffer();
    return { sid: message.sid, httpStatus: response.status };
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    messages,
    failNext(n, failure) {
      for (let i = 0; i < n; i += 1) failures.push(failure);
    },
    failNextLookup(n, failure) {
      for (let i = 0; i < n; i += 1) lookupFailures.push(failure);
    },
    setReceipts(mode, { status = 'delivered', delayMs = 0 } = {}) {
      receipts = { mode, status, delayMs };
    },
    lookups() {
      return lookups;
    },
    setLatencyMs(ms) {
      latencyMs = ms;
    },
    async deliverAll(status = 'delivered') {
      const targets = messages.filter((message) => message.statusCallback);
      return Promise.all(targets.map((message) => postCallback(message, status)));
    },
    async close() {
      // Held 'timeout' requests would keep close() waiting forever.
      closing = true;
      for (const [timer, resolve] of delayed) {
        clearTimeout(timer);
        resolve();
      }
      await Promise.all(pendingReceipts);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
