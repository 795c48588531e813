import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import type { AlertDetail } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { useSession } from '../../client/session.ts';
import { useAsync } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { SuccessMessage } from '../../components/page-parts.tsx';
import { AlertAckButton } from './alert-ack-button.tsx';
import { holdsPermission } from '../../app/permission-guards.tsx';
import { formatTime } from '../../../shared/format/french-dates.ts';
import { communeNames, kindLabels, severityLabels } from './alert-display.tsx';
import { useAlertLive } from './use-alert-live.ts';

/** More than this many alerts waiting for me: the banner shows these and links to the list. */
const SHOWN = 5;

/** Open alerts sent to me (in the app) that I have not acknowledged yet. */
async function loadAwaiting(): Promise<AlertDetail[]> {
  const open = (await call(alertContracts.list, { query: { status: 'open' } })).items;
  const candidates = open.filter((alert) => !alert.mine).slice(0, SHOWN);
  const details = await Promise.all(candidates.map((alert) => call(alertContracts.get, { params: { id: alert.id } })));
  return details.filter((alert) => alert.myRecipient && !alert.myRecipient.acknowledgedAt);
}

/**
 * For mayors and deputies: every page shows, live, the alerts that wait for their acknowledgement,
 * with a one-click « J'accuse réception » (hidden on the page of the alert itself, which has its own).
 */
export function OpenAlertsBanner({ pathname }: { pathname: string }) {
  const session = useSession();
  const enabled = holdsPermission(session, 'alerts.read');
  const awaiting = useAsync(() => (enabled ? loadAwaiting() : Promise.resolve([])), [enabled]);
  const [message, setMessage] = useState<string | null>(null);
  useAlertLive(awaiting.reload, { enabled });

  const shown = (awaiting.data ?? []).filter((alert) => pathname !== `/alertes/${alert.id}`);
  if (!enabled || (shown.length === 0 && !message)) return null;
  return (
    <section className="fr-container fr-mt-3w" aria-label="Alertes en attente de votre accusé de réception">
      <SuccessMessage message={message} />
      {shown.map((alert) => {
        const communes = communeNames(alert.communes.map((c) => c.municipality));
        return (
          <Alert
            key={alert.id}
            className="fr-mb-2w"
            severity={alert.severity === 'critical' ? 'error' : 'warning'}
            as="h2"
            title={
              `Alerte ${severityLabels[alert.severity].toLowerCase()} à ${communes} : ` +
              `${kindLabels[alert.kind].toLowerCase()}`
            }
            description={
              <>
                <span className="psq-block fr-mb-1w">
                  {alert.text}{' '}
                  <span className="fr-text--sm">
                    (envoyée à {formatTime(alert.createdAt)} par {alert.createdBy.displayName})
                  </span>
                </span>
                <span className="psq-actions">
                  <AlertAckButton
                    alertId={alert.id}
                    label={`J’accuse réception de l’alerte à ${communes}`}
                    onDone={(text) => {
                      setMessage(text);
                      awaiting.reload();
                    }}
                  />
                  <AppLink href={`/alertes/${alert.id}`}>Voir l’alerte</AppLink>
                </span>
              </>
            }
          />
        );
      })}
    </section>
  );
}
