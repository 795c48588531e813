import crypto from 'node:crypto';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { ImapFlow, type FetchMessageObject, type ImapFlowOptions } from 'imapflow';
import type { ParsedMail } from 'mailparser';
import type { FastifyBaseLogger } from 'fastify';
import { systemActor, type UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { AppError, ConflictError, TooManyRequestsError } from '../../../platform/errors.ts';
import type { Mailbox } from '../../../../shared/requests/attachments.schemas.ts';
import { purgeInBatches } from '../../../platform/jobs/retention.ts';
import { assertUnderThrottle } from '../../../platform/throttle/throttle.ts';
import { requests } from '../requests.tables.ts';
import { mailboxImapMessages, mailboxImapSources } from '../attachments/request-attachments.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  createRequestFromMail,
  parseMail,
  readMailRequest,
  senderKey,
  senderRule,
  threadReply,
  type Target,
} from './inbound-mail.ts';
import { imapPasswordBox } from './imap-source.ts';
import { findMailboxById, mailboxById } from './mailboxes.ts';
import { parseReplyAddress } from './reply-address.ts';

/** The worker's job: every mailbox with an IMAP source, each run (INBOUND_IMAP_CRON). */
export const IMAP_FETCH_JOB = 'requests-imap-fetch';
/** The audit's actor of what a fetched message creates. */
export const IMAP_ACTOR = systemActor('inbound-imap');

type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
type SourceRow = typeof mailboxImapSources.$inferSelect;
type MailboxTarget = Extract<Target, { kind: 'mailbox' }>;

/** A run stuck longer than this (its process died) no longer keeps others from fetching the mailbox. */
const LEASE = sql`now() + interval '10 minutes'`;

export type FetchResult =
  | { status: 'busy' }
  | { status: 'not-configured' }
  | { status: 'done'; summary: string }
  | { status: 'failed'; error: string };
/** A run that happened: what `fetchMailbox` records on the mailbox. */
export type FetchOutcome = Extract<FetchResult, { status: 'done' | 'failed' }>;

interface Tally {
  request: number;
  reply: number;
  refused: number;
  tooLarge: number;
  deferred: number;
  failed: number;
  repaired: number;
  waiting: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** What a run did, in French, for the administrators' page. */
export function summarise(t: Tally): string {
  const parts = [
    t.request && plural(t.request, 'demande créée', 'demandes créées'),
    t.reply && plural(t.reply, 'réponse rattachée à sa demande', 'réponses rattachées à leur demande'),
    t.refused &&
      `${plural(t.refused, 'message refusé', 'messages refusés')} ` +
        `(laissé${t.refused > 1 ? 's' : ''} dans la boîte, avec un drapeau)`,
    t.tooLarge &&
      `${plural(t.tooLarge, 'message trop volumineux', 'messages trop volumineux')}` +
        ` (laissé${t.tooLarge > 1 ? 's' : ''} dans la boîte, avec un drapeau)`,
    t.deferred &&
      `${plural(t.deferred, 'message reporté', 'messages reportés')} (trop de ` +
        `messages du même expéditeur en une heure)`,
    t.failed &&
      `${plural(t.failed, 'message en erreur', 'messages en erreur')}, ` +
        `réessayé${t.failed > 1 ? 's' : ''} au prochain relevé`,
    t.waiting && `${plural(t.waiting, 'autre message attend', 'autres messages attendent')} le prochain relevé`,
  ].filter(Boolean);
  return parts.length ? `${parts.join(' ; ')}.` : 'Aucun nouveau message.';
}

/**
 * A French sentence for what went wrong, naming the server but never the password; the
 * library's own text is not shown (it may quote the server's answer at length).
 */
export function describeImapError(error: unknown, source: Pick<SourceRow, 'host' | 'port' | 'folder'>): string {
  const e = (error ?? {}) as {
    code?: string;
    message?: string;
    authenticationFailed?: boolean;
    serverResponseCode?: string;
    mailboxMissing?: boolean;
    tlsFailed?: boolean;
  };
  const where = `${source.host}:${source.port}`;
  const code = String(e.code ?? '');
  if (error instanceof UnreadablePassword)
    return 'Le mot de passe enregistré ne peut plus être déchiffré (SECRET_KEY a changé ?) : saisissez-le de nouveau.';
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED')
    return `Identifiant ou mot de passe refusé par ${where}.`;
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT')
    return `Le dossier « ${source.folder} » n’existe pas sur ${where}.`;
  if (code === 'ECONNREFUSED')
    return `Connexion refusée par ${where} : vérifiez l’adresse, le port et que le serveur IMAP est démarré.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Serveur ${source.host} introuvable (nom inconnu du DNS).`;
  if (/TIMEOUT|ETIMEDOUT/.test(code))
    return `Le serveur ${where} ne répond pas dans le délai (INBOUND_IMAP_TIMEOUT_MS).`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code))
    return `Certificat TLS de ${where} refusé (${code}) : il doit être valide pour ce nom.`;
  if (e.tlsFailed && /STARTTLS/i.test(e.message ?? ''))
    return `Le serveur ${where} ne propose pas STARTTLS : choisissez TLS (port 993) ou vérifiez le port.`;
  if (e.tlsFailed || /SSL|TLS|EPROTO/.test(code))
    return `Échec de la connexion chiffrée (TLS) avec ${where} : le port attend-il TLS (993) ou STARTTLS (143) ?`;
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'NoConnection' ||
    code === 'ClosedAfterConnectTLS' ||
    code === 'ClosedAfterConnectText'
  )
    return `Connexion interrompue par ${where}.`;
  return `Erreur pendant le relevé de ${where}${code ? ` (${code})` : ''} : voir le journal du serveur.`;
}

