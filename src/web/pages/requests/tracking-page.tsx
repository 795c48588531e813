import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  type TrackView,
} from '../../../shared/requests/requests.schemas.ts';
import { ApiError } from '../../client/http.ts';
import { call } from '../../client/call.ts';
import { trackingContracts } from '../../../shared/requests/tracking.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { StatusBadge } from './request-display.tsx';

const EVENT_LABELS: Record<TrackView['history'][number]['kind'], string> = {
  created: 'Demande reçue',
  status: 'Changement de statut',
  answer: 'Réponse des services',
  reply: 'Votre message',
  redirect: 'Transmise à un autre service',
};

/** `/suivi/:token`: where a resident's request stands, from the private link (no account). */
export function TrackingPage({ token }: { token: string }) {
  useDocumentTitle('Suivi de ma demande');
  const [view, setView] = useState<TrackView | null>(null);
  const loaded = useAsync(
    () => call(trackingContracts.track, { params: { token } }).then(setView, rethrowUnknown),
    [token],
  );

  if (loaded.loading && !view) return <Loading label="Chargement de votre demande…" />;
  if (!view) {
    return (
      <>
        <h1>Suivi de ma demande</h1>
        <ErrorMessage title="Impossible d’afficher la demande" message={loaded.error} />
        <p>
          <AppLink href="/signaler">Signaler un problème</AppLink>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Suivi de ma demande {view.reference}</h1>
      <p className="fr-text--lead">
        Statut : <StatusBadge status={view.status} />
      </p>
      <dl className="psq-request-facts">
        <dt>Catégorie</dt>
        <dd>{REQUEST_CATEGORY_LABELS[view.category]}</dd>
        <dt>Déposée le</dt>
        <dd>{formatDateTime(view.createdAt)}</dd>
        {view.sector && (
          <>
            <dt>Secteur</dt>
            <dd>{view.sector.name}</dd>
          </>
        )}
        <dt>Votre description</dt>
        <dd className="psq-pre">{view.description}</dd>
      </dl>
      <h2 className="fr-h4">Historique</h2>
      <ol className="psq-request-history" data-testid="historique">
        {view.history.map((event, index) => (
          <li key={index}>
            <strong>{EVENT_LABELS[event.kind]}</strong>
            {event.status && ` — ${REQUEST_STATUS_LABELS[event.status]}`}{' '}
            <span className="fr-text--sm">({formatDateTime(event.at)})</span>
            {event.text && <p className="psq-pre fr-mb-1w">{event.text}</p>}
          </li>
        ))}
      </ol>
      {view.canReply ? (
        <ReplyForm token={token} onDone={setView} />
      ) : (
        <p className="fr-text--sm">
          Cette demande est close : vous ne pouvez plus y répondre. Vous pouvez déposer une nouvelle demande.
        </p>
      )}
    </>
  );
}

function ReplyForm({ token, onDone }: { token: string; onDone: (view: TrackView) => void }) {
  const [text, setText] = useState('');
  const form = useForm();

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!form.check(text.trim() ? {} : { text: 'Écrivez votre message.' })) return;
    void form.send(async () => {
      onDone(await call(trackingContracts.reply, { params: { token }, body: { text: text.trim() } }));
      setText('');
    }, 'Votre message a été ajouté à la demande.');
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="repondre-titre">
      <h2 id="repondre-titre" className="fr-h4">
        Ajouter un message
      </h2>
      <SuccessMessage message={form.success} />
      <ErrorMessage message={form.general} />
      <Input
        label="Votre message"
        hintText="Une précision, un fait nouveau… Il est lu par les services qui traitent la demande."
        textArea
        {...fieldState(form.errors.text)}
        nativeTextAreaProps={{
          name: 'text',
          rows: 4,
          maxLength: 5000,
          value: text,
          onChange: (e) => setText(e.target.value),
        }}
      />
      <Button type="submit" disabled={form.busy}>
        Envoyer le message
      </Button>
    </form>
  );
}

/** A 404 on the link says « unknown link » in the resident's words; anything else as the server said it. */
function rethrowUnknown(cause: unknown): never {
  if (cause instanceof ApiError && cause.status === 404)
    throw new ApiError(
      404,
      'Ce lien de suivi ne correspond à aucune demande. Vérifiez qu’il est ' +
        'complet, tel qu’il figure dans l’e-mail reçu.',
      null,
    );
  throw cause;
}
