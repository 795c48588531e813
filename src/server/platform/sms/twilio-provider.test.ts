import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioPeer, type TwilioPeer } from '../../test/peers/twilio-peer.ts';
import { SmsError, type SmsProvider, type SmsReceiptRequest } from './sms-provider.ts';
import { computeTwilioSignature, createTwilioProvider } from './twilio-provider.ts';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'jeton-twilio-tres-secret-0123456789';
const FROM = '+33700000001';

let fake: TwilioPeer;
let provider: SmsProvider;

// Stands for the engine's public receipt endpoint: keeps what Twilio posted, exactly as received.
const received: SmsReceiptRequest[] = [];
let receiptServer: http.Server;
let callbackUrl: string;

beforeAll(async () => {
  fake = await startTwilioPeer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  provider = createTwilioProvider({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: FROM,
    baseUrl: fake.baseUrl,
    timeoutMs: 1500,
  });
  receiptServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      received.push({ url: callbackUrl, headers: req.headers, form });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiptServer.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiptServer.address() as AddressInfo).port}/api/sms/receipts?provider=twilio`;
});
afterAll(async () => {
  await fake?.close();
  await new Promise((resolve) => receiptServer?.close(resolve));
});
afterEach(() => fake.setLatencyMs(0));

const message = (overrides: Partial<Parameters<SmsProvider['send']>[0]> = {}) => ({
  to: '+33612345678',
  body: 'Intervention en cours à Borny',
  idempotencyKey: 'alerte-42:maire-57',
  ...overrides,
});

async function sendError(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

describe('Twilio provider against the fake API', () => {
  it('sends a message with Basic auth and a form body', async () => {
    const result = await provider.send(message({ statusCallbackUrl: callbackUrl }));
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result).toMatchObject({ status: 'queued', segments: 1 });
    const stored = fake.messages.at(-1);
    expect(stored).toMatchObject({
      sid: result.providerId,
      to: '+33612345678',
      from: FROM,
      body: 'Intervention en cours à Borny',
      statusCallback: callbackUrl,
    });
  });

  it('classifies a 500 as temporary and retriable', async () => {
    fake.failNext(1, { status: 500 });
    const error = await sendError(provider.send(message()));
    expect(error).toMatchObject({ kind: 'temporary', retriable: true, httpStatus: 500, outcomeUnknown: false });
    expect(error.message).toMatch(/indisponible/);
  });

  it('classifies a 429 as temporary and reads Retry-After', async () => {
    fake.failNext(1, { status: 429, retryAfter: 30 });
    const error = await sendError(provider.send(message()));
    expect(error).toMatchObject({
      kind: 'temporary',
      retriable: true,
      retryAfterSeconds: 30,
      httpStatus: 429,
      providerCode: '20429',
    });
  });

  it('classifies a timeout as technical, retriable, outcome unknown', async () => {
    const before = fake.messages.length;
    fake.failNext(1, 'timeout');
    const error = await sendError(provider.send(message()));
    expect(error).toMatchObject({ kind: 'technical', retriable: true, outcomeUnknown: true });
    expect(error.message).toMatch(/pas répondu à temps/);
    // The fake kept it: exactly the "maybe sent" case the engine must not blindly retry.
    expect(fake.messages.length).toBe(before + 1);
  });

  it('times out on a slow provider too', async () => {
    const before = fake.messages.length;
    fake.setLatencyMs(2500);
    const error = await sendError(provider.send(message()));
    expect(error).toMatchObject({ kind: 'technical', outcomeUnknown: true });
    // The fake still takes it once its latency is over; wait so later tests see a settled list.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.messages.length).toBe(before + 1);
  });

  it('classifies 21211 (invalid To) as permanent without echoing the number', async () => {
    const error = await sendError(provider.send(message({ to: '0612345678' })));
    expect(error).toMatchObject({ kind: 'permanent', retriable: false, httpStatus: 400, providerCode: '21211' });
    expect(error.message).not.toContain('0612345678');
  });

  it('classifies 21610 (STOP) as permanent', async () => {
    fake.failNext(1, { status: 400, code: 21610 });
    expect(await sendError(provider.send(message()))).toMatchObject({ kind: 'permanent', providerCode: '21610' });
  });

  it('classifies a wrong token as technical, not retriable, without leaking it', async () => {
    const wrong = createTwilioProvider({
      accountSid: ACCOUNT_SID,
      authToken: 'mauvais-jeton',
      from: FROM,
      baseUrl: fake.baseUrl,
    });
    const error = await sendError(wrong.send(message()));
    expect(error).toMatchObject({ kind: 'technical', retriable: false, httpStatus: 401, providerCode: '20003' });
    expect(error.message).not.toContain('mauvais-jeton');
  });

  it('classifies an unreachable API as technical, retriable, surely not sent', async () => {
    const closed = await startTwilioPeer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await closed.close();
    const offline = createTwilioProvider({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: FROM,
      baseUrl: closed.baseUrl,
    });
    expect(await sendError(offline.send(message()))).toMatchObject({
      kind: 'technical',
      retriable: true,
      outcomeUnknown: false,
    });
  });

  it('uses the Messaging Service instead of From when configured', async () => {
    const viaService = createTwilioProvider({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      messagingServiceSid: 'MG0123',
      baseUrl: fake.baseUrl,
    });
    expect(await viaService.send(message())).toMatchObject({ status: 'queued' });
    expect(fake.messages.at(-1)).toMatchObject({ from: null, messagingServiceSid: 'MG0123' });
  });
});

describe('delivery receipts', () => {
  it('accepts the genuine signed callback and refuses tampered or forged ones', async () => {
    received.length = 0;
    const { providerId } = await provider.send(message({ statusCallbackUrl: callbackUrl }));
    const results = await fake.deliverAll('delivered');
    expect(results.every((result) => result.httpStatus === 204)).toBe(true);

    const genuine = received.find((request) => request.form.MessageSid === providerId);
    expect(genuine).toBeDefined();
    const receipt = genuine as SmsReceiptRequest;
    expect(provider.verifyReceipt(receipt)).toEqual({ ok: true, providerId, status: 'delivered' });

    // Same signature, one parameter changed: a forged "delivered" for another message.
    expect(provider.verifyReceipt({ ...receipt, form: { ...receipt.form, MessageStatus: 'failed' } })).toEqual({
      ok: false,
    });
    expect(provider.verifyReceipt({ ...receipt, form: { ...receipt.form, Extra: 'x' } })).toEqual({ ok: false });
    // Signed for another URL: the signature covers the URL, query string included.
    expect(provider.verifyReceipt({ ...receipt, url: callbackUrl.replace('twilio', 'autre') })).toEqual({ ok: false });

    const { 'x-twilio-signature': _removed, ...unsigned } = receipt.headers;
    expect(provider.verifyReceipt({ ...receipt, headers: unsigned })).toEqual({ ok: false });
    const forged = computeTwilioSignature('un-autre-jeton', receipt.url, receipt.form);
    expect(
      provider.verifyReceipt({ ...receipt, headers: { ...receipt.headers, 'x-twilio-signature': forged } }),
    ).toEqual({ ok: false });
    expect(
      provider.verifyReceipt({ ...receipt, headers: { ...receipt.headers, 'x-twilio-signature': 'court' } }),
    ).toEqual({ ok: false });
  });

  it('carries the error code of failed deliveries and reads the header whatever its case', async () => {
    received.length = 0;
    await provider.send(message({ statusCallbackUrl: callbackUrl }));
    await fake.deliverAll('undelivered');
    const receipt = received[0];
    const headers = { 'X-Twilio-Signature': receipt.headers['x-twilio-signature'] };
    expect(provider.verifyReceipt({ ...receipt, headers })).toMatchObject({
      ok: true,
      status: 'undelivered',
      errorCode: '30003',
    });
  });

  it('refuses a correctly signed callback with an unknown status', () => {
    const form = { AccountSid: ACCOUNT_SID, MessageSid: 'SM1', MessageStatus: 'exploded' };
    const headers = { 'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, callbackUrl, form) };
    expect(provider.verifyReceipt({ url: callbackUrl, headers, form })).toEqual({ ok: false });
  });
});

describe('finding a message a dead worker may have sent', () => {
  it('finds it by number, body and creation time, across pages', async () => {
    const to = '+33698000001';
    const before = new Date(Date.now() - 2000);
    const { providerId } = await provider.send(message({ to, body: 'Alerte crue de la Moselle' }));
    expect(await provider.findSent?.({ to, body: 'Alerte crue de la Moselle', since: before })).toBe(providerId);
    // Same number, other text; or same text, older than the claim: not this delivery's send.
    expect(await provider.findSent?.({ to, body: 'Autre texte', since: before })).toBeUndefined();
    expect(
      await provider.findSent?.({ to, body: 'Alerte crue de la Moselle', since: new Date(Date.now() + 60_000) }),
    ).toBeUndefined();
    expect(
      await provider.findSent?.({ to: '+33698000002', body: 'Alerte crue de la Moselle', since: before }),
    ).toBeUndefined();

    // 1,001 later messages to the same number push it to the second page of 1,000.
    for (let i = 0; i < 1001; i += 1)
      fake.messages.push({ ...fake.messages.at(-1)!, sid: `SMfill${i}`, body: `Rappel ${i}` });
    expect(await provider.findSent?.({ to, body: 'Alerte crue de la Moselle', since: before })).toBe(providerId);
  });

  it('throws when Twilio cannot be asked, so the caller never guesses', async () => {
    fake.failNextLookup(1, { status: 503 });
    const error = await sendError(provider.findSent!({ to: '+33698000003', body: 'x', since: new Date() }));
    expect(error.kind).toBe('temporary');
  });
});
