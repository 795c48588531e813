import type { FastifyInstance } from 'fastify';
import { attachmentContracts as c } from '../../../../shared/requests/attachments.contracts.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestPath } from '../request-access.ts';
import {
  AttachmentTooLargeError,
  downloadHeaders,
  listAttachments,
  loadAttachment,
  MAX_ATTACHMENTS,
  PHOTO_TYPES,
  uploadPhoto,
} from './request-attachments.ts';

/**
 * Photos of the public form (uploaded one by one before the request names them) and the staff's
 * access to a request's attachments, always as a download, never rendered by the browser.
 */
export async function attachmentRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  const maxBytes = ctx.settings.attachmentMaxBytes;
  // The request's place, for the access check (a confidential one only for its assignee and covering admins).
  const ofRequest = async ({ actor, params }: { actor: Actor; params: { id: string } }) => {
    const path = await requestPath(db, actor, params.id);
    return path && { path, record: params.id };
  };

  // The raw photo is the body: parsers for the three image types only, in this scope.
  await app.register(async (scope) => {
    scope.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    serve(scope, c.upload, {
      bodyLimit: maxBytes,
      // An announced size over the limit is refused before a byte is read, and before it is counted.
      bodyTooLarge: () => new AttachmentTooLargeError(maxBytes),
      rateLimit: {
        name: 'upload',
        per: 'ip',
        limit: ctx.settings.perIp * MAX_ATTACHMENTS,
        windowSeconds: ctx.settings.windowMinutes * 60,
        message: 'Trop de photos envoyées depuis votre connexion.',
      },
      handle: async ({ body, query, reply }) => {
        reply.header('cache-control', 'no-store');
        return uploadPhoto(db, body, query.filename, maxBytes);
      },
    });
  });

  serve(app, c.list, {
    load: ofRequest,
    handle: async ({ params }) => ({ items: await listAttachments(db, params.id) }),
  });

  serve(app, c.download, {
    load: ofRequest,
    auditRead: {
      action: 'request.attachment.read',
      recordType: 'request',
      ids: (_file, requestId) => requestId,
      details: (_file, _requestId, { params }) => ({ attachmentId: params.attachmentId }),
    },
    handle: async ({ params, reply }) => {
      const file = await loadAttachment(db, params.id, params.attachmentId);
      reply.headers(downloadHeaders(file));
      return file.bytes;
    },
  });
}
