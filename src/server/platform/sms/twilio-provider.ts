import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from './phone.ts';
import {
  SmsError,
  headerValue,
  type SmsDeliveryStatus,
  type SmsMessage,
  type SmsProvider,
  type SmsReceipt,
  type SmsReceiptRequest,
  type SmsSendResult,
  type SmsSentQuery,
} from './sms-provider.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender number (E.164) or alphanumeric sender ID; one of from / messagingServiceSid is required. */
  from?: string;
  /** Preferred in production: Twilio picks the sender and handles opt-outs per service. */
  messagingServiceSid?: string;
  /** Overridden by tests to point at the fake server. */
  baseUrl?: string;
  timeoutMs?: number;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

/** How long a request to Twilio may take; the engine's stale-send threshold must exceed it. */
export const TWILIO_DEFAULT_TIMEOUT_MS = 10_000;
/** Pages of the Messages list read per lookup at most (1,000 messages each): beyond, we cannot tell. */
const LOOKUP_PAGES = 3;

interface TwilioMessagePage {
  messages?: Array<{ sid?: string; body?: string; direction?: string; date_created?: string }>;
  next_page_uri?: string | null;
}

/** Twilio's error body: https://www.twilio.com/docs/usage/twilios-response */
interface TwilioErrorBody {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

// Codes that say "this recipient cannot get this SMS": retrying will never help. 21408 (country
// not enabled on the account) is deliberately absent: it is configuration, hence technical.
const PERMANENT_CODES: Record<string, string> = {
  '21211': 'numéro du destinataire invalide',
  '21610': 'le destinataire a refusé les SMS (STOP)',
  '21614': "le numéro du destinataire n'est pas un mobile",
  '21612': 'destinataire injoignable depuis ce numéro expéditeur',
};

// Twilio's statuses mapped onto the engine's vocabulary; accepted/scheduled/read/canceled have no
// equivalent there. A status absent from this table makes the receipt refused (see verifyReceipt).
const RECEIPT_STATUS: Record<string, SmsDeliveryStatus> = {
  queued: 'queued',
  accepted: 'queued',
  scheduled: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

// Twilio's webhook signature, exported for the fake server (which produces signed receipts) so
// that both sides use the same code and cannot drift apart.
// https://www.twilio.com/docs/usage/webhooks/webhooks-security

/**
 * base64(HMAC-SHA1(authToken, url + key1 + value1 + key2 + value2 …)) with the POST parameters
 * sorted by name. The plain code-unit sort matches Twilio's SDKs (Object.keys(...).sort()).
 */
export function computeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/** Constant-time check, so the expected signature cannot be guessed byte by byte from timings. */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature || !authToken) return false;
  const expected = Buffer.from(computeTwilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on different lengths; the length of a SHA-1 digest is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readErrorBody(response: Response): Promise<TwilioErrorBody> {
  try {
    return (await response.json()) as TwilioErrorBody;
  } catch {
    return {};
  }
}

function classifyHttpError(response: Response, body: TwilioErrorBody): SmsError {
  const httpStatus = response.status;
  const providerCode = body.code !== undefined ? String(body.code) : undefined;
  const common = { httpStatus, ...(providerCode ? { providerCode } : {}) };
  const codeSuffix = providerCode ? ` (code Twilio ${providerCode})` : '';
  if (httpStatus === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    return new SmsError(`Envoi SMS limité par Twilio : trop de requêtes, réessayer plus tard${codeSuffix}.`, {
      kind: 'temporary',
      retriable: true,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...common,
    });
  }
  if (httpStatus >= 500) {
    return new SmsError(`Twilio est momentanément indisponible (HTTP ${httpStatus})${codeSuffix}.`, {
      kind: 'temporary',
      retriable: true,
      ...common,
    });
  }
  if (httpStatus === 401 || httpStatus === 403) {
    return new SmsError(
      `Twilio refuse nos identifiants (HTTP ${httpStatus}) : vérifier l'Account SID et l'Auth Token${codeSuffix}.`,
      {
        kind: 'technical',
        retriable: false,
        ...common,
      },
    );
  }
  if (providerCode && PERMANENT_CODES[providerCode]) {
    return new SmsError(`SMS non envoyé : ${PERMANENT_CODES[providerCode]}${codeSuffix}.`, {
      kind: 'permanent',
      retriable: false,
      ...common,
    });
  }
  // Any other 4xx (bad sender, missing parameter…) is a bug or a misconfiguration on our side:
  // a human must look, retrying the same request would fail the same way.
  return new SmsError(`Requête SMS refusée par Twilio (HTTP ${httpStatus})${codeSuffix}.`, {
    kind: 'technical',
    retriable: false,
    ...common,
  });
}

function classifyNetworkError(error: unknown): SmsError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SmsError(
      "Twilio n'a pas répondu à temps : le SMS a pu partir ou non.",
      { kind: 'technical', retriable: true, outcomeUnknown: true },
      { cause: error },
    );
  }
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  // A refused connection or a failed DNS lookup means nothing reached Twilio: safe to retry.
  const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return new SmsError(
    `Twilio injoignable (erreur réseau${code ? ` ${code}` : ''}).`,
    { kind: 'technical', retriable: true, outcomeUnknown: !notSent },
    { cause: error },
  );
}

