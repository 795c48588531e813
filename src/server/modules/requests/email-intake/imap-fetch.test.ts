import net from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { GPS_MARK, jpegWithGps, PLAIN_JPEG } from '../attachments/attachment.fixtures.ts';
import { createRequestsContext, loadRequestsSettings, type RequestsContext } from '../requests-context.ts';
import { makeSectorWithStaff, rows } from '../requests.test-helpers.ts';
import { startImapPeer, type ImapPeer } from '../../../test/peers/imap-peer.ts';
import { fetchMailbox, IMAP_FETCH_JOB, purgeImapRecords } from './imap-fetch.ts';
import { throttleRetentionRule } from '../../../platform/throttle/throttle.ts';
import { systemActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';

// The app's own module reads them at start-up; the cron is far away so that only the test runs the job.
const ENV = {
  INBOUND_SMTP_REPLY_ADDRESS: 'reponses@psq.example',
  INBOUND_EMAILS_PER_SENDER_PER_HOUR: '5',
  INBOUND_SMTP_MAX_BYTES: String(1024 * 1024),
  INBOUND_IMAP_CRON: '0 0 1 1 *',
  INBOUND_IMAP_TIMEOUT_MS: '5000',
};
const previous = Object.fromEntries(Object.keys(ENV).map((key) => [key, process.env[key]]));
Object.assign(process.env, ENV);

const PASSWORD = 'Mot-de-passe "très" secret 42';

let t: TestApp;
const servers: ImapPeer[] = [];
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await t?.close();
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const build = async (message: SendMailOptions): Promise<Buffer> =>
  (await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(message)).message as Buffer;

async function imapServer(user = 'secteur') {
  const server = await startImapPeer({ user, password: PASSWORD });
  servers.push(server);
  return server;
}

let boxes = 0;
/** A sector, its referent, its administrator, a mailbox created through the API, and a local IMAP server for it. */
async function mailboxWithImap(options: { password?: string } = {}) {
  const c = await makeSectorWithStaff(t);
  const admin = await c.as('admin', 'department', c.department.id);
  const address = `imap-${process.pid}-${++boxes}@psq.example`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/requests/mailboxes',
    headers: admin.headers,
    payload: { address, sectorId: c.sector.id },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json().imap).toBeNull();
  const server = await imapServer();
  const configured = await t.app.inject({
    method: 'PUT',
    url: `/api/requests/mailboxes/${created.json().id}/imap`,
    headers: admin.headers,
    payload: {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      user: 'secteur',
      password: options.password ?? PASSWORD,
    },
  });
  expect(configured.statusCode, configured.body).toBe(200);
  return { ...c, admin, address, server, mailboxId: created.json().id as string, configured };
}

const runJob = () => t.jobs!.runNow(IMAP_FETCH_JOB);
const status = async (mailboxId: string) =>
  (
    await rows<{
      last_error: string | null;
      last_summary: string | null;
      last_success_at: Date | null;
      lease_until: Date | null;
    }>(
      t,
      'select last_error, last_summary, last_success_at, lease_until from mailbox_imap_sources where mailbox_id = $1',
      [mailboxId],
    )
  )[0];

