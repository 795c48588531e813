import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState } from 'react';
import type { AlertStatus } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { useSession } from '../../client/session.ts';
import { useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { holdsPermission } from '../../app/permission-guards.tsx';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { communeNames, kindLabels, SeverityBadge, StatusBadge } from './alert-display.tsx';
import { useAlertLive } from './use-alert-live.ts';

type Filter = '' | AlertStatus;

/** Alerts concerning the communes of my territory, newest first; live: an alert sent to me shows up at once. */
export function AlertsPage() {
  useDocumentTitle('Alertes');
  const flash = useFlash();
  const session = useSession();
  const canSend = holdsPermission(session, 'alerts.send');
  const [filter, setFilter] = useState<Filter>('');
  const alerts = useAsync(
    () => call(alertContracts.list, { query: { status: filter || undefined } }).then((r) => r.items),
    [filter],
  );
  useAlertLive(alerts.reload);

  const rows = (alerts.data ?? []).map((alert) => [
    formatDateTime(alert.createdAt, 'short'),
    communeNames(alert.communes),
    kindLabels[alert.kind],
    <SeverityBadge key="gravite" severity={alert.severity} />,
    <AppLink key="texte" href={`/alertes/${alert.id}`}>
      {alert.text}
    </AppLink>,
    <StatusBadge key="etat" status={alert.status} />,
    `${alert.acknowledged} / ${alert.recipients}`,
  ]);

  return (
    <>
      <h1>Alertes</h1>
      <p>
        {canSend
          ? 'Les alertes opérationnelles envoyées aux maires et à leurs adjoints de ' +
            'votre territoire, avec leurs accusés de réception.'
          : 'Les alertes opérationnelles de la police et de la gendarmerie concernant ' +
            'votre commune. Elles s’affichent ici dès leur envoi.'}
      </p>
      <SuccessMessage message={flash} />
      <ErrorMessage message={alerts.error} />
      <div className="psq-actions fr-mb-3w">
        {canSend && (
          <Button iconId="fr-icon-add-line" linkProps={{ href: '/alertes/nouvelle' }}>
            Nouvelle alerte
          </Button>
        )}
      </div>
      <Select
        className="psq-narrow"
        label="Afficher"
        nativeSelectProps={{
          name: 'etat',
          value: filter,
          onChange: (event) => setFilter(event.target.value as Filter),
        }}
      >
        <option value="">Toutes les alertes</option>
        <option value="open">Les alertes en cours</option>
        <option value="closed">Les alertes closes</option>
      </Select>
      {alerts.loading && !alerts.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>Aucune alerte pour le moment.</p>
      ) : (
        <Table
          caption="Alertes, de la plus récente à la plus ancienne"
          headers={['Envoyée le', 'Communes', 'Nature', 'Gravité', 'Message', 'État', 'Accusés de réception']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
    </>
  );
}
