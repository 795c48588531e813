// The contract between the notifications engine and whatever actually sends SMS (Twilio in
// production, a log/outbox locally). The engine only ever sees these types, so switching
// provider means writing one file, not touching the engine.

export interface SmsMessage {
  /** E.164 ("+33612345678"), as produced by normalisePhone. */
  to: string;
  body: string;
  /**
   * Stable key of this (alert, recipient) pair, chosen by the engine. Providers that support
   * idempotent sends use it; the others cannot, and at-most-once is then the engine's job
   * (see twilio-provider.ts).
   */
  idempotencyKey: string;
  /** Public HTTPS URL the provider calls with delivery receipts. */
  statusCallbackUrl?: string;
}

export interface SmsSendResult {
  /** Provider's message id (Twilio "SM…" sid): the key under which receipts arrive. */
  providerId: string;
  status: 'queued' | 'sent';
  segments?: number;
}

export type SmsDeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface SmsReceiptRequest {
  /** Full public URL the provider called, query string included (as configured, not as proxied). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  form: Record<string, string>;
}

export type SmsReceipt =
  | { ok: true; providerId: string; status: SmsDeliveryStatus; errorCode?: string }
  | { ok: false };

/** What a worker that died mid-send knew: who, what, and when it claimed the message. */
export interface SmsSentQuery {
  to: string;
  body: string;
  /** Only messages the provider created at or after this instant count. */
  since: Date;
}

export interface SmsProvider {
  name: string;
  /** Resolves once the provider accepted the message; throws SmsError otherwise. */
  send(message: SmsMessage): Promise<SmsSendResult>;
  /** Authenticates and parses a delivery receipt; { ok: false } means "answer 403 and ignore". */
  verifyReceipt(request: SmsReceiptRequest): SmsReceipt;
  /**
   * Asks the provider whether it holds such a message (its id) or not (undefined), so a send
   * interrupted by a crash is neither lost nor sent twice. Throws SmsError when it cannot tell.
   * Absent when the provider offers no way to ask.
   */
  findSent?(query: SmsSentQuery): Promise<string | undefined>;
}

/**
 * - temporary: the provider is overloaded or down (429, 5xx); retry later, the message was not sent.
 * - permanent: this recipient cannot receive it (invalid number, STOP, not a mobile); never retry.
 * - technical: our side is wrong (credentials, sender, request) or the network failed.
 *   Configuration errors are not retriable; network failures are, but see `outcomeUnknown`.
 */
export type SmsErrorKind = 'temporary' | 'permanent' | 'technical';

export interface SmsErrorDetails {
  kind: SmsErrorKind;
  retriable: boolean;
  /**
   * True when the request may have reached the provider (timeout, connection cut after sending):
   * retrying may deliver the alert twice. The engine decides, knowing the alert's urgency.
   */
  outcomeUnknown?: boolean;
  retryAfterSeconds?: number;
  httpStatus?: number;
  /** Provider's error code ("21211"), for logs and for the engine's per-recipient status. */
  providerCode?: string;
}

/**
 * `message` is French and safe to log or show to an operator: it never contains the phone
 * number, the body, the credentials nor the provider's raw message (which echoes the number).
 */
export class SmsError extends Error {
  readonly kind: SmsErrorKind;
  readonly retriable: boolean;
  readonly outcomeUnknown: boolean;
  readonly retryAfterSeconds?: number;
  readonly httpStatus?: number;
  readonly providerCode?: string;

  constructor(message: string, details: SmsErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmsError';
    this.kind = details.kind;
    this.retriable = details.retriable;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
  }
}

/** Reads one header whatever its case and whether Node gave a string or an array. */
export function headerValue(headers: SmsReceiptRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
