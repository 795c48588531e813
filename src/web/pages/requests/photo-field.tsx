import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useRef, useState } from 'react';
import type { UploadReceipt } from '../../../shared/requests/attachments.schemas.ts';
import { errorMessage } from '../../client/http.ts';
import { call } from '../../client/call.ts';
import { attachmentContracts } from '../../../shared/requests/attachments.contracts.ts';
import { fieldState } from '../../forms/fields.ts';

const MAX_PHOTOS = 5;
const INPUT_ID = 'photos';

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024)).toLocaleString('fr-FR')} Ko`;

/**
 * « Photos (facultatif) » of the public form: each chosen photo is sent at once (the server checks
 * its type and strips its position), listed with a button to remove it; refusals appear under
 * the field. The parent gets the upload ids for `attachmentIds` and knows when sending is under way.
 */
export function PhotoField({
  onChange,
  onBusy,
  serverError,
}: {
  onChange: (ids: string[]) => void;
  onBusy: (busy: boolean) => void;
  serverError?: string;
}) {
  const [photos, setPhotos] = useState<UploadReceipt[]>([]);
  // What each choice refused (too many photos, a file the server would not take), file by file.
  const [refusals, setRefusals] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  // A refusal of the request itself (an expired photo) shows here too.
  const shown = (serverError ? [...refusals, serverError] : refusals).join(' ');
  const input = useRef<HTMLInputElement | null>(null);

  const update = (next: UploadReceipt[]) => {
    setPhotos(next);
    onChange(next.map((p) => p.uploadId));
  };

  async function choose(files: FileList | null) {
    if (!files || files.length === 0) return;
    const chosen = [...files];
    const room = MAX_PHOTOS - photos.length;
    const refused: string[] =
      chosen.length > room
        ? [`${MAX_PHOTOS} photos au plus : ${chosen.length - Math.max(0, room)} photo(s) non ajoutée(s).`]
        : [];
    const added: UploadReceipt[] = [];
    onBusy(true);
    setStatus('Envoi des photos en cours…');
    for (const file of chosen.slice(0, Math.max(0, room))) {
      try {
        added.push(await call(attachmentContracts.upload, { query: { filename: file.name }, body: file }));
      } catch (cause) {
        refused.push(`« ${file.name} » : ${errorMessage(cause)}`);
      }
    }
    update([...photos, ...added]);
    setRefusals(refused);
    setStatus(added.length ? `${added.length} photo(s) ajoutée(s).` : '');
    onBusy(false);
    if (input.current) input.current.value = '';
  }

  function remove(photo: UploadReceipt) {
    update(photos.filter((p) => p.uploadId !== photo.uploadId));
    setStatus(`Photo « ${photo.filename} » retirée.`);
    input.current?.focus();
  }

  return (
    <div className="fr-mb-3w">
      <Upload
        label="Photos (facultatif)"
        hint={
          `Jusqu’à ${MAX_PHOTOS} photos JPEG, PNG ou WebP de 10 Mo au plus. Leur ` +
          `position GPS et les informations de l’appareil sont effacées à l’envoi.`
        }
        multiple
        {...fieldState(shown || undefined)}
        nativeInputProps={{
          id: INPUT_ID,
          ref: input,
          name: 'photos',
          accept: 'image/jpeg,image/png,image/webp',
          // react-dsfr points aria-describedby at the error message even when there is none.
          'aria-describedby': shown ? `${INPUT_ID}-desc-error` : undefined,
          disabled: photos.length >= MAX_PHOTOS,
          onChange: (e) => void choose(e.target.files),
        }}
      />
      {photos.length > 0 && (
        <ul className="fr-mt-1w" aria-label="Photos ajoutées">
          {photos.map((photo) => (
            <li key={photo.uploadId}>
              {photo.filename} ({kilobytes(photo.size)}){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                iconId="fr-icon-delete-line"
                onClick={() => remove(photo)}
                title={`Retirer ${photo.filename}`}
              >
                Retirer
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p className="fr-text--sm fr-mb-0" aria-live="polite" role="status">
        {status}
      </p>
    </div>
  );
}