/** The stored password no longer opens (SECRET_KEY changed): it must be typed again. */
class UnreadablePassword extends Error {}

function openPassword(ctx: RequestsContext, source: SourceRow): string {
  try {
    return imapPasswordBox(ctx).open(source.passwordSealed);
  } catch {
    throw new UnreadablePassword();
  }
}

function clientOptions(ctx: RequestsContext, source: SourceRow): ImapFlowOptions {
  const timeout = ctx.settings.inbound.imapTimeoutMs;
  const maxBytes = ctx.settings.inbound.maxBytes;
  return {
    host: source.host,
    port: source.port,
    secure: source.security === 'tls',
    // STARTTLS is required when chosen (never a silent fall back to clear text), never tried otherwise.
    doSTARTTLS: source.security === 'starttls' ? true : source.security === 'none' ? false : undefined,
    auth: { user: source.username, pass: openPassword(ctx, source) },
    // The library's logs would carry the server's answers: none; errors are described by describeImapError.
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(60_000, timeout * 4),
    // A server announcing a bigger message than we take is not read into memory.
    maxLiteralSize: maxBytes + 64 * 1024,
    clientInfo: { name: 'PSQ' },
  };
}

/** A message sent by a machine (delivery report, auto-reply): answering it with an acknowledgement would start a loop. */
function automaticReason(mail: ParsedMail): string | undefined {
  const auto = String(mail.headers.get('auto-submitted') ?? '')
    .trim()
    .toLowerCase();
  if (auto && auto !== 'no') return 'message automatique (Auto-Submitted), pas une demande.';
  const line = (key: string) => mail.headerLines.find((header) => header.key === key)?.line ?? '';
  if (/^return-path:\s*<\s*>/i.test(line('return-path')))
    return 'avis de non-remise (expéditeur vide), pas une demande.';
  if (/multipart\/report/i.test(line('content-type'))) return 'rapport de remise, pas une demande.';
  return undefined;
}

/** The request a message answers, when one of its recipients is a valid signed reply address of an existing request. */
async function replyTarget(ctx: RequestsContext, mail: ParsedMail): Promise<string | undefined> {
  const replyAddress = ctx.settings.inbound.replyAddress;
  if (!replyAddress) return undefined;
  const listed = [mail.to, mail.cc]
    .flatMap((field) => (Array.isArray(field) ? field : field ? [field] : []))
    .flatMap((group) => group.value.map((entry) => entry.address ?? ''));
  const delivered = ['delivered-to', 'x-original-to'].flatMap((key) =>
    mail.headerLines
      .filter((h) => h.key === key)
      .map((h) =>
        h.line
          .slice(h.line.indexOf(':') + 1)
          .trim()
          .replace(/^<|>$/g, ''),
      ),
  );
  for (const address of [...delivered, ...listed]) {
    const id = parseReplyAddress(ctx.key, replyAddress, address.toLowerCase());
    if (!id || id === 'invalid') continue;
    const [row] = await ctx.database.db.select({ id: requests.id }).from(requests).where(eq(requests.id, id));
    if (row) return row.id;
  }
  return undefined;
}

