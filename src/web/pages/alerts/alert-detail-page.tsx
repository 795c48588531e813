import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState } from 'react';
import type { AlertDetail } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { AlertAckButton } from './alert-ack-button.tsx';
import { formatDateTime, formatTime } from '../../../shared/format/french-dates.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import {
  acknowledgementText,
  communeNames,
  kindLabels,
  SeverityBadge,
  smsStatusText,
  StatusBadge,
} from './alert-display.tsx';
import { AlertManageForms } from './alert-manage-forms.tsx';
import { useAlertLive } from './use-alert-live.ts';

const messageKindLabels: Record<AlertDetail['messages'][number]['kind'], string> = {
  initial: 'Alerte',
  update: 'Mise à jour',
  escalation: 'Escalade au contact suivant',
  close: 'Clôture',
};

/** One alert: per recipient delivered / read / acknowledged, updated live; update and close for its sender. */
export function AlertDetailPage({ alertId }: { alertId: string }) {
  const flash = useFlash();
  const alert = useAsync(() => call(alertContracts.get, { params: { id: alertId } }), [alertId]);
  const [ackMessage, setAckMessage] = useState<string | null>(null);
  const data = alert.data;
  useDocumentTitle(
    data ? `${kindLabels[data.kind]} — ${communeNames(data.communes.map((c) => c.municipality))} — Alertes` : 'Alerte',
  );
  useAlertLive(alert.reload, { alertId });

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Alertes', linkProps: { href: '/alertes' } }]}
        currentPageLabel="Alerte"
      />
      {!data ? (
        <>
          <h1>Alerte</h1>
          {alert.loading ? <Loading /> : <ErrorMessage message={alert.error} />}
        </>
      ) : (
        <AlertView alert={data} flash={ackMessage ?? flash} onAcknowledged={setAckMessage} onChanged={alert.reload} />
      )}
    </>
  );
}

function AlertView({
  alert,
  flash,
  onAcknowledged,
  onChanged,
}: {
  alert: AlertDetail;
  flash: string | null;
  onAcknowledged: (message: string) => void;
  onChanged: () => void;
}) {
  const recipients = alert.communes.flatMap((commune) => commune.recipients);
  const acknowledged = recipients.filter((recipient) => recipient.acknowledgedAt).length;
  const mine = alert.myRecipient;
  return (
    <>
      <h1>
        {kindLabels[alert.kind]} — {communeNames(alert.communes.map((c) => c.municipality))}
      </h1>
      <SuccessMessage message={flash} />
      <p className="psq-actions">
        <StatusBadge status={alert.status} /> <SeverityBadge severity={alert.severity} />
      </p>
      {alert.closedAt && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          role="status"
          description={`Alerte close le ${formatDateTime(alert.closedAt)} : plus de mise à jour ni d’escalade.`}
        />
      )}
      <p className="fr-text--lead">{alert.text}</p>
      <dl className="psq-facts">
        <dt>Envoyée</dt>
        <dd>
          le {formatDateTime(alert.createdAt)} par {alert.createdBy.displayName}
        </dd>
        {alert.closedAt && (
          <>
            <dt>Close</dt>
            <dd>le {formatDateTime(alert.closedAt)}</dd>
          </>
        )}
        <dt>Escalade</dt>
        <dd>au contact suivant après {alert.escalationDelayMinutes} minutes sans accusé de réception</dd>
        {alert.point && (
          <>
            <dt>Point d’intervention</dt>
            <dd>
              {alert.point.lat.toFixed(5)}, {alert.point.lon.toFixed(5)}
            </dd>
          </>
        )}
      </dl>
      {mine && alert.status === 'open' && !mine.acknowledgedAt && (
        <AlertAckButton alertId={alert.id} onDone={onAcknowledged} />
      )}
      {mine?.acknowledgedAt && <p>Vous avez accusé réception le {formatDateTime(mine.acknowledgedAt)}.</p>}

      <h2 className="fr-mt-4w">Destinataires</h2>
      <p role="status" data-testid="bilan-accuses">
        {acknowledged} accusé{acknowledged > 1 ? 's' : ''} de réception sur {recipients.length} destinataire
        {recipients.length > 1 ? 's' : ''}.
      </p>
      {alert.communes.map((commune) => (
        <div key={commune.id} className="fr-mb-3w">
          <h3 className="fr-h5">{commune.municipality.name}</h3>
          <p className="fr-text--sm">
            {commune.acknowledgedAt
              ? `Réception accusée à ${formatTime(commune.acknowledgedAt)}.`
              : commune.nextEscalationAt
                ? `Sans accusé de réception, le contact de rang ${commune.currentRank + 1} ` +
                  `sera alerté à ${formatTime(commune.nextEscalationAt)}.`
                : 'Aucun accusé de réception pour le moment.'}
          </p>
          {commune.recipients.length === 0 ? (
            <p>Personne n’a été alerté dans cette commune (aucun contact joignable).</p>
          ) : (
            <Table
              caption={`Destinataires à ${commune.municipality.name}`}
              headers={['Nom', 'Fonction', 'Téléphone', 'Rang', 'SMS', 'Lu dans l’application', 'Accusé de réception']}
              data={commune.recipients.map((recipient) => [
                recipient.name,
                recipient.role,
                formatPhone(recipient.phone),
                String(recipient.rank),
                smsStatusText(recipient),
                recipient.inApp ? (recipient.readAt ? `Oui, à ${formatTime(recipient.readAt)}` : 'Non') : 'Sans compte',
                acknowledgementText(recipient),
              ])}
              bordered
              className="psq-table"
            />
          )}
        </div>
      ))}

      <h2>Messages envoyés</h2>
      <ol className="psq-compact-list">
        {alert.messages.map((message) => (
          <li key={message.id}>
            <strong>{messageKindLabels[message.kind]}</strong>, le {formatDateTime(message.createdAt)} : {message.text}
          </li>
        ))}
      </ol>
      {alert.canManage && alert.status === 'open' && <AlertManageForms alert={alert} onChanged={onChanged} />}
    </>
  );
}
