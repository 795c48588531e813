import { useAsync } from '../../app/hooks.ts';
import { attachmentContracts } from '../../../shared/requests/attachments.contracts.ts';
import { call, urlOf } from '../../client/call.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';

const TYPE_LABELS: Record<string, string> = {
  'image/jpeg': 'photo JPEG',
  'image/png': 'image PNG',
  'image/webp': 'image WebP',
  'application/pdf': 'PDF',
};
const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`;

/** The request's photos and files, as downloads (never shown inline: the server sends them as attachments). */
export function RequestAttachments({ requestId }: { requestId: string }) {
  const files = useAsync(
    () => call(attachmentContracts.list, { params: { id: requestId } }).then((r) => r.items),
    [requestId],
  );
  if (!files.data?.length && !files.error) return null;
  return (
    <>
      <h2 className="fr-h4 fr-mt-4w">Pièces jointes</h2>
      <ErrorMessage message={files.error} />
      <ul data-testid="pieces-jointes">
        {files.data?.map((file) => (
          <li key={file.id}>
            <a
              className="fr-link fr-link--download"
              href={urlOf(attachmentContracts.download, { params: { id: requestId, attachmentId: file.id } })}
              download={file.filename}
            >
              {file.filename}
              <span className="fr-link__detail">
                {TYPE_LABELS[file.mediaType] ?? file.mediaType} – {size(file.size)}
                {file.source === 'email' ? ' – reçue par e-mail' : ''}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
