import net from 'node:net';
import { inArray } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { createDeliverer } from './deliver.ts';
import { createNotificationChannels, loadNotificationsSettings } from './notification-channels.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { useHarness, type Harness } from './notifications.test-helpers.ts';

let h: Harness;
useHarness((harness) => (h = harness));

/** A loopback port nobody listens on: connecting to it is refused, as with an SMTP server down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Deliveries whose job never runs: the test drives the deliverer by hand.
const noQueue: JobRunner = {
  enqueue: async () => {},
  enqueueMany: async () => {},
  runNow: async () => {},
  stop: async () => {},
};

describe('SMTP server unreachable', () => {
  it('keeps the e-mail queued with a French reason, then sends it once when the server is back', async () => {
    const logger = pino({ level: 'silent' });
    const down = createMailer(
      { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: 'psq@test.example', dataDir: h.config.dataDir },
      logger,
    );
    const up = createMailer({ smtpUrl: h.smtp.url, from: 'psq@test.example', dataDir: h.config.dataDir }, logger);
    let current: Mailer = down;
    const settings = { ...loadNotificationsSettings({}), retryBaseMs: 0 };
    const channels = {
      ...createNotificationChannels(h.config, h.database, settings),
      email: { send: (m: Parameters<Mailer['send']>[0]) => current.send(m), close: () => undefined },
    };
    const deliverer = createDeliverer(h.database, channels, settings);
    const address = `panne-smtp-${Date.now()}@mairie.example`;
    const { deliveryIds } = await h.database.db.transaction((tx) =>
      notify(tx, noQueue, systemActor('test'), {
        kind: 'alerte',
        subject: 'Réunion GPO',
        body: 'Réunion jeudi 18 h.',
        recipients: [{ email: address }],
        channels: ['email'],
      }),
    );
    const read = async () =>
      (
        await h.database.db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.id, deliveryIds))
      )[0];

    expect(await deliverer.deliver(deliveryIds[0])).toBe('retry');
    expect(await read()).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'Serveur de messagerie injoignable.',
    });
    expect(await deliverer.deliver(deliveryIds[0])).toBe('retry');

    current = up;
    expect(await deliverer.deliver(deliveryIds[0])).toBe('sent');
    expect(await read()).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(await deliverer.deliver(deliveryIds[0])).toBe('skipped');
    expect(h.smtp.messages.filter((mail) => mail.to.includes(address))).toHaveLength(1);
    down.close();
    up.close();
    channels.close();
  });
});
