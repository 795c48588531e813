import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from './phone.ts';
import { countSegments } from './segments.ts';
import type { SmsMessage, SmsProvider, SmsReceipt, SmsSendResult, SmsSentQuery } from './sms-provider.ts';

export interface RecordedSms extends SmsMessage {
  providerId: string;
  segments: number;
  recordedAt: Date;
}

/** Where "sent" messages go; the lead backs it with a database "test outbox" table. */
export interface SmsOutbox {
  record(message: RecordedSms): void | Promise<void>;
  /** An id for a message already recorded, so a send interrupted by a crash is not repeated. */
  find?(query: SmsSentQuery): string | undefined | Promise<string | undefined>;
}

export interface MemoryOutbox extends SmsOutbox {
  messages: RecordedSms[];
  /** Messages sent to one number, newest last: what a test asserts after triggering an alert. */
  sentTo(e164: string): RecordedSms[];
  clear(): void;
}

/**
 * Outbox kept in memory, for unit tests and for a dev server without database. Not for
 * production: it grows without bound and is lost on restart.
 */
export function createMemoryOutbox(): MemoryOutbox {
  const messages: RecordedSms[] = [];
  return {
    messages,
    record(message) {
      messages.push(message);
    },
    sentTo(e164) {
      return messages.filter((message) => message.to === e164);
    },
    find({ to, body, since }) {
      return messages.find((message) => message.to === to && message.body === body && message.recordedAt >= since)
        ?.providerId;
    },
    clear() {
      messages.length = 0;
    },
  };
}

/**
 * Provider for development and demos: nothing leaves the machine, every message lands in the
 * outbox. It answers 'sent' at once because there is no one to send a receipt later.
 */
export function createLogProvider(store: SmsOutbox, logger?: Pick<FastifyBaseLogger, 'info'>): SmsProvider {
  async function send(message: SmsMessage): Promise<SmsSendResult> {
    const providerId = `LOG-${randomUUID()}`;
    const { segments } = countSegments(message.body);
    // Awaited so that a failing outbox fails the send, exactly like a provider error would.
    await store.record({ ...message, providerId, segments, recordedAt: new Date() });
    // The body is not logged: alerts may name people or places that logs must not keep.
    logger?.info(
      { to: maskPhone(message.to), providerId, segments },
      'SMS enregistré (fournisseur de test, non envoyé)',
    );
    return { providerId, status: 'sent', segments };
  }

  // Nothing ever calls back this provider, so any "receipt" is forged by definition.
  function verifyReceipt(): SmsReceipt {
    return { ok: false };
  }

  const find = store.find?.bind(store);
  return {
    name: 'log',
    send,
    verifyReceipt,
    ...(find ? { findSent: async (query: SmsSentQuery) => find(query) } : {}),
  };
}
