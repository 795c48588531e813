import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import type { AlertDetail } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm, type FormState } from '../../forms/use-form.ts';

const TEXT_MAX = 320;

/** « Envoyer une mise à jour » and « Clore l'alerte » (open alerts only): both go by SMS and in the app to everyone already alerted. */
export function AlertManageForms({ alert, onChanged }: { alert: AlertDetail; onChanged: () => void }) {
  const action = useForm();
  return (
    <section className="fr-mt-4w" aria-labelledby="gestion-titre">
      <h2 id="gestion-titre">Suivi de l’alerte</h2>
      <ErrorMessage message={action.general} />
      <SuccessMessage message={action.success} />
      <UpdateForm alertId={alert.id} action={action} onChanged={onChanged} />
      <CloseForm alertId={alert.id} action={action} onChanged={onChanged} />
    </section>
  );
}

function UpdateForm({ alertId, action, onChanged }: { alertId: string; action: FormState; onChanged: () => void }) {
  const [text, setText] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return action.setGeneral('Écrivez le texte de la mise à jour.');
    const sent = await action.send(async () => {
      await call(alertContracts.update, { params: { id: alertId }, body: { text: trimmed } });
      onChanged();
    }, 'La mise à jour a été envoyée.');
    if (sent) setText('');
  }

  return (
    <form className="psq-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="mise-a-jour-titre">
      <h3 id="mise-a-jour-titre" className="fr-h5">
        Envoyer une mise à jour
      </h3>
      <Input
        label="Texte de la mise à jour"
        hintText={
          `Envoyé par SMS et dans l’application à toutes les personnes déjà alertées ` +
          `(${TEXT_MAX} caractères au plus).`
        }
        textArea
        nativeTextAreaProps={{
          name: 'mise-a-jour',
          rows: 3,
          maxLength: TEXT_MAX,
          value: text,
          onChange: (event) => setText(event.target.value),
        }}
      />
      <Button type="submit" iconId="fr-icon-refresh-line" disabled={action.busy}>
        Envoyer une mise à jour
      </Button>
    </form>
  );
}

/** Two steps without a modal: « Clore l'alerte », then an optional closing message and « Confirmer la clôture ». */
function CloseForm({ alertId, action, onChanged }: { alertId: string; action: FormState; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const trimmed = text.trim();
    const closed = await action.send(async () => {
      await call(alertContracts.close, { params: { id: alertId }, body: trimmed ? { text: trimmed } : {} });
      onChanged();
    }, 'L’alerte a été close.');
    if (closed) setOpen(false);
  }

  if (!open) {
    return (
      <Button
        className="fr-mt-3w"
        priority="secondary"
        iconId="fr-icon-close-circle-line"
        onClick={() => setOpen(true)}
      >
        Clore l’alerte
      </Button>
    );
  }
  return (
    <form
      className="psq-form fr-mt-3w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="cloture-titre"
    >
      <h3 id="cloture-titre" className="fr-h5">
        Clore l’alerte
      </h3>
      <Input
        label="Message de fin (facultatif)"
        hintText="Envoyé aux personnes alertées ; l’escalade s’arrête."
        textArea
        nativeTextAreaProps={{
          name: 'message-fin',
          rows: 2,
          maxLength: TEXT_MAX,
          value: text,
          onChange: (event) => setText(event.target.value),
          autoFocus: true,
        }}
      />
      <span className="psq-confirm">
        <Button type="submit" className="psq-danger" disabled={action.busy}>
          Confirmer la clôture
        </Button>
        <Button type="button" priority="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </span>
    </form>
  );
}
