import { eq } from 'drizzle-orm';
import type { UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { BadRequestError, ConflictError, UnprocessableError } from '../../../platform/errors.ts';
import type { RequestAnswerCreate } from '../../../../shared/requests/requests.schemas.ts';
import { notify } from '../../notifications/index.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { lockRequest } from './request-handling.ts';
import { trackingToken, trackingUrl } from '../tracking/tracking-token.ts';
import { replyAddressFor } from '../email-intake/reply-address.ts';

export const ANSWER_NOTIFICATION_KIND = 'request.answer';

/** The SMS an answer makes (answer templates count its segments with the same wrapper). */
export const smsAnswerBody = (reference: string, text: string, link: string) =>
  `Police - demande ${reference} : ${text}\nSuivi : ${link}`;

/** An internal note: staff only, never on the tracking page. */
export async function addInternalNote(executor: Executor, actor: UserActor, id: string, text: string): Promise<void> {
  const body = text.trim();
  if (!body) throw new BadRequestError('La note est vide.', [{ pointer: '/text', message: 'Note vide.' }]);
  await withTransaction(executor, async (tx) => {
    await lockRequest(tx, id);
    await tx
      .insert(requestEvents)
      .values({ requestId: id, kind: 'note', visibility: 'internal', body, authorType: 'staff', authorId: actor.id });
    await recordAudit(tx, actor, {
      action: 'request.note',
      recordType: 'request',
      recordId: id,
      details: { length: body.length },
    });
  });
}

/**
 * Answers the resident by e-mail or SMS (outbox, same transaction) and shows the answer on the
 * tracking page. Signed by the service, never by the officer's name.
 */
export async function answerRequest(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  id: string,
  input: RequestAnswerCreate,
  now = new Date(),
): Promise<void> {
  const text = input.text.trim();
  if (!text) throw new BadRequestError('La réponse est vide.', [{ pointer: '/text', message: 'Réponse vide.' }]);
  await withTransaction(executor, async (tx) => {
    const row = await lockRequest(tx, id);
    if (row.status === 'closed')
      throw new ConflictError(`La demande ${row.reference} est close : rouvrez-la pour répondre.`);
    if (row.noAnswerWanted) throw new ConflictError('Le demandeur a indiqué ne pas souhaiter de réponse.');
    const address = input.channel === 'email' ? row.contactEmail : row.contactPhone;
    if (!address)
      throw new UnprocessableError(
        input.channel === 'email'
          ? 'Le demandeur n’a pas laissé d’adresse e-mail.'
          : 'Le demandeur n’a pas laissé de numéro de téléphone.',
        [{ pointer: '/channel', message: 'Coordonnée absente.' }],
      );
    const link = trackingUrl(ctx.publicUrl, trackingToken(ctx.key, row.id));
    const result = await notify(tx, ctx.jobs(), actor, {
      kind: ANSWER_NOTIFICATION_KIND,
      subject: `Réponse à votre demande ${row.reference}`,
      body:
        input.channel === 'sms'
          ? smsAnswerBody(row.reference, text, link)
          : `Bonjour,\n\n${text}\n\nLes services de police de votre secteur\n\nSuivre ` +
            `votre demande ou répondre : ${link}`,
      recipients: [input.channel === 'email' ? { email: address } : { phone: address }],
      channels: [input.channel],
      // The resident may simply answer the e-mail: the signed Reply-To threads it into the request.
      ...(input.channel === 'email' && ctx.settings.inbound.replyAddress
        ? { replyTo: replyAddressFor(ctx.key, ctx.settings.inbound.replyAddress, row.id) }
        : {}),
    });
    await tx
      .update(requests)
      .set({ status: 'answered', answeredAt: now, acknowledgedAt: row.acknowledgedAt ?? now, updatedAt: now })
      .where(eq(requests.id, id));
    await tx.insert(requestEvents).values({
      requestId: id,
      kind: 'answer',
      visibility: 'resident',
      fromStatus: row.status,
      toStatus: 'answered',
      body: text,
      channel: input.channel,
      authorType: 'staff',
      authorId: actor.id,
      notificationId: result.notificationId,
    });
    await recordAudit(tx, actor, {
      action: 'request.answer',
      recordType: 'request',
      recordId: id,
      details: { channel: input.channel, notificationId: result.notificationId, fromStatus: row.status },
    });
  });
}
