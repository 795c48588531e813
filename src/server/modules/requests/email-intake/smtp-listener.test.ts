import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { FAKE_JPEG, GPS_MARK, jpegWithGps, PLAIN_JPEG } from '../attachments/attachment.fixtures.ts';
import { createRequestsContext, loadRequestsSettings, type RequestsContext } from '../requests-context.ts';
import { makeSectorWithStaff, rows } from '../requests.test-helpers.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { parseMail, senderKey, threadReply, toSmtpRefusal } from './inbound-mail.ts';
import { replyAddressFor } from './reply-address.ts';
import { startInboundSmtp, type InboundSmtp } from './smtp-listener.ts';

// The app's own module reads it at start-up: its answers then carry the signed Reply-To.
const previousReply = process.env.INBOUND_SMTP_REPLY_ADDRESS;
process.env.INBOUND_SMTP_REPLY_ADDRESS = 'reponses@psq.example';
const PER_SENDER = 5;

let t: TestApp;
let smtp: InboundSmtp;
let ctx: RequestsContext;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  const settings = loadRequestsSettings({
    INBOUND_SMTP_REPLY_ADDRESS: 'reponses@psq.example',
    INBOUND_EMAILS_PER_SENDER_PER_HOUR: String(PER_SENDER),
    INBOUND_SMTP_MAX_BYTES: String(1024 * 1024),
  });
  ctx = createRequestsContext(t.config, t.database, () => t.jobs, settings);
  smtp = await startInboundSmtp(ctx, { info: () => {}, warn: () => {}, error: () => {} });
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  await t?.close();
  if (previousReply === undefined) delete process.env.INBOUND_SMTP_REPLY_ADDRESS;
  else process.env.INBOUND_SMTP_REPLY_ADDRESS = previousReply;
});

let mailboxes = 0;
/** A sector, its referent, and its mailbox created by the département's administrator through the API. */
async function sectorWithMailbox() {
  const c = await makeSectorWithStaff(t);
  const admin = await c.as('admin', 'department', c.department.id);
  const address = `secteur-${process.pid}-${++mailboxes}@psq.example`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/requests/mailboxes',
    headers: admin.headers,
    payload: { address: address.toUpperCase(), sectorId: c.sector.id },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json()).toMatchObject({ address, sector: { id: c.sector.id } });
  return { ...c, address, admin };
}

const sentMails = () => {
  const dir = path.join(t.config.dataDir, 'mail');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')) : [];
};
const send = (message: SendMailOptions) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }).sendMail(message);
const refusal = async (message: SendMailOptions) => {
  try {
    await send(message);
  } catch (error) {
    return (error as { responseCode?: number }).responseCode;
  }
  return 250;
};

/** One SMTP transaction by hand, running `beforeData` between RCPT TO and DATA; the code answering the message. */
async function smtpByHand(from: string, to: string, beforeData: () => Promise<unknown>): Promise<number> {
  const socket = net.connect(smtp.port, '127.0.0.1');
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // The last line of a reply: « 250 ok », not « 250-… ».
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
    }
  });
  const reply = () => new Promise<string>((resolve) => waiters.push(resolve));
  const say = async (line: string) => {
    const answer = reply();
    socket.write(`${line}\r\n`);
    return answer;
  };
  try {
    expect(await reply()).toMatch(/^220/);
    expect(await say('EHLO test')).toMatch(/^250/);
    expect(await say(`MAIL FROM:<${from}>`)).toMatch(/^250/);
    expect(await say(`RCPT TO:<${to}>`)).toMatch(/^250/);
    await beforeData();
    expect(await say('DATA')).toMatch(/^354/);
    const answer = await say(`From: ${from}\r\nTo: ${to}\r\nSubject: Re\r\n\r\nJe réponds à votre message.\r\n.`);
    await say('QUIT');
    return Number(answer.slice(0, 3));
  } finally {
    socket.destroy();
  }
}

