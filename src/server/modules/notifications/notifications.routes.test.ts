import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { makeUser, sessionHeaders } from '../identity/identity.factories.ts';
import { createNotificationsModule } from './index.ts';
import { createNotificationChannels, loadNotificationsSettings } from './notification-channels.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries, notifications, testOutbox } from './notifications.tables.ts';
import { useHarness, type Harness } from './notifications.test-helpers.ts';

let h: Harness;
useHarness((harness) => (h = harness));

describe('in-app notifications', () => {
  it('lists the caller’s own messages and marks only their own as read', async () => {
    const alice = await makeUser(h.database);
    const bob = await makeUser(h.database);
    await h.database.db.transaction((tx) =>
      notify(tx, h.jobs, systemActor('test'), {
        kind: 'info',
        subject: 'Réunion jeudi',
        body: 'Salle du conseil, 18 h.',
        recipients: [{ userId: alice.id }],
        channels: ['in_app'],
      }),
    );
    const aliceHeaders = await sessionHeaders(h.database, h.config, alice.id);
    const bobHeaders = await sessionHeaders(h.database, h.config, bob.id);

    const mine = await h.app.inject({ method: 'GET', url: '/api/notifications/mine', headers: aliceHeaders });
    expect(mine.statusCode).toBe(200);
    const [item] = mine.json().items;
    expect(item).toMatchObject({ subject: 'Réunion jeudi', body: 'Salle du conseil, 18 h.', readAt: null });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/notifications/mine', headers: bobHeaders })).json().items,
    ).toEqual([]);

    const stranger = await h.app.inject({
      method: 'POST',
      url: `/api/notifications/${item.id}/read`,
      headers: bobHeaders,
    });
    expect(stranger.statusCode).toBe(404);
    const read = await h.app.inject({
      method: 'POST',
      url: `/api/notifications/${item.id}/read`,
      headers: aliceHeaders,
    });
    expect(read.statusCode).toBe(204);
    const after = (await h.app.inject({ method: 'GET', url: '/api/notifications/mine', headers: aliceHeaders })).json()
      .items[0];
    expect(after.readAt).not.toBeNull();

    expect((await h.app.inject({ method: 'GET', url: '/api/notifications/mine' })).statusCode).toBe(401);
  });

  it('sends e-mail to a user given by id, using the account address', async () => {
    const user = await makeUser(h.database, { email: 'par-id@mairie.example' });
    const before = h.smtp.messages.length;
    await h.database.db.transaction((tx) =>
      notify(tx, h.jobs, systemActor('test'), {
        kind: 'info',
        subject: 'Sujet',
        body: 'Texte',
        recipients: [{ userId: user.id }],
        channels: ['email'],
      }),
    );
    const mails = await h.smtp.waitForMessages(before + 1);
    expect(mails.at(-1)?.to).toEqual(['par-id@mairie.example']);
  });
});

describe('test outbox', () => {
  it('is refused to a user without the permission', async () => {
    const user = await makeUser(h.database);
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/admin/test-outbox',
      headers: await sessionHeaders(h.database, h.config, user.id),
    });
    expect(response.statusCode).toBe(403);
  });

  it('is readable by an admin', async () => {
    const admin = await makeUser(h.database, {
      roles: [{ role: 'admin', scopeType: 'department', scopeId: crypto.randomUUID() }],
    });
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/admin/test-outbox',
      headers: await sessionHeaders(h.database, h.config, admin.id),
    });
    expect(response.statusCode).toBe(200);
    expect(Array.isArray(response.json().items)).toBe(true);
  });

  it('records SMS and e-mail there when neither Twilio nor SMTP is configured', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-outbox-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const channels = createNotificationChannels(config, h.database, loadNotificationsSettings({}));
    expect(channels.sms.name).toBe('log');
    expect(channels.smsReceiptsUrl).toBeUndefined();
    await channels.sms.send({ to: '+33611223344', body: 'SMS local', idempotencyKey: 'k' });
    await channels.email.send({ to: 'local@example.org', subject: 'Courriel local', text: 'Texte local' });
    channels.close();
    const rows = await h.database.db.select().from(testOutbox);
    expect(rows.map((row) => [row.channel, row.address, row.body])).toEqual(
      expect.arrayContaining([
        ['sms', '+33611223344', 'SMS local'],
        ['email', 'local@example.org', 'Texte local'],
      ]),
    );
    expect(fs.readdirSync(path.join(dataDir, 'mail'))).toHaveLength(1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('retention', () => {
  it('deletes old deliveries, notifications and outbox rows, and keeps recent ones', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    const [message] = await h.database.db
      .insert(notifications)
      .values({ kind: 'vieux', subject: 's', body: 'b', createdAt: old })
      .returning();
    await h.database.db.insert(notificationDeliveries).values({
      notificationId: message.id,
      channel: 'email',
      address: 'vieux@example.org',
      idempotencyKey: `${message.id}:email:vieux`,
      status: 'sent',
      createdAt: old,
    });
    await h.database.db.insert(testOutbox).values({
      channel: 'sms',
      address: '+33600000000',
      body: 'vieux',
      createdAt: new Date(Date.now() - 8 * 86_400_000),
    });
    const recentCount = (await h.database.db.select().from(notifications)).length - 1;

    const rules = createNotificationsModule({ env: {} }).retentionRules?.(h.config) ?? [];
    const counts = await Promise.all(rules.map((rule) => rule.purge(h.database, new Date())));
    expect(counts).toEqual([2, 1]);
    expect((await h.database.db.select().from(notifications)).length).toBe(recentCount);
  });
});