/**
 * Twilio Programmable Messaging, Messages API, over plain fetch (no SDK: one endpoint is used).
 *
 * Idempotency: the Messages API has no idempotency key. The `I-Twilio-Idempotency-Token` header
 * is one Twilio *sends* on its webhooks so receivers can drop retried callbacks; it does nothing
 * on an API request, so we do not send it (sending it would suggest a protection that does not
 * exist). `message.idempotencyKey` is therefore unused here: at-most-once is the engine's duty —
 * record the key before calling send(), store the returned sid, and treat an SmsError with
 * `outcomeUnknown` as "maybe sent", never as a plain failure to retry blindly.
 */
export function createTwilioProvider(config: TwilioConfig): SmsProvider {
  const {
    accountSid,
    authToken,
    from,
    messagingServiceSid,
    baseUrl = 'https://api.twilio.com',
    timeoutMs = TWILIO_DEFAULT_TIMEOUT_MS,
    logger,
  } = config;
  if (!accountSid || !authToken) throw new Error('twilio: accountSid and authToken are required');
  if (!from && !messagingServiceSid) throw new Error('twilio: from or messagingServiceSid is required');
  const origin = baseUrl.replace(/\/+$/, '');
  const endpoint = `${origin}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  async function send(message: SmsMessage): Promise<SmsSendResult> {
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    // Twilio uses MessagingServiceSid when both are given; send only one to avoid surprises.
    if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
    else if (from) form.set('From', from);
    if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);

    let response: Response;
    let payload: { sid?: string; status?: string; num_segments?: string | number };
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw classifyHttpError(response, await readErrorBody(response));
      payload = (await response.json()) as typeof payload;
    } catch (error) {
      const smsError = error instanceof SmsError ? error : classifyNetworkError(error);
      logger?.warn(
        {
          to: maskPhone(message.to),
          kind: smsError.kind,
          httpStatus: smsError.httpStatus,
          providerCode: smsError.providerCode,
        },
        smsError.message,
      );
      throw smsError;
    }
    if (typeof payload.sid !== 'string' || payload.sid === '') {
      // Accepted (2xx) but unreadable: the message probably left, so it must not be retried.
      throw new SmsError('Réponse de Twilio illisible : le SMS a pu partir.', {
        kind: 'technical',
        retriable: false,
        outcomeUnknown: true,
        httpStatus: response.status,
      });
    }
    const segments = Number(payload.num_segments);
    logger?.info(
      { to: maskPhone(message.to), providerId: payload.sid, status: payload.status },
      'SMS accepté par Twilio',
    );
    return {
      providerId: payload.sid,
      status: payload.status === 'sent' ? 'sent' : 'queued',
      ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
    };
  }

  function verifyReceipt(request: SmsReceiptRequest): SmsReceipt {
    const signature = headerValue(request.headers, 'x-twilio-signature');
    if (!isValidTwilioSignature(authToken, signature, request.url, request.form)) return { ok: false };
    // A receipt for another account (sub-account mix-up) is refused even if signed.
    if (request.form.AccountSid !== undefined && request.form.AccountSid !== accountSid) return { ok: false };
    const providerId = request.form.MessageSid;
    const status = RECEIPT_STATUS[request.form.MessageStatus ?? ''];
    if (!providerId || !status) return { ok: false };
    const errorCode = request.form.ErrorCode;
    return { ok: true, providerId, status, ...(errorCode && errorCode !== '0' ? { errorCode } : {}) };
  }

  async function readPage(url: string): Promise<TwilioMessagePage> {
    try {
      const response = await fetch(url, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw classifyHttpError(response, await readErrorBody(response));
      return (await response.json()) as TwilioMessagePage;
    } catch (error) {
      throw error instanceof SmsError ? error : classifyNetworkError(error);
    }
  }

  /**
   * GET Messages.json filtered by recipient, newest first, matched on body and creation date.
   * No DateSent filter: Twilio fills date_sent only once it has sent the message, so a message
   * still waiting in Twilio's queue — exactly what a crash leaves behind — would be filtered out
   * and sent a second time. date_created is to the second: the caller's `since` allows for it.
   */
  async function findSent(query: SmsSentQuery): Promise<string | undefined> {
    let url: string | undefined = `${endpoint}?${new URLSearchParams({ To: query.to, PageSize: '1000' })}`;
    for (let page = 0; url && page < LOOKUP_PAGES; page += 1) {
      const payload = await readPage(url);
      const found = (payload.messages ?? []).find(
        (m) =>
          m.body === query.body &&
          m.direction !== 'inbound' &&
          Date.parse(m.date_created ?? '') >= query.since.getTime(),
      );
      if (found?.sid) return found.sid;
      url = payload.next_page_uri ? `${origin}${payload.next_page_uri}` : undefined;
    }
    if (url)
      throw new SmsError('Trop de messages chez Twilio pour ce numéro : impossible de savoir si le SMS est parti.', {
        kind: 'technical',
        retriable: false,
      });
    return undefined;
  }

  return { name: 'twilio', send, verifyReceipt, findSent };
}
