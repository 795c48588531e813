import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/attachments.schemas.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestPath } from '../request-access.ts';
import {
  AttachmentTooLargeError,
  checkAttachment,
  listAttachments,
  loadAttachment,
  MAX_ATTACHMENTS,
  PHOTO_TYPES,
  stageUpload,
} from './request-attachments.ts';
import { hitThrottle, sourceKey } from '../../../platform/throttle/throttle.ts';

const tags = ['Demandes (pièces jointes)'];

/**
 * Photos of the public form (uploaded one by one before the request names them) and the staff's
 * access to a request's attachments, always as a download, never rendered by the browser.
 */
export async function attachmentRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  const maxBytes = ctx.settings.attachmentMaxBytes;
  const uploadRule = {
    limit: ctx.settings.perIp * MAX_ATTACHMENTS,
    windowSeconds: ctx.settings.windowMinutes * 60,
    message: 'Trop de photos envoyées depuis votre connexion.',
  };

  // The raw photo is the body: parsers for the three image types only, in this scope.
  await app.register(async (scope) => {
    scope.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    r.post(
      '/api/requests/uploads',
      {
        config: { access: 'public' },
        bodyLimit: maxBytes,
        // Before a byte of the body is read: an announced size over the limit, then the per-address count.
        onRequest: async (request) => {
          if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw new AttachmentTooLargeError(maxBytes);
          await hitThrottle(db, `upload:${sourceKey(ctx.key, request.ip)}`, uploadRule);
        },
        schema: {
          tags,
          summary: 'Envoyer une photo pour le formulaire (corps brut image/jpeg, image/png ou image/webp)',
          querystring: s.UploadQuery,
          response: { 201: s.UploadReceipt, ...ProblemResponses },
        },
      },
      async (request, reply) => {
        // Other bodies (JSON, forms) reach here parsed by the app's own parsers.
        if (!Buffer.isBuffer(request.body))
          throw new AppError(
            415,
            'type-non-supporte',
            'Type de contenu non pris en charge',
            'Envoyez la photo elle-même, de type image/jpeg, image/png ou image/webp.',
          );
        const file = await checkAttachment(request.body, request.query.filename, PHOTO_TYPES, maxBytes);
        reply.header('cache-control', 'no-store');
        return reply.code(201).send(await stageUpload(db, file));
      },
    );
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const readAccess = {
    access: {
      permission: 'requests.read' as const,
      territory: (request: FastifyRequest) => requestPath(db, request.actor, (request.params as { id: string }).id),
    },
  };

  r.get(
    '/api/requests/:id/attachments',
    {
      config: readAccess,
      schema: {
        tags,
        summary: 'Pièces jointes d’une demande',
        params: IdParams,
        response: { 200: s.AttachmentList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: await listAttachments(db, request.params.id) }),
  );

  r.get(
    '/api/requests/:id/attachments/:attachmentId',
    {
      config: readAccess,
      schema: {
        tags,
        summary: 'Télécharger une pièce jointe (toujours en téléchargement)',
        params: s.AttachmentParams,
      },
    },
    async (request, reply) => {
      const file = await loadAttachment(db, request.params.id, request.params.attachmentId);
      await recordAudit(db, request.actor, {
        action: 'request.attachment.read',
        recordType: 'request',
        recordId: request.params.id,
        reason: 'GET /api/requests/:id/attachments/:attachmentId',
        details: { attachmentId: file.id },
      });
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', file.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
}