class AlreadyTaken extends Error {}

interface MessageKey {
  mailboxId: string;
  uidValidity: number;
  uid: number;
}

/**
 * Records a taken message inside the transaction of its request or reply: the primary key
 * (mailbox, UIDVALIDITY, UID) makes a second taking fail and roll its request back. Only a
 * deferred record may become a taken one.
 */
async function recordTaken(
  tx: Tx,
  key: MessageKey,
  outcome: 'request' | 'reply',
  requestId: string,
  messageIdHash: string | null,
): Promise<void> {
  const inserted = await tx
    .insert(mailboxImapMessages)
    .values({ ...key, outcome, requestId, messageIdHash })
    .onConflictDoUpdate({
      target: [mailboxImapMessages.mailboxId, mailboxImapMessages.uidValidity, mailboxImapMessages.uid],
      set: { outcome, requestId, messageIdHash, detail: null, retryAfter: null },
      setWhere: eq(mailboxImapMessages.outcome, 'deferred'),
    })
    .returning({ uid: mailboxImapMessages.uid });
  if (inserted.length === 0) throw new AlreadyTaken();
}

/** Records a message left in the mailbox (refused, too large) or put off (deferred until `retryAfter`). */
async function recordLeft(
  executor: Executor,
  key: MessageKey,
  outcome: 'refused' | 'too_large' | 'deferred',
  detail: string,
  messageIdHash: string | null,
  retryAfter: Date | null = null,
): Promise<void> {
  await executor
    .insert(mailboxImapMessages)
    .values({ ...key, outcome, detail, messageIdHash, retryAfter })
    .onConflictDoUpdate({
      target: [mailboxImapMessages.mailboxId, mailboxImapMessages.uidValidity, mailboxImapMessages.uid],
      set: { outcome, detail, retryAfter },
      setWhere: eq(mailboxImapMessages.outcome, 'deferred'),
    });
}

const hashMessageId = (messageId: string | undefined) =>
  messageId ? crypto.createHash('sha256').update(messageId.trim().toLowerCase()).digest('base64url') : null;

type Taken = 'request' | 'reply' | 'refused' | 'deferred' | 'failed' | 'duplicate';

/**
 * One downloaded message through the SMTP listener's pipeline: a reply to a signed address
 * threads into its request, anything else becomes a request of the mailbox; its record is
 * written in that same transaction.
 */
async function takeMessage(
  ctx: RequestsContext,
  target: MailboxTarget,
  key: MessageKey,
  sender: string,
  raw: Buffer,
  messageIdHash: string | null,
  log: Logger,
): Promise<Taken> {
  try {
    const mail = await parseMail(raw);
    const automatic = automaticReason(mail);
    if (automatic) {
      await recordLeft(ctx.database.db, key, 'refused', `Refusé : ${automatic}`, messageIdHash);
      return 'refused';
    }
    const requestId = await replyTarget(ctx, mail);
    if (requestId)
      await threadReply(ctx, requestId, sender, mail, {
        actor: IMAP_ACTOR,
        alongside: (tx) => recordTaken(tx, key, 'reply', requestId, messageIdHash),
      });
    else {
      const message = await readMailRequest(ctx, target, sender, mail);
      await withTransaction(ctx.database.db, async (tx) => {
        const { id } = await createRequestFromMail(ctx, tx, IMAP_ACTOR, message);
        await recordTaken(tx, key, 'request', id, messageIdHash);
      });
    }
    return requestId ? 'reply' : 'request';
  } catch (error) {
    if (error instanceof AlreadyTaken) return 'duplicate';
    if (error instanceof TooManyRequestsError) {
      await recordLeft(
        ctx.database.db,
        key,
        'deferred',
        `Reporté : ${error.detail}`,
        messageIdHash,
        new Date(Date.now() + error.retryAfterSeconds * 1000),
      );
      return 'deferred';
    }
    if (error instanceof AppError) {
      await recordLeft(ctx.database.db, key, 'refused', `Refusé : ${error.detail}`, messageIdHash);
      return 'refused';
    }
    // Anything else (the database, a broken message): not recorded, tried again next run.
    log.error({ err: error, mailboxId: key.mailboxId, uid: key.uid }, 'imap fetch: message not recorded');
    return 'failed';
  }
}