describe('e-mail intake (IMAP fetch)', () => {
  it(
    'turns an unseen message (text, HTML, a JPEG) into a request of the sector: ' +
      'channel e-mail, the sender as contact, the photo without its GPS; a second ' +
      'run, even after a crash before the \\Seen flag, creates nothing',
    async () => {
      const c = await mailboxWithImap();
      expect(c.configured.json().imap).toMatchObject({
        host: '127.0.0.1',
        port: c.server.port,
        security: 'none',
        user: 'secteur',
        folder: 'INBOX',
        passwordSet: true,
        lastError: null,
      });
      const sender = `jeanne-imap-${boxes}@example.org`;
      await c.server.append(
        await build({
          from: `Jeanne Habitante <${sender}>`,
          to: c.address,
          subject: 'Rodéos rue des Lilas',
          text: 'Bonjour,\nDes motos font des rodéos tous les soirs devant le 12 rue des Lilas.\nJeanne',
          html: '<p>Bonjour,</p><p>Des motos font des <b>rodéos</b> tous les soirs devant le 12 rue des Lilas.</p>',
          attachments: [{ filename: 'IMG_0042.jpg', content: jpegWithGps() }],
        }),
      );
      await runJob();

      const found = await rows<{
        id: string;
        reference: string;
        channel: string;
        category: string;
        contact_email: string;
        contact_name: string;
        sector_id: string;
        description: string;
      }>(t, 'select * from requests where contact_email = $1', [sender]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        channel: 'email',
        category: 'other',
        contact_name: 'Jeanne Habitante',
        sector_id: c.sector.id,
      });
      expect(found[0].description).toContain('Objet : Rodéos rue des Lilas');
      expect(found[0].description).toContain('devant le 12 rue des Lilas');
      expect(found[0].description).not.toContain('<b>');
      const files = await rows<{ bytes: Uint8Array; filename: string; source: string }>(
        t,
        'select bytes, filename, source from request_attachments where request_id = $1',
        [found[0].id],
      );
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ filename: 'IMG_0042.jpg', source: 'email' });
      expect(Buffer.from(files[0].bytes).toString('latin1')).not.toContain(GPS_MARK);
      expect(Buffer.from(files[0].bytes).equals(PLAIN_JPEG)).toBe(true);
      const receipt = await rows<{ body: string }>(
        t,
        'select n.body from notifications n join notification_deliveries d on ' +
          "d.notification_id = n.id where n.kind = 'request.receipt' and d.address = $1",
        [sender],
      );
      expect(receipt[0].body).toContain(found[0].reference);
      const [created] = await rows<{ actor_type: string; actor_id: string }>(
        t,
        "select actor_type, actor_id from audit_events where action = 'request.created' and record_id = $1",
        [found[0].id],
      );
      expect(created).toEqual({ actor_type: 'system', actor_id: 'inbound-imap' });
      // Marked seen on the server, never downloaded with a plain BODY[] (which would mark it before the request exists).
      expect([...c.server.messages()[0].flags]).toEqual(['\\Seen']);
      expect(c.server.commands.some((line) => /FETCH .*BODY\[\]/.test(line))).toBe(false);
      expect(await status(c.mailboxId)).toMatchObject({
        last_error: null,
        last_summary: '1 demande créée.',
        last_success_at: expect.any(Date),
        lease_until: null,
      });
      const inbox = await t.app.inject({
        method: 'GET',
        url: '/api/requests?channel=email',
        headers: c.referent.headers,
      });
      expect(inbox.json().items.map((i: { reference: string }) => i.reference)).toContain(found[0].reference);

      await runJob();
      expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(1);
      // The job stopped after the request's commit and before the flag: the message is unseen again, and still makes nothing new.
      c.server.messages()[0].flags.clear();
      await runJob();
      expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(1);
      expect([...c.server.messages()[0].flags]).toEqual(['\\Seen']);
      expect(await status(c.mailboxId)).toMatchObject({ last_summary: 'Aucun nouveau message.' });
      // The same message again under another UID (a rebuilt server): its Message-ID says it was taken.
      await c.server.append(c.server.messages()[0].raw);
      await runJob();
      expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(1);
      expect([...c.server.messages()[1].flags]).toEqual(['\\Seen']);
    },
  );

  it('threads a message to a signed reply address into its request', async () => {
    const c = await mailboxWithImap();
    const sender = `fil-imap-${boxes}@example.org`;
    await c.server.append(
      await build({
        from: sender,
        to: c.address,
        subject: 'Stationnement',
        text: 'Des voitures bloquent le trottoir devant l’école.',
      }),
    );
    await runJob();
    const [request] = await rows<{ id: string }>(t, 'select id from requests where contact_email = $1', [sender]);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/answers`,
      headers: c.referent.headers,
      payload: { channel: 'email', text: 'Une patrouille passera demain matin.' },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const [answer] = await rows<{ reply_to: string }>(
      t,
      "select reply_to from notifications where kind = 'request.answer' and body " +
        "like '%patrouille passera demain%' order by created_at desc limit 1",
    );
    expect(answer.reply_to).toMatch(/^reponses\+[a-z2-7]{42}@psq\.example$/);

    await c.server.append(
      await build({
        from: sender,
        to: answer.reply_to,
        subject: 'Re: Réponse',
        text:
          'Merci, ils étaient encore là ce matin.\n\nLe 26 nov. 2026 à 10:00, PSQ a ' +
          'écrit :\n> Une patrouille passera demain matin.',
      }),
    );
    await runJob();
    const replies = await rows<{ body: string; author_type: string }>(
      t,
      "select body, author_type from request_events where request_id = $1 and kind = 'reply'",
      [request.id],
    );
    expect(replies).toEqual([{ body: 'Merci, ils étaient encore là ce matin.', author_type: 'resident' }]);
    expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(1);
    expect(await status(c.mailboxId)).toMatchObject({ last_summary: '1 réponse rattachée à sa demande.' });

    // A reply to a closed request is refused, flagged and left unread in the mailbox, and not tried again.
    await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/actions`,
      headers: c.referent.headers,
      payload: { action: 'close' },
    });
    await c.server.append(
      await build({ from: sender, to: answer.reply_to, subject: 'Re', text: 'Encore un message.' }),
    );
    await runJob();
    expect(c.server.messages()[2].flags.has('\\Flagged')).toBe(true);
    expect(c.server.messages()[2].flags.has('\\Seen')).toBe(false);
    const [left] = await rows<{ outcome: string; detail: string }>(
      t,
      'select outcome, detail from mailbox_imap_messages where mailbox_id = $1 and uid = $2',
      [c.mailboxId, c.server.messages()[2].uid],
    );
    expect(left).toMatchObject({ outcome: 'refused', detail: expect.stringContaining('close') });
    await runJob();
    expect(
      await rows(t, "select 1 from request_events where request_id = $1 and kind = 'reply'", [request.id]),
    ).toHaveLength(1);
  });

  it(
    'records a refused password on the mailbox, in French, without a crash; the ' +
      'password appears in no answer, log or audit event',
    async () => {
      const c = await mailboxWithImap({ password: 'mauvais mot de passe 123' });
      const sender = `mdp-${boxes}@example.org`;
      await c.server.append(
        await build({ from: sender, to: c.address, subject: 'Bonjour', text: 'Un message qui attendra.' }),
      );
      await runJob();
      expect(await status(c.mailboxId)).toMatchObject({
        last_error: `Identifiant ou mot de passe refusé par 127.0.0.1:${c.server.port}.`,
        last_success_at: null,
        lease_until: null,
      });
      expect(c.server.logins).toEqual({ tried: 1, accepted: 0 });

      const fetched = await t.app.inject({
        method: 'POST',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap/fetch`,
        headers: c.admin.headers,
      });
      expect(fetched.statusCode, fetched.body).toBe(200);
      expect(fetched.json().imap).toMatchObject({
        lastError: expect.stringContaining('mot de passe refusé'),
        passwordSet: true,
      });
      // Changing the server's settings but not the password keeps the stored one (still wrong).
      const moved = await t.app.inject({
        method: 'PUT',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap`,
        headers: c.admin.headers,
        payload: { host: 'localhost', port: c.server.port, security: 'none', user: 'secteur' },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().imap).toMatchObject({ host: 'localhost', passwordSet: true, lastError: null });
      // The right one: the waiting message is taken.
      const fixed = await t.app.inject({
        method: 'PUT',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap`,
        headers: c.admin.headers,
        payload: { host: '127.0.0.1', port: c.server.port, security: 'none', user: 'secteur', password: PASSWORD },
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap/fetch`,
        headers: c.admin.headers,
      });
      expect(again.json().imap).toMatchObject({
        lastError: null,
        lastSummary: '1 demande créée.',
        lastSuccessAt: expect.any(String),
      });
      expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(1);

      const list = await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers: c.admin.headers });
      const answers = [c.configured.body, fetched.body, moved.body, fixed.body, again.body, list.body].join('\n');
      expect(answers).not.toContain('mauvais mot de passe');
      expect(answers).not.toContain('secret 42');
      expect(answers).not.toMatch(/password"\s*:/);
      // The failures were logged (by the job and by the route), without the password.
      expect(t.logs.join('\n')).toContain('imap fetch failed');
      expect(t.logs.join('\n')).not.toContain('mauvais mot de passe');
      expect(t.logs.join('\n')).not.toContain('secret 42');
      const audit = await rows<{ action: string; details: unknown }>(
        t,
        'select action, details from audit_events where record_id = $1 and action ' +
          "like 'request.mailbox.imap.%' order by id",
        [c.mailboxId],
      );
      expect(audit.map((event) => event.action)).toEqual([
        'request.mailbox.imap.configured',
        'request.mailbox.imap.fetched',
        'request.mailbox.imap.updated',
        'request.mailbox.imap.updated',
        'request.mailbox.imap.fetched',
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/mauvais mot de passe|secret 42/);
      // Sealed at rest.
      const [stored] = await rows<{ password_sealed: string }>(
        t,
        'select password_sealed from mailbox_imap_sources where mailbox_id = $1',
        [c.mailboxId],
      );
      expect(stored.password_sealed).toMatch(/^v1\./);
      expect(stored.password_sealed).not.toContain('secret');
    },
  );

  it('records connection refused, TLS failures and a missing folder in French', async () => {
    const c = await mailboxWithImap();
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const configure = (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap`,
        headers: c.admin.headers,
        payload: { host: '127.0.0.1', user: 'secteur', ...payload },
      });
    const fetchNow = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/requests/mailboxes/${c.mailboxId}/imap/fetch`,
          headers: c.admin.headers,
        })
      ).json().imap.lastError as string;

    expect((await configure({ port: closed, security: 'none' })).statusCode).toBe(200);
    expect(await fetchNow()).toBe(
      `Connexion refusée par 127.0.0.1:${closed} : vérifiez l’adresse, le port et que le serveur IMAP est démarré.`,
    );
    expect((await configure({ port: c.server.port, security: 'tls' })).statusCode).toBe(200);
    expect(await fetchNow()).toMatch(/^Échec de la connexion chiffrée \(TLS\) avec 127\.0\.0\.1:\d+/);
    expect((await configure({ port: c.server.port, security: 'starttls' })).statusCode).toBe(200);
    expect(await fetchNow()).toMatch(/ne propose pas STARTTLS/);
    expect((await configure({ port: c.server.port, security: 'none', folder: 'Demandes' })).statusCode).toBe(200);
    expect(await fetchNow()).toBe(`Le dossier « Demandes » n’existe pas sur 127.0.0.1:${c.server.port}.`);
    // Another folder is fetched when it exists.
    await c.server.append(
      await build({
        from: `dossier-${boxes}@example.org`,
        to: c.address,
        subject: 'Dossier',
        text: 'Dans le dossier des demandes.',
      }),
      'Demandes',
    );
    expect(await fetchNow()).toBeNull();
    expect(
      await rows(t, 'select 1 from requests where contact_email = $1', [`dossier-${boxes}@example.org`]),
    ).toHaveLength(1);
  });

  it(
    'validates the configuration: plain IMAP only to this machine, a password ' +
      'the first time; removal stops the fetch',
    async () => {
      const c = await makeSectorWithStaff(t);
      const admin = await c.as('admin', 'department', c.department.id);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/requests/mailboxes',
        headers: admin.headers,
        payload: { address: `valide-${++boxes}@psq.example`, sectorId: c.sector.id },
      });
      const url = `/api/requests/mailboxes/${created.json().id}/imap`;
      const put = (payload: object) => t.app.inject({ method: 'PUT', url, headers: admin.headers, payload });
      const plain = await put({ host: 'imap.example.org', port: 143, security: 'none', user: 'u', password: 'p' });
      expect(plain.statusCode).toBe(422);
      expect(plain.headers['content-type']).toContain('application/problem+json');
      expect(plain.json().detail).toContain('TLS ou STARTTLS');
      expect((await put({ host: 'imap.example.org', port: 993, security: 'tls', user: 'u' })).statusCode).toBe(422);
      expect(
        (await put({ host: 'imap.example.org', port: 993, security: 'tls', user: 'u', password: 'p', extra: 1 }))
          .statusCode,
      ).toBe(400);
      expect(
        (await put({ host: 'imap example org', port: 993, security: 'tls', user: 'u', password: 'p' })).statusCode,
      ).toBe(400);
      expect(
        (await put({ host: 'imap.example.org', port: 70000, security: 'tls', user: 'u', password: 'p' })).statusCode,
      ).toBe(400);
      const ok = await put({
        host: 'IMAP.example.org',
        port: 993,
        security: 'tls',
        user: 'secteur@example.org',
        password: 'p',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().imap).toMatchObject({
        host: 'imap.example.org',
        folder: 'INBOX',
        passwordSet: true,
        lastRunAt: null,
      });
      // Another département's administrator does not see it (404, like a missing mailbox).
      const other = await makeSectorWithStaff(t);
      const otherAdmin = await other.as('admin', 'department', other.department.id);
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url,
            headers: otherAdmin.headers,
            payload: { host: 'x.example.org', port: 993, security: 'tls', user: 'u', password: 'p' },
          })
        ).statusCode,
      ).toBe(404);
      expect((await t.app.inject({ method: 'DELETE', url, headers: admin.headers })).statusCode).toBe(204);
      const listed = await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers: admin.headers });
      expect(listed.json().items.find((m: { id: string }) => m.id === created.json().id).imap).toBeNull();
      const fetchNow = await t.app.inject({ method: 'POST', url: `${url}/fetch`, headers: admin.headers });
      expect(fetchNow.statusCode).toBe(409);
      expect(fetchNow.json().detail).toContain('pas relevée par IMAP');
    },
  );

  it(
    'forgets the records of messages taken more than 400 days ago (retention ' +
      'rule request-imap-records), a batch of 1,000 at a time',
    async () => {
      const c = await mailboxWithImap();
      await t.database.query(
        'insert into mailbox_imap_messages (mailbox_id, uid_validity, uid, outcome, ' +
          "created_at) select $1, 1, n, 'refused', now() - interval '401 days' from " +
          'generate_series(1, 2500) as n',
        [c.mailboxId],
      );
      await t.database.query(
        'insert into mailbox_imap_messages (mailbox_id, uid_validity, uid, outcome, ' +
          "created_at) values ($1, 2, 1, 'refused', now() - interval '399 days')",
        [c.mailboxId],
      );
      expect(await purgeImapRecords(t.database.db, new Date())).toBe(2500);
      expect(
        await rows<{ uid: number }>(
          t,
          'select uid_validity::int as uid from mailbox_imap_messages where mailbox_id = $1',
          [c.mailboxId],
        ),
      ).toEqual([{ uid: 2 }]);
    },
  );

  it(
    'forgets the anti-abuse counters whose window started more than a day ago ' +
      '(retention rule throttle-counters), by batches',
    async () => {
      const prefix = `purge-${process.pid}-${++boxes}`;
      await t.database.query(
        'insert into request_throttle (key, hits, window_started_at) select $1 || ' +
          "':' || n, 1, now() - interval '25 hours' from generate_series(1, 1200) as n",
        [prefix],
      );
      await t.database.query(
        'insert into request_throttle (key, hits, window_started_at) values ($1 || ' +
          "':recent', 1, now() - interval '23 hours')",
        [prefix],
      );
      expect(await throttleRetentionRule().purge(t.database, new Date())).toBeGreaterThanOrEqual(1200);
      expect(
        await rows<{ key: string }>(t, "select key from request_throttle where key like $1 || ':%'", [prefix]),
      ).toEqual([{ key: `${prefix}:recent` }]);
    },
  );

  it(
    '« Relever maintenant »: the run’s outcome and what the caller records with ' +
      'it commit together, or neither does',
    async () => {
      const c = await mailboxWithImap();
      await c.server.append(
        await build({
          from: `atomique-${boxes}@example.org`,
          to: c.address,
          subject: 'Atomique',
          text: 'Un message relevé.',
        }),
      );
      const ctx = createRequestsContext(t.config, t.database, () => t.jobs, loadRequestsSettings(ENV));
      const failing = fetchMailbox(ctx, c.mailboxId, quiet, async (tx) => {
        await recordAudit(tx, systemActor('test'), { action: 'test.never' });
        throw new Error('the caller’s write failed');
      });
      await expect(failing).rejects.toThrow('the caller’s write failed');
      // Neither the mailbox's status nor the caller's row: the lease stays until it expires.
      expect(await status(c.mailboxId)).toMatchObject({
        last_summary: null,
        last_success_at: null,
        lease_until: expect.any(Date),
      });
      expect(await rows(t, "select 1 from audit_events where action = 'test.never'")).toEqual([]);
      await t.database.query('update mailbox_imap_sources set lease_until = null where mailbox_id = $1', [c.mailboxId]);
      const fetched = await t.app.inject({
        method: 'POST',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap/fetch`,
        headers: c.admin.headers,
      });
      expect(fetched.statusCode, fetched.body).toBe(200);
      const audit = await rows<{ details: { summary?: string } }>(
        t,
        "select details from audit_events where record_id = $1 and action = 'request.mailbox.imap.fetched'",
        [c.mailboxId],
      );
      expect(audit).toEqual([{ details: { summary: fetched.json().imap.lastSummary } }]);
    },
  );

  describe('limits (a context of its own: 2 messages per run)', () => {
    let ctx: RequestsContext;
    beforeAll(() => {
      ctx = createRequestsContext(
        t.config,
        t.database,
        () => t.jobs,
        loadRequestsSettings({ ...ENV, INBOUND_IMAP_MAX_PER_RUN: '2', INBOUND_EMAILS_PER_SENDER_PER_HOUR: '3' }),
      );
    });

    it(
      'takes at most INBOUND_IMAP_MAX_PER_RUN messages a run; past the sender’s ' +
        'hourly limit a message waits unseen; a too big or automatic one stays, ' +
        'flagged; nothing is lost',
      async () => {
        const c = await mailboxWithImap();
        const sender = `rafale-${boxes}@example.org`;
        for (let i = 0; i < 4; i++)
          await c.server.append(
            await build({
              from: sender,
              to: c.address,
              subject: `Message ${i}`,
              text: `Message numéro ${i} de la rafale.`,
            }),
          );
        await c.server.append(
          await build({
            from: `gros-${boxes}@example.org`,
            to: c.address,
            subject: 'Grosse photo',
            text: 'Voici',
            attachments: [{ filename: 'grosse.jpg', content: Buffer.alloc(2 * 1024 * 1024, 7) }],
          }),
        );
        await c.server.append(
          await build({
            from: `robot-${boxes}@example.org`,
            to: c.address,
            subject: 'Absent',
            text: 'Je suis absent.',
            headers: { 'Auto-Submitted': 'auto-replied' },
          }),
        );

        expect(await fetchMailbox(ctx, c.mailboxId, quiet)).toEqual({
          status: 'done',
          summary: '2 demandes créées ; 4 autres messages attendent le prochain relevé.',
        });
        expect(await fetchMailbox(ctx, c.mailboxId, quiet)).toEqual({
          status: 'done',
          summary:
            '1 demande créée ; 1 message reporté (trop de messages du même expéditeur en ' +
            'une heure) ; 2 autres messages attendent le prochain relevé.',
        });
        expect(await fetchMailbox(ctx, c.mailboxId, quiet)).toEqual({
          status: 'done',
          summary:
            '1 message refusé (laissé dans la boîte, avec un drapeau) ; 1 message trop ' +
            'volumineux (laissé dans la boîte, avec un drapeau).',
        });
        expect(await fetchMailbox(ctx, c.mailboxId, quiet)).toEqual({
          status: 'done',
          summary: 'Aucun nouveau message.',
        });
        expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(3);
        const flags = c.server.messages().map((m) => [...m.flags].sort().join(' '));
        expect(flags).toEqual(['\\Seen', '\\Seen', '\\Seen', '', '\\Flagged', '\\Flagged']);
        const recorded = await rows<{ uid: number; outcome: string }>(
          t,
          'select uid::int as uid, outcome from mailbox_imap_messages where mailbox_id = $1 order by uid',
          [c.mailboxId],
        );
        expect(recorded.map((r) => r.outcome)).toEqual([
          'request',
          'request',
          'request',
          'deferred',
          'too_large',
          'refused',
        ]);
        // Once the hour is over, the deferred message becomes a request.
        await t.database.query(
          "update mailbox_imap_messages set retry_after = now() - interval '1 second' " +
            "where mailbox_id = $1 and outcome = 'deferred'",
          [c.mailboxId],
        );
        await t.database.query('delete from request_throttle');
        expect(await fetchMailbox(ctx, c.mailboxId, quiet)).toEqual({ status: 'done', summary: '1 demande créée.' });
        expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(4);
      },
    );

    it('two runs at once on one mailbox: the second finds it busy', async () => {
      const c = await mailboxWithImap();
      await c.server.append(
        await build({
          from: `double-${boxes}@example.org`,
          to: c.address,
          subject: 'Double',
          text: 'Un seul relevé à la fois.',
        }),
      );
      const results = await Promise.all([fetchMailbox(ctx, c.mailboxId, quiet), fetchMailbox(ctx, c.mailboxId, quiet)]);
      expect(results.map((r) => r.status).sort()).toEqual(['busy', 'done']);
      const after = await t.app.inject({
        method: 'POST',
        url: `/api/requests/mailboxes/${c.mailboxId}/imap/fetch`,
        headers: c.admin.headers,
      });
      expect(after.statusCode).toBe(200);
      expect(
        await rows(t, 'select 1 from requests where contact_email = $1', [`double-${boxes}@example.org`]),
      ).toHaveLength(1);
    });
  });
});
