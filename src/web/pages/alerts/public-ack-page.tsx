import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import type { AckView } from '../../../shared/alerts/alerts.schemas.ts';
import { ackContracts } from '../../../shared/alerts/ack.contracts.ts';
import { call } from '../../client/call.ts';
import { ApiError } from '../../client/http.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { kindLabels, SeverityBadge } from './alert-display.tsx';

const TITLE = 'Accusé de réception d’une alerte';
/** 8 random characters and 8 of signature (see AckParams): anything else cannot be a link we sent. */
const CODE_PATTERN = /^[0-9A-Za-z]{16}$/;

async function loadView(code: string): Promise<AckView> {
  if (!CODE_PATTERN.test(code)) throw new ApiError(404, 'Ce lien n’est pas complet ou a été modifié.', null);
  return call(ackContracts.view, { params: { code } }, { unauthorizedIsAnswer: true });
}

/**
 * `/a/:code`, the short link of the alert SMS. Opening it only shows the alert (a link previewer
 * must not acknowledge for the mayor); the button sends the acknowledgement. No session needed.
 */
export function PublicAckPage({ code }: { code: string }) {
  useDocumentTitle(TITLE);
  const view = useAsync(() => loadView(code), [code]);
  return (
    <>
      <h1>{TITLE}</h1>
      {view.loading && !view.data && <Loading />}
      {view.error && !view.data && (
        <>
          <ErrorMessage title="Ce lien ne permet pas d’accuser réception" message={view.error} />
          <p>
            Vérifiez que l’adresse ouverte est bien celle du SMS reçu, en entier. Si l’alerte est urgente, rappelez le
            service qui vous l’a envoyée.
          </p>
        </>
      )}
      {view.data && <AckBody code={code} view={view.data} onChanged={view.reload} />}
    </>
  );
}

function AckBody({ code, view, onChanged }: { code: string; view: AckView; onChanged: () => void }) {
  const { alert, commune, recipient } = view;
  const [result, setResult] = useState<{ severity: 'success' | 'info'; message: string } | null>(null);
  const ack = useForm();

  async function acknowledge(): Promise<void> {
    await ack.send(async () => {
      try {
        const answer = await call(ackContracts.acknowledgeByLink, { params: { code } }, { unauthorizedIsAnswer: true });
        setResult({ severity: answer.alreadyAcknowledged ? 'info' : 'success', message: answer.message });
        onChanged();
      } catch (cause) {
        // A 409 means the alert was closed meanwhile: show its new state.
        if (cause instanceof ApiError && cause.status === 409) onChanged();
        throw cause;
      }
    });
  }

  const updates = alert.messages.filter((message) => message.kind === 'update' || message.kind === 'close');
  return (
    <>
      <section aria-labelledby="alerte-titre" className="fr-mb-4w">
        <h2 id="alerte-titre" className="fr-h4">
          {kindLabels[alert.kind]} à {commune.name}
        </h2>
        <p className="psq-actions">
          <SeverityBadge severity={alert.severity} />
          <span>Envoyée le {formatDateTime(alert.createdAt)}</span>
        </p>
        <p className="fr-text--lead" data-testid="texte-alerte">
          {alert.text}
        </p>
        {updates.length > 0 && (
          <>
            <h3 className="fr-h6">Messages suivants</h3>
            <ul className="psq-compact-list">
              {updates.map((message) => (
                <li key={message.id}>
                  {formatDateTime(message.createdAt)} : {message.text}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="fr-text--sm">
          Destinataire : {recipient.name}, {recipient.role}.
        </p>
      </section>
      <div aria-live="polite">
        {result && <Alert severity={result.severity} title={result.message} as="h2" />}
        <ErrorMessage message={ack.general} />
      </div>
      {!result && recipient.acknowledgedAt && (
        <Alert
          severity="info"
          as="h2"
          title="Vous avez déjà accusé réception"
          description={`Le ${formatDateTime(recipient.acknowledgedAt)}. Merci : rien de plus à faire.`}
        />
      )}
      {!recipient.acknowledgedAt && alert.status === 'closed' && (
        <Alert
          severity="info"
          as="h2"
          title="Cette alerte est close"
          description={
            `Elle a été ` +
            `close${alert.closedAt ? ` le ${formatDateTime(alert.closedAt)}` : ''} : il ` +
            `n’est plus nécessaire d’accuser réception.`
          }
        />
      )}
      {!recipient.acknowledgedAt && alert.status === 'open' && (
        <Button
          size="large"
          iconId="fr-icon-checkbox-circle-line"
          disabled={ack.busy}
          onClick={() => void acknowledge()}
        >
          J’accuse réception
        </Button>
      )}
    </>
  );
}