/** Unseen messages not yet settled: never taken, or deferred and due again. */
async function candidates(
  ctx: RequestsContext,
  mailboxId: string,
  uidValidity: number,
  unseen: number[],
): Promise<{ todo: number[]; taken: number[] }> {
  const known = new Map<number, { outcome: string; retryAfter: Date | null }>();
  for (let start = 0; start < unseen.length; start += 1000) {
    const slice = unseen.slice(start, start + 1000);
    const rows = await ctx.database.db
      .select({
        uid: mailboxImapMessages.uid,
        outcome: mailboxImapMessages.outcome,
        retryAfter: mailboxImapMessages.retryAfter,
      })
      .from(mailboxImapMessages)
      .where(
        and(
          eq(mailboxImapMessages.mailboxId, mailboxId),
          eq(mailboxImapMessages.uidValidity, uidValidity),
          inArray(mailboxImapMessages.uid, slice),
        ),
      );
    for (const row of rows) known.set(row.uid, row);
  }
  const now = Date.now();
  const todo: number[] = [];
  const taken: number[] = [];
  for (const uid of unseen) {
    const row = known.get(uid);
    if (!row || (row.outcome === 'deferred' && (!row.retryAfter || row.retryAfter.getTime() <= now))) todo.push(uid);
    else if (row.outcome === 'request' || row.outcome === 'reply') taken.push(uid);
  }
  return { todo, taken };
}

/** The first message of this mailbox with the same Message-ID, if one was taken (a rebuilt server gives new UIDs). */
async function takenMessageId(ctx: RequestsContext, mailboxId: string, messageIdHash: string | null) {
  if (!messageIdHash) return undefined;
  const [row] = await ctx.database.db
    .select({ outcome: mailboxImapMessages.outcome, requestId: mailboxImapMessages.requestId })
    .from(mailboxImapMessages)
    .where(
      and(
        eq(mailboxImapMessages.mailboxId, mailboxId),
        eq(mailboxImapMessages.messageIdHash, messageIdHash),
        inArray(mailboxImapMessages.outcome, ['request', 'reply']),
      ),
    )
    .limit(1);
  return row;
}

