import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './attachments.schemas.ts';

const tags = ['Demandes (pièces jointes)'];
const READ = { permission: 'requests.read' } as const;
const WHO_READS =
  'Réservé aux agents qui lisent les demandes (référents, administrateurs) du ' +
  'territoire de la demande ; une demande confidentielle ne l’est qu’à son ' +
  'agent assigné et aux administrateurs qui la couvrent. Pour tout autre, 404 ' +
  'comme une demande inconnue.';

/** Photos of the public form, uploaded one by one, and the staff's access to a request's files. */
export const attachmentContracts = {
  upload: defineContract({
    method: 'POST',
    path: '/api/requests/uploads',
    tags,
    summary: 'Envoyer une photo pour le formulaire (corps brut image/jpeg, image/png ou image/webp)',
    description:
      'Une photo du formulaire public, envoyée seule comme corps brut ' +
      '(`Content-Type: image/jpeg`, `image/png` ou `image/webp` ; tout autre ' +
      'corps, JSON compris : 415), avant l’envoi de la demande. Le type est ' +
      'reconnu d’après le contenu, jamais d’après le nom ni le `Content-Type` : un ' +
      'exécutable renommé `.jpg`, une image endommagée ou un autre format : 422 en ' +
      'français. Les métadonnées (Exif avec la position GPS, XMP, commentaires…) ' +
      'sont retirées avant l’enregistrement. Le nom (`filename`, 200 caractères au ' +
      'plus) est nettoyé : sans chemin ni caractère de balisage, avec l’extension ' +
      'du type reconnu. Taille : `REQUEST_ATTACHMENT_MAX_BYTES` au plus (10 Mo par ' +
      'défaut) ; au-delà, 413 en français, une taille annoncée (`Content-Length`) ' +
      'trop grande étant refusée avant la lecture du corps et sans être comptée. ' +
      'Limite par adresse source : 5 × `REQUESTS_PER_IP` envois par fenêtre de ' +
      '`REQUESTS_WINDOW_MINUTES` ; au-delà, 429 avec `Retry-After`, avant la ' +
      'lecture du corps. 201 `{ uploadId, filename, mediaType, size, expiresAt }` ' +
      '(`Cache-Control: no-store`) : l’envoi est gardé 1 h ; il faut le nommer ' +
      'dans `attachmentIds` (5 au plus) de `POST /api/requests`, qui le rattache ' +
      'une seule fois ; un identifiant inconnu, expiré ou déjà utilisé refuse la ' +
      'demande (422). Les envois jamais rattachés sont effacés par la tâche de ' +
      'conservation après une heure.',
    access: 'public',
    query: s.UploadQuery,
    bodyFormat: 'binary',
    responses: { 201: s.UploadReceipt },
  }),
  list: defineContract({
    method: 'GET',
    path: '/api/requests/:id/attachments',
    tags,
    summary: 'Pièces jointes d’une demande',
    description:
      `Les fichiers de la demande, du plus ancien au plus récent : \`id\`, ` +
      `\`filename\` (nettoyé, avec l’extension du type reconnu), \`mediaType\`, ` +
      `\`size\`, \`source\` (\`web\` : photo du formulaire ; \`email\` : pièce ` +
      `jointe d’un message reçu), \`createdAt\`. ${WHO_READS}`,
    access: READ,
    params: IdParams,
    responses: { 200: s.AttachmentList },
  }),
  download: defineContract({
    method: 'GET',
    path: '/api/requests/:id/attachments/:attachmentId',
    tags,
    summary: 'Télécharger une pièce jointe (toujours en téléchargement)',
    description:
      `Le fichier, dans son type (\`image/jpeg\`, \`image/png\`, \`image/webp\` ou ` +
      `\`application/pdf\`), jamais affiché par le navigateur : ` +
      `\`Content-Disposition: attachment\` (nom ASCII et \`filename*\` UTF-8), ` +
      `\`X-Content-Type-Options: nosniff\`, \`Content-Security-Policy: default-src ` +
      `'none'; sandbox\`, \`Cache-Control: private, no-store\`. Une pièce jointe ` +
      `inconnue ou d’une autre demande : 404 « Pièce jointe introuvable. ». ` +
      `${WHO_READS} Chaque téléchargement est inscrit au journal d’audit ` +
      `(\`request.attachment.read\`, la demande et l’identifiant de la pièce ` +
      `jointe).`,
    access: READ,
    params: s.AttachmentParams,
    responses: { 200: s.AttachmentFile },
    produces: 'application/octet-stream',
  }),
};