describe('e-mail intake (SMTP listener)', () => {
  it(
    'turns a message to a sector mailbox into a request: channel e-mail, the ' +
      'sender as contact, the photo stored without its GPS, a refused attachment ' +
      'noted, the acknowledgement sent',
    async () => {
      const c = await sectorWithMailbox();
      const sender = `jeanne-${mailboxes}@example.org`;
      await send({
        from: `Jeanne Habitante <${sender}>`,
        to: c.address,
        subject: 'Rodéos rue des Lilas',
        text: 'Bonjour,\nDes motos font des rodéos tous les soirs devant le 12 rue des Lilas.\nJeanne',
        attachments: [
          { filename: 'IMG_0042.jpg', content: jpegWithGps() },
          { filename: 'vacances.jpg', content: FAKE_JPEG },
        ],
      });
      const [request] = await rows<{
        id: string;
        reference: string;
        channel: string;
        category: string;
        anonymity: string;
        contact_email: string;
        contact_name: string;
        sector_id: string;
        description: string;
      }>(t, 'select * from requests where contact_email = $1', [sender]);
      expect(request).toMatchObject({
        channel: 'email',
        category: 'other',
        anonymity: 'named',
        contact_name: 'Jeanne Habitante',
        sector_id: c.sector.id,
      });
      expect(request.description).toContain('Objet : Rodéos rue des Lilas');
      expect(request.description).toContain('devant le 12 rue des Lilas');
      const files = await rows<{ bytes: Uint8Array; filename: string; source: string }>(
        t,
        'select bytes, filename, source from request_attachments where request_id = $1',
        [request.id],
      );
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ filename: 'IMG_0042.jpg', source: 'email' });
      expect(Buffer.from(files[0].bytes).toString('latin1')).not.toContain(GPS_MARK);
      expect(Buffer.from(files[0].bytes).equals(PLAIN_JPEG)).toBe(true);
      const notes = await rows<{ body: string; visibility: string }>(
        t,
        "select body, visibility from request_events where request_id = $1 and kind = 'note'",
        [request.id],
      );
      expect(notes).toEqual([
        { body: expect.stringContaining('« vacances.jpg » non conservée'), visibility: 'internal' },
      ]);
      const receipt = await rows<{ body: string }>(
        t,
        'select n.body from notifications n join notification_deliveries d on ' +
          "d.notification_id = n.id where n.kind = 'request.receipt' and d.address = $1",
        [sender],
      );
      expect(receipt[0].body).toContain(request.reference);
      expect(receipt[0].body).toContain(`${t.config.publicUrl}/suivi/`);
      // Replying to the acknowledgement threads into the request too.
      const [{ reply_to: receiptReplyTo }] = await rows<{ reply_to: string }>(
        t,
        "select reply_to from notifications where kind = 'request.receipt' and subject like $1",
        [`%${request.reference}%`],
      );
      expect(receiptReplyTo).toMatch(/^reponses\+[a-z2-7]{42}@psq\.example$/);
      // The referent of the sector finds it in the inbox.
      const inbox = await t.app.inject({
        method: 'GET',
        url: '/api/requests?channel=email',
        headers: c.referent.headers,
      });
      expect(inbox.json().items.map((i: { reference: string }) => i.reference)).toContain(request.reference);
    },
  );

  it('a département’s catch-all address puts the request in the département’s inbox, without a sector', async () => {
    const c = await makeSectorWithStaff(t);
    const admin = await c.as('admin', 'department', c.department.id);
    const address = `departement-${process.pid}-${++mailboxes}@psq.example`;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/requests/mailboxes',
          headers: admin.headers,
          payload: { address, departmentId: c.department.id },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/requests/mailboxes',
          headers: admin.headers,
          payload: { address: `x-${address}`, departmentId: c.department.id, sectorId: c.sector.id },
        })
      ).statusCode,
    ).toBe(422);
    const sender = `tout-${mailboxes}@example.org`;
    await send({ from: sender, to: address, subject: 'Où ?', text: 'Je ne sais pas de quel secteur je dépends.' });
    const [request] = await rows<{ reference: string; sector_id: string | null; department_id: string }>(
      t,
      'select reference, sector_id, department_id from requests where contact_email = $1',
      [sender],
    );
    expect(request).toMatchObject({ sector_id: null, department_id: c.department.id });
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/requests?routing=department',
      headers: admin.headers,
    });
    expect(inbox.json().items.map((i: { reference: string }) => i.reference)).toContain(request.reference);
  });

  it('keeps only the text of an HTML-only message', async () => {
    const c = await sectorWithMailbox();
    const sender = `html-${mailboxes}@example.org`;
    await send({
      from: sender,
      to: c.address,
      subject: 'Bruit',
      html:
        '<html><head><style>p{color:red}</style></head><body><p>Musique <b>très ' +
        'forte</b> chaque nuit&nbsp;!</p><script>alert(1)</script></body></html>',
    });
    const [request] = await rows<{ description: string }>(
      t,
      'select description from requests where contact_email = $1',
      [sender],
    );
    expect(request.description).toContain('Musique très forte chaque nuit');
    expect(request.description).not.toMatch(/<|alert|color/);
  });

  it('refuses unknown recipients (550) and too big messages (552) at SMTP time, recording nothing', async () => {
    const c = await sectorWithMailbox();
    const sender = `refus-${mailboxes}@example.org`;
    expect(await refusal({ from: sender, to: 'inconnu@psq.example', subject: 'x', text: 'Bonjour à tous' })).toBe(550);
    expect(
      await refusal({
        from: sender,
        to: c.address,
        subject: 'Grosse photo',
        text: 'Voici',
        attachments: [{ filename: 'grosse.jpg', content: Buffer.alloc(2 * 1024 * 1024, 7) }],
      }),
    ).toBe(552);
    expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toEqual([]);
  });

  it(
    'an e-mail bomb from one sender makes at most ' +
      'INBOUND_EMAILS_PER_SENDER_PER_HOUR requests; every other message is refused ' +
      '451, none lost silently',
    async () => {
      const c = await sectorWithMailbox();
      const sender = `bombe-${mailboxes}@example.org`;
      const codes = await Promise.all(
        Array.from({ length: PER_SENDER + 10 }, (_, i) =>
          refusal({ from: sender, to: c.address, subject: `Message ${i}`, text: `Message numéro ${i} de la rafale.` }),
        ),
      );
      expect(codes.filter((code) => code === 250)).toHaveLength(PER_SENDER);
      expect(codes.filter((code) => code === 451)).toHaveLength(10);
      expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(PER_SENDER);
      // Another sender is not held back.
      expect(
        await refusal({
          from: `autre-${mailboxes}@example.org`,
          to: c.address,
          subject: 'Autre',
          text: 'Un autre habitant écrit.',
        }),
      ).toBe(250);
    },
  );

  it('a bomb of 1,000 messages over pooled connections still makes PER_SENDER ' +
    'requests, each other message refused 451', async () => {
    const c = await sectorWithMailbox();
    const sender = `mille-${mailboxes}@example.org`;
    const pool = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
      maxMessages: Infinity,
    });
    const codes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        pool.sendMail({ from: sender, to: c.address, subject: `Bombe ${i}`, text: `Message ${i}` }).then(
          () => 250,
          (error: { responseCode?: number }) => error.responseCode,
        ),
      ),
    );
    pool.close();
    expect(codes.filter((code) => code === 250)).toHaveLength(PER_SENDER);
    expect(codes.filter((code) => code === 451)).toHaveLength(1000 - PER_SENDER);
    expect(await rows(t, 'select 1 from requests where contact_email = $1', [sender])).toHaveLength(PER_SENDER);
  }, 120_000);

  it(
    'threads a reply to the signed Reply-To of an answer into its request, ' +
      'without the quoted history; a forged token is a 550',
    async () => {
      const c = await sectorWithMailbox();
      const sender = `fil-${mailboxes}@example.org`;
      await send({
        from: sender,
        to: c.address,
        subject: 'Stationnement',
        text: 'Des voitures bloquent le trottoir devant l’école.',
      });
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
        "select reply_to from notifications where kind = 'request.answer' and body like '%patrouille passera demain%'",
      );
      expect(answer.reply_to).toMatch(/^reponses\+[a-z2-7]{42}@psq\.example$/);
      // The e-mail itself leaves with that Reply-To header.
      await expect
        .poll(() => sentMails().some((mail) => mail.includes(`Reply-To: ${answer.reply_to}`)), { timeout: 15_000 })
        .toBe(true);

      await send({
        from: sender,
        to: answer.reply_to,
        subject: 'Re: Réponse',
        text:
          'Merci, ils étaient encore là ce matin.\n\nLe 26 nov. 2026 à 10:00, PSQ ' +
          '<ne-pas-repondre@psq.example> a écrit :\n> Une patrouille passera demain ' +
          'matin.',
        attachments: [{ filename: 'ce-matin.jpg', content: jpegWithGps() }],
      });
      const replies = await rows<{ body: string; author_type: string; visibility: string }>(
        t,
        "select body, author_type, visibility from request_events where request_id = $1 and kind = 'reply'",
        [request.id],
      );
      expect(replies).toEqual([
        { body: 'Merci, ils étaient encore là ce matin.', author_type: 'resident', visibility: 'resident' },
      ]);
      const files = await rows<{ filename: string; bytes: Uint8Array }>(
        t,
        'select filename, bytes from request_attachments where request_id = $1',
        [request.id],
      );
      expect(files.map((f) => f.filename)).toEqual(['ce-matin.jpg']);
      expect(Buffer.from(files[0].bytes).toString('latin1')).not.toContain(GPS_MARK);

      const forged = answer.reply_to.replace(/([a-z2-7])@/, (_, last: string) => `${last === 'a' ? 'b' : 'a'}@`);
      expect(await refusal({ from: sender, to: forged, subject: 'Re', text: 'Intrusion' })).toBe(550);
      expect(await refusal({ from: sender, to: 'reponses+abc@psq.example', subject: 'Re', text: 'Intrusion' })).toBe(
        550,
      );

      // A closed request takes no more replies: refused (550) with the reason, not dropped.
      await t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/actions`,
        headers: c.referent.headers,
        payload: { action: 'close' },
      });
      expect(await refusal({ from: sender, to: answer.reply_to, subject: 'Re', text: 'Encore un message.' })).toBe(550);
    },
  );

  it('lets administrators list and remove the mailboxes of their territory only', async () => {
    const c = await sectorWithMailbox();
    const list = await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers: c.admin.headers });
    const mine = list.json().items.find((m: { address: string }) => m.address === c.address);
    expect(mine).toBeDefined();
    const other = await sectorWithMailbox();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers: other.admin.headers }))
        .json()
        .items.map((m: { address: string }) => m.address),
    ).not.toContain(c.address);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/requests/mailboxes',
          headers: c.admin.headers,
          payload: { address: c.address, sectorId: c.sector.id },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/requests/mailboxes/${mine.id}`,
          headers: other.admin.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/requests/mailboxes/${mine.id}`, headers: c.admin.headers }))
        .statusCode,
    ).toBe(204);
    expect(await refusal({ from: 'x@example.org', to: c.address, subject: 'x', text: 'Plus reçue' })).toBe(550);
  });

  it(
    'lists to a district’s administrator the mailboxes of its sectors but not ' +
      'the département’s catch-all, to the département’s administrator both, to ' +
      'another département’s none',
    async () => {
      const c = await sectorWithMailbox();
      const catchAll = `fourre-tout-${process.pid}-${++mailboxes}@psq.example`;
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/requests/mailboxes',
            headers: c.admin.headers,
            payload: { address: catchAll, departmentId: c.department.id },
          })
        ).statusCode,
      ).toBe(201);
      const listed = async (headers: Record<string, string>) =>
        (await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers }))
          .json()
          .items.map((m: { address: string }) => m.address) as string[];
      expect(await listed(c.admin.headers)).toEqual(expect.arrayContaining([c.address, catchAll]));
      const districtAdmin = await c.as('admin', 'district', c.district.id);
      expect(await listed(districtAdmin.headers)).toEqual([c.address]);
      const sectorAdmin = await c.as('admin', 'sector', c.sector.id);
      expect(await listed(sectorAdmin.headers)).toEqual([c.address]);
      const other = await makeSectorWithStaff(t);
      expect(await listed((await other.as('admin', 'department', other.department.id)).headers)).toEqual([]);
      // The referent holds no territory.manage: the route refuses before listing.
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/requests/mailboxes', headers: c.referent.headers })).statusCode,
      ).toBe(403);
    },
  );

  it(
    'a refused reply uses up none of the sender’s hourly allowance; a reply to a ' +
      'request deleted between RCPT TO and DATA is refused for good (550)',
    async () => {
      const c = await sectorWithMailbox();
      const sender = `compte-${mailboxes}@example.org`;
      await send({
        from: sender,
        to: c.address,
        subject: 'Tapage',
        text: 'Du bruit toutes les nuits place du marché.',
      });
      const [request] = await rows<{ id: string }>(t, 'select id from requests where contact_email = $1', [sender]);
      const hits = async () =>
        (
          await rows<{ hits: number }>(t, 'select hits from request_throttle where key = $1', [senderKey(ctx, sender)])
        )[0]?.hits;
      expect(await hits()).toBe(1);
      const replyTo = replyAddressFor(ctx.key, 'reponses@psq.example', request.id);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/${request.id}/answers`,
            headers: c.referent.headers,
            payload: { channel: 'email', text: 'Une patrouille passera cette nuit.' },
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/${request.id}/actions`,
            headers: c.referent.headers,
            payload: { action: 'close' },
          })
        ).statusCode,
      ).toBe(200);
      expect(await refusal({ from: sender, to: replyTo, subject: 'Re', text: 'Encore du bruit.' })).toBe(550);
      expect(await refusal({ from: sender, to: replyTo, subject: 'Re', text: 'Toujours du bruit.' })).toBe(550);
      expect(await hits()).toBe(1);

      // Deleted once its recipient was accepted: a permanent refusal, not a 451 retried by the relay for days.
      const late = `supprimee-${mailboxes}@example.org`;
      await send({ from: late, to: c.address, subject: 'Vitesse', text: 'Des voitures roulent trop vite rue Haute.' });
      const [gone] = await rows<{ id: string }>(t, 'select id from requests where contact_email = $1', [late]);
      const goneReplyTo = replyAddressFor(ctx.key, 'reponses@psq.example', gone.id);
      expect(
        await smtpByHand(late, goneReplyTo, () => t.database.query('delete from requests where id = $1', [gone.id])),
      ).toBe(550);
      const mail = await parseMail(Buffer.from(`From: ${late}\r\nSubject: Re\r\n\r\nBonjour\r\n`));
      const error = await threadReply(ctx, gone.id, late, mail).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(toSmtpRefusal(error)?.responseCode).toBe(550);
    },
  );
});
