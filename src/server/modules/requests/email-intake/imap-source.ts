import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { NotFoundError, UnprocessableError } from '../../../platform/errors.ts';
import type { Mailbox, MailboxImapInput } from '../../../../shared/requests/attachments.schemas.ts';
import { createSecretBox, type SecretBox } from '../../identity/index.ts';
import { mailboxImapSources, sectorMailboxes } from '../attachments/request-attachments.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { findMailboxById, mailboxById } from './mailboxes.ts';

/**
 * The box sealing IMAP passwords at rest: AES-256-GCM as for TOTP secrets, under a key of its
 * own derived (HKDF) from the module's key, itself derived from SECRET_KEY. A dump of the
 * database alone does not give the mailboxes' passwords.
 */
export const imapPasswordBox = (ctx: Pick<RequestsContext, 'key'>): SecretBox =>
  createSecretBox(Buffer.from(crypto.hkdfSync('sha256', ctx.key, Buffer.alloc(0), 'imap-password', 32)));

/** Plain IMAP (no TLS) only to the machine itself: the tests' local server, or a local relay. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Sets (or changes) where a mailbox is fetched by IMAP. A password left out keeps the stored
 * one; a first configuration needs one. A change of server, account, password or folder clears
 * the last run's status, which described the former source. Audited without the password.
 */
export async function configureImapSource(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  mailboxId: string,
  input: MailboxImapInput,
): Promise<Mailbox> {
  const host = input.host.trim().toLowerCase();
  if (input.security === 'none' && !LOCAL_HOSTS.has(host)) {
    throw new UnprocessableError(
      'Sans chiffrement, seul un serveur local (127.0.0.1 ou localhost) est accepté : choisissez TLS ou STARTTLS.',
      [{ pointer: '/security', message: 'TLS ou STARTTLS pour un serveur distant.' }],
    );
  }
  const folder = input.folder?.trim() || 'INBOX';
  const user = input.user.trim();
  return withTransaction(executor, async (tx) => {
    const [mailbox] = await tx
      .select({ id: sectorMailboxes.id })
      .from(sectorMailboxes)
      .where(eq(sectorMailboxes.id, mailboxId))
      .for('update');
    if (!mailbox) throw new NotFoundError();
    const [existing] = await tx.select().from(mailboxImapSources).where(eq(mailboxImapSources.mailboxId, mailboxId));
    if (!input.password && !existing)
      throw new UnprocessableError('Indiquez le mot de passe de la boîte aux lettres.', [
        { pointer: '/password', message: 'Mot de passe requis.' },
      ]);
    const values = {
      host,
      port: input.port,
      security: input.security,
      username: user,
      folder,
      passwordSealed: input.password ? imapPasswordBox(ctx).seal(input.password) : existing!.passwordSealed,
      updatedBy: actor.id,
      updatedAt: new Date(),
    };
    const changed =
      !existing ||
      !!input.password ||
      existing.host !== host ||
      existing.port !== input.port ||
      existing.security !== input.security ||
      existing.username !== user ||
      existing.folder !== folder;
    const reset = changed ? { lastRunAt: null, lastSuccessAt: null, lastError: null, lastSummary: null } : {};
    await tx
      .insert(mailboxImapSources)
      .values({ mailboxId, ...values })
      .onConflictDoUpdate({ target: mailboxImapSources.mailboxId, set: { ...values, ...reset } });
    await recordAudit(tx, actor, {
      action: existing ? 'request.mailbox.imap.updated' : 'request.mailbox.imap.configured',
      recordType: 'sector_mailbox',
      recordId: mailboxId,
      details: { host, port: input.port, security: input.security, user, folder, passwordChanged: !!input.password },
    });
    return mailboxById(tx, mailboxId);
  });
}

/** Stops fetching a mailbox by IMAP (the SMTP listener still receives it). The record of taken messages stays, so a later configuration of the same account takes nothing twice. */
export async function removeImapSource(executor: Executor, actor: UserActor, mailboxId: string): Promise<void> {
  await withTransaction(executor, async (tx) => {
    if (!(await findMailboxById(tx, mailboxId))) throw new NotFoundError();
    const [removed] = await tx
      .delete(mailboxImapSources)
      .where(eq(mailboxImapSources.mailboxId, mailboxId))
      .returning({ host: mailboxImapSources.host, user: mailboxImapSources.username });
    if (removed)
      await recordAudit(tx, actor, {
        action: 'request.mailbox.imap.removed',
        recordType: 'sector_mailbox',
        recordId: mailboxId,
        details: { host: removed.host, user: removed.user },
      });
  });
}