async function runFetch(ctx: RequestsContext, source: SourceRow, target: MailboxTarget, log: Logger): Promise<string> {
  const tally: Tally = {
    request: 0,
    reply: 0,
    refused: 0,
    tooLarge: 0,
    deferred: 0,
    failed: 0,
    repaired: 0,
    waiting: 0,
  };
  const client = new ImapFlow(clientOptions(ctx, source));
  // Errors also come as events (a dropped socket): the pending command rejects, the event must not crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const lock = await client.getMailboxLock(source.folder);
    try {
      const box = client.mailbox;
      if (!box) throw new Error('no mailbox selected');
      const uidValidity = Number(box.uidValidity);
      const unseen = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      const { todo, taken } = await candidates(ctx, source.mailboxId, uidValidity, unseen);
      // Taken in an earlier run that stopped before flagging them: flagged now, nothing created again.
      if (taken.length) await client.messageFlagsAdd(taken.join(','), ['\\Seen'], { uid: true });
      tally.repaired = taken.length;
      const batch = todo.slice(0, ctx.settings.inbound.imapMaxPerRun);
      tally.waiting = todo.length - batch.length;
      const metas: FetchMessageObject[] = [];
      if (batch.length)
        for await (const message of client.fetch(
          batch.join(','),
          { uid: true, size: true, envelope: true },
          { uid: true },
        ))
          metas.push(message);
      metas.sort((a, b) => a.uid - b.uid);
      for (const meta of metas) {
        const key = { mailboxId: source.mailboxId, uidValidity, uid: meta.uid };
        const messageIdHash = hashMessageId(meta.envelope?.messageId);
        const sender = (meta.envelope?.from?.[0]?.address ?? '').trim().toLowerCase();
        if ((meta.size ?? 0) > ctx.settings.inbound.maxBytes) {
          await recordLeft(
            ctx.database.db,
            key,
            'too_large',
            `Message de ${Math.ceil((meta.size ?? 0) / 1024 / 1024)} Mo : ` +
              `${Math.round(ctx.settings.inbound.maxBytes / 1024 / 1024)} Mo au plus ` +
              `(INBOUND_SMTP_MAX_BYTES).`,
            messageIdHash,
          );
          await client.messageFlagsAdd(String(meta.uid), ['\\Flagged'], { uid: true });
          tally.tooLarge++;
          continue;
        }
        if (!sender) {
          await recordLeft(ctx.database.db, key, 'refused', 'Refusé : message sans expéditeur.', messageIdHash);
          await client.messageFlagsAdd(String(meta.uid), ['\\Flagged'], { uid: true });
          tally.refused++;
          continue;
        }
        const earlier = await takenMessageId(ctx, source.mailboxId, messageIdHash);
        if (earlier) {
          // The same message under another UID: recorded as taken by the first, flagged seen.
          await ctx.database.db
            .insert(mailboxImapMessages)
            .values({
              ...key,
              outcome: earlier.outcome,
              requestId: earlier.requestId,
              messageIdHash,
              detail: 'Déjà relevé (même Message-ID).',
            })
            .onConflictDoNothing();
          await client.messageFlagsAdd(String(meta.uid), ['\\Seen'], { uid: true });
          continue;
        }
        // The sender's hourly limit, checked before downloading (and counted again with the request).
        try {
          await assertUnderThrottle(ctx.database.db, senderKey(ctx, sender), senderRule(ctx));
        } catch (error) {
          if (!(error instanceof TooManyRequestsError)) throw error;
          await recordLeft(
            ctx.database.db,
            key,
            'deferred',
            `Reporté : ${error.detail}`,
            messageIdHash,
            new Date(Date.now() + error.retryAfterSeconds * 1000),
          );
          tally.deferred++;
          continue;
        }
        const downloaded = await client.fetchOne(String(meta.uid), { source: true }, { uid: true });
        if (!downloaded || !downloaded.source) {
          tally.failed++;
          continue;
        }
        const outcome = await takeMessage(ctx, target, key, sender, downloaded.source, messageIdHash, log);
        if (outcome === 'request' || outcome === 'reply' || outcome === 'duplicate')
          await client.messageFlagsAdd(String(meta.uid), ['\\Seen'], { uid: true });
        else if (outcome === 'refused') await client.messageFlagsAdd(String(meta.uid), ['\\Flagged'], { uid: true });
        if (outcome === 'request') tally.request++;
        else if (outcome === 'reply') tally.reply++;
        else if (outcome === 'refused') tally.refused++;
        else if (outcome === 'deferred') tally.deferred++;
        else if (outcome === 'failed') tally.failed++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return summarise(tally);
}

/**
 * Fetches one mailbox now: claims it (a lease, so that two workers, or the job and the
 * « Relever maintenant » button, never fetch it together), takes its unseen messages and
 * records the outcome on the mailbox: the summary and time of a success, or the error in
 * French, with whatever `alongside` writes in that same transaction. Never throws for the IMAP
 * server's failures.
 */
export async function fetchMailbox(
  ctx: RequestsContext,
  mailboxId: string,
  log: Logger,
  alongside?: (tx: Tx, result: FetchOutcome) => Promise<void>,
): Promise<FetchResult> {
  const db = ctx.database.db;
  const [source] = await db
    .update(mailboxImapSources)
    .set({ leaseUntil: LEASE })
    .where(
      and(
        eq(mailboxImapSources.mailboxId, mailboxId),
        or(isNull(mailboxImapSources.leaseUntil), lt(mailboxImapSources.leaseUntil, sql`now()`)),
      ),
    )
    .returning();
  if (!source) {
    const [exists] = await db
      .select({ id: mailboxImapSources.mailboxId })
      .from(mailboxImapSources)
      .where(eq(mailboxImapSources.mailboxId, mailboxId));
    return exists ? { status: 'busy' } : { status: 'not-configured' };
  }
  // The run's outcome on the mailbox and the caller's record of it (the route's audit event) commit together.
  const release = async (values: Partial<SourceRow>, result: FetchOutcome) => {
    await withTransaction(db, async (tx) => {
      await tx
        .update(mailboxImapSources)
        .set({ ...values, lastRunAt: new Date(), leaseUntil: null })
        .where(eq(mailboxImapSources.mailboxId, mailboxId));
      await alongside?.(tx, result);
    });
    return result;
  };
  let summary: string;
  try {
    const mailbox = await findMailboxById(db, mailboxId);
    if (!mailbox) throw new Error('mailbox gone');
    summary = await runFetch(
      ctx,
      source,
      { kind: 'mailbox', address: mailbox.address, sectorId: mailbox.sectorId, departmentId: mailbox.departmentId },
      log,
    );
  } catch (error) {
    const message = describeImapError(error, source);
    // Our sentence and the error's code, never the options the client was built with; the error
    // itself only when unexplained (the library masks the password in the commands it reports).
    const unexplained = message.startsWith('Erreur pendant');
    log.warn(
      {
        mailboxId,
        host: source.host,
        port: source.port,
        code: (error as { code?: string }).code,
        error: message,
        ...(unexplained ? { err: error } : {}),
      },
      'imap fetch failed',
    );
    return release({ lastError: message }, { status: 'failed', error: message });
  }
  if (summary !== 'Aucun nouveau message.') log.info({ mailboxId, summary }, 'imap fetch done');
  return release({ lastSuccessAt: new Date(), lastError: null, lastSummary: summary }, { status: 'done', summary });
}

/**
 * « Relever maintenant »: the job's run for this mailbox, now, audited in the transaction that
 * records its outcome on the mailbox; answered with the mailbox's new status (an IMAP failure is
 * in `imap.lastError`). No IMAP source, or a run already going on: 409.
 */
export async function fetchMailboxNow(
  ctx: RequestsContext,
  actor: UserActor,
  mailboxId: string,
  log: Logger,
): Promise<Mailbox> {
  const result = await fetchMailbox(ctx, mailboxId, log, (tx, outcome) =>
    recordAudit(tx, actor, {
      action: 'request.mailbox.imap.fetched',
      recordType: 'sector_mailbox',
      recordId: mailboxId,
      details: outcome.status === 'done' ? { summary: outcome.summary } : { error: outcome.error },
    }),
  );
  if (result.status === 'not-configured')
    throw new ConflictError('Cette adresse n’est pas relevée par IMAP : configurez d’abord le serveur.');
  if (result.status === 'busy')
    throw new ConflictError('Un relevé de cette boîte est déjà en cours : réessayez dans un instant.');
  return mailboxById(ctx.database.db, mailboxId);
}

/** The job: every mailbox with an IMAP source, one after the other. */
export async function fetchAllMailboxes(ctx: RequestsContext, log: Logger): Promise<void> {
  const rows = await ctx.database.db.select({ id: mailboxImapSources.mailboxId }).from(mailboxImapSources);
  for (const row of rows) await fetchMailbox(ctx, row.id, log);
}

/** How long a taken message is remembered: past that, a message still in its folder was long seen. */
export const IMAP_RECORD_DAYS = 400;

/** Retention: forgets the records of messages taken more than IMAP_RECORD_DAYS ago, a batch at a time. */
export async function purgeImapRecords(db: Executor, now: Date): Promise<number> {
  const m = mailboxImapMessages;
  const cutoff = new Date(now.getTime() - IMAP_RECORD_DAYS * 86_400_000).toISOString();
  return purgeInBatches(async (limit) => {
    const batch = sql`select ${m.mailboxId}, ${m.uidValidity}, ${m.uid} from ${m} where ${m.createdAt} < ${cutoff}::timestamptz limit ${limit}`;
    const purged = await db
      .delete(m)
      .where(sql`(${m.mailboxId}, ${m.uidValidity}, ${m.uid}) in (${batch})`)
      .returning({ uid: m.uid });
    return purged.length;
  });
}
