import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogProvider, createMemoryOutbox, type RecordedSms } from './log-provider.ts';

describe('log provider', () => {
  it('records the message in the outbox and answers a LOG- id with status sent', async () => {
    const outbox: RecordedSms[] = [];
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(line) },
    ) as unknown as FastifyBaseLogger;
    const provider = createLogProvider({ record: (message) => void outbox.push(message) }, logger);

    const result = await provider.send({
      to: '+33612345678',
      body: 'Crue de la Moselle : évacuation',
      idempotencyKey: 'alerte-1:maire-2',
    });

    expect(provider.name).toBe('log');
    expect(result.providerId).toMatch(/^LOG-[0-9a-f-]{36}$/);
    expect(result).toMatchObject({ status: 'sent', segments: 1 });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      providerId: result.providerId,
      to: '+33612345678',
      idempotencyKey: 'alerte-1:maire-2',
      segments: 1,
    });
    expect(outbox[0].recordedAt).toBeInstanceOf(Date);
    // Neither the body nor the full number reaches the logs.
    expect(lines.join('\n')).not.toContain('évacuation');
    expect(lines.join('\n')).not.toContain('612345678');
  });

  it('keeps messages in a memory outbox, with the segment count of the body', async () => {
    const outbox = createMemoryOutbox();
    const provider = createLogProvider(outbox);
    await provider.send({ to: '+33612345678', body: 'Réunion de crise à 18h', idempotencyKey: 'a' });
    await provider.send({ to: '+33781234567', body: 'ç'.repeat(71), idempotencyKey: 'b' });
    expect(outbox.sentTo('+33612345678')).toHaveLength(1);
    expect(outbox.sentTo('+33781234567')[0].segments).toBe(2);
    outbox.clear();
    expect(outbox.messages).toEqual([]);
  });

  it('finds a message already in the outbox, so a crashed send is not repeated', async () => {
    const outbox = createMemoryOutbox();
    const provider = createLogProvider(outbox);
    const since = new Date(Date.now() - 1000);
    const { providerId } = await provider.send({ to: '+33612345678', body: 'Réunion de crise', idempotencyKey: 'a' });
    expect(await provider.findSent?.({ to: '+33612345678', body: 'Réunion de crise', since })).toBe(providerId);
    expect(await provider.findSent?.({ to: '+33612345678', body: 'Autre', since })).toBeUndefined();
    // An outbox that cannot search offers no lookup at all: the engine then leaves the send to a human.
    expect(createLogProvider({ record: () => undefined }).findSent).toBeUndefined();
  });

  it('waits for an asynchronous outbox (database) before answering', async () => {
    let written = false;
    const provider = createLogProvider({
      record: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        written = true;
      },
    });
    await provider.send({ to: '+33612345678', body: 'x', idempotencyKey: 'k' });
    expect(written).toBe(true);
  });

  it('fails the send when the outbox fails', async () => {
    const provider = createLogProvider({
      record: () => {
        throw new Error('outbox down');
      },
    });
    await expect(provider.send({ to: '+33612345678', body: 'x', idempotencyKey: 'k' })).rejects.toThrow('outbox down');
  });

  it('never accepts a receipt', () => {
    expect(
      createLogProvider({ record: () => undefined }).verifyReceipt({
        url: 'http://x',
        headers: {},
        form: { MessageSid: 'LOG-1' },
      }),
    ).toEqual({ ok: false });
  });
});
