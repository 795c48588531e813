import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestDetail,
  type RequestStatus,
} from '../../../shared/requests/requests.schemas.ts';
import { useSession } from '../../client/session.ts';
import { call } from '../../client/call.ts';
import { handlingContracts } from '../../../shared/requests/handling.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { holdsPermission } from '../../app/permission-guards.tsx';
import { RequestActions } from './request-actions.tsx';
import { RequestAttachments } from './request-attachments.tsx';
import { TriagePanel } from './triage-panel.tsx';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { StatusBadge, TIME_OF_DAY_LABELS } from './request-display.tsx';

const EVENT_LABELS: Record<RequestDetail['events'][number]['kind'], string> = {
  created: 'Création',
  status: 'Statut',
  note: 'Note interne',
  answer: 'Réponse au demandeur',
  reply: 'Message du demandeur',
  redirect: 'Réorientation',
  assignment: 'Attribution',
};
const ANONYMITY_LABELS: Record<RequestDetail['anonymity'], string> = {
  named: 'Peut être nommé',
  police_only: 'Identité connue de la police seulement',
  anonymous: 'Anonyme',
};
const statusLabel = (status: string | null) =>
  status && status in REQUEST_STATUS_LABELS ? REQUEST_STATUS_LABELS[status as RequestStatus] : status;

/** `/demandes/:id`: one request, its resident (unless anonymous), its history with internal notes, and the steps the server allows. */
export function RequestDetailPage({ requestId }: { requestId: string }) {
  const detail = useAsync(() => call(handlingContracts.get, { params: { id: requestId } }), [requestId]);
  const session = useSession();
  const request = detail.data;
  useDocumentTitle(request ? `Demande ${request.reference}` : 'Demande');

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Demandes des habitants', linkProps: { href: '/demandes' } }]}
        currentPageLabel={request?.reference ?? 'Demande'}
      />
      <ErrorMessage message={detail.error} />
      {!request && detail.loading && <Loading />}
      {request && (
        <>
          <h1>Demande {request.reference}</h1>
          <p className="fr-text--lead">
            <StatusBadge status={request.status} />
            {request.overdue && (
              <Badge as="span" severity="error" className="fr-ml-1w">
                En retard
              </Badge>
            )}
            {request.confidential && <span className="fr-ml-1w">Confidentielle</span>}
          </p>
          <div className="fr-grid-row fr-grid-row--gutters">
            <dl className="psq-request-facts fr-col-12 fr-col-md-6">
              <dt>Catégorie</dt>
              <dd>{REQUEST_CATEGORY_LABELS[request.category]}</dd>
              <dt>Ce qui se passe</dt>
              <dd className="psq-pre">{request.description}</dd>
              <dt>Quand</dt>
              <dd>
                {request.timeOfDay ? TIME_OF_DAY_LABELS[request.timeOfDay] : 'Non précisé'}
                {request.recurring ? ', de façon répétée' : ''}
              </dd>
              <dt>Lieu</dt>
              <dd>
                {request.placeLabel ?? 'Sans précision'}
                {request.point && ` (${request.point.lat.toFixed(5)}, ${request.point.lon.toFixed(5)})`}
                {request.sector ? ` — secteur ${request.sector.name}` : ' — hors secteur'}
                {request.municipality && `, ${request.municipality.name}`}
              </dd>
            </dl>
            <dl className="psq-request-facts fr-col-12 fr-col-md-6">
              <dt>Demandeur</dt>
              <dd>{ANONYMITY_LABELS[request.anonymity]}</dd>
              <dt>Contact</dt>
              <dd>
                {[
                  request.contact.name,
                  request.contact.email,
                  request.contact.phone && formatPhone(request.contact.phone),
                ]
                  .filter(Boolean)
                  .join(' · ') || 'Aucun'}
              </dd>
              {request.contact.noAnswerWanted && <dd>Ne souhaite pas de réponse.</dd>}
              <dt>Reçue le</dt>
              <dd>{formatDateTime(request.createdAt)}</dd>
              <dt>Délais de la catégorie</dt>
              <dd>
                Prise en compte avant le {formatDateTime(request.ackDueAt)}, réponse avant le{' '}
                {formatDateTime(request.answerDueAt)}
              </dd>
              {request.closeNote && (
                <>
                  <dt>Motif de clôture</dt>
                  <dd>{request.closeNote}</dd>
                </>
              )}
            </dl>
          </div>
          <RequestAttachments requestId={request.id} />
          {holdsPermission(session, 'requests.handle') && <TriagePanel request={request} onChanged={detail.reload} />}
          {holdsPermission(session, 'requests.handle') && (
            <RequestActions request={request} onChanged={detail.reload} />
          )}
          <h2 className="fr-h4 fr-mt-4w">Historique</h2>
          <ol className="psq-request-history" data-testid="historique">
            {request.events.map((event) => (
              <li key={event.id} className={event.visibility === 'internal' ? 'psq-request-internal' : undefined}>
                <strong>{EVENT_LABELS[event.kind]}</strong>
                {event.toStatus && ` — ${statusLabel(event.fromStatus) ?? '…'} → ${statusLabel(event.toStatus)}`}
                {event.channel &&
                  ` (${event.channel === 'sms' ? 'SMS' : event.channel === 'email' ? 'e-mail' : event.channel})`}{' '}
                <span className="fr-text--sm">
                  {formatDateTime(event.at)}
                  {event.author
                    ? `, ${event.author.displayName}`
                    : event.authorType === 'resident'
                      ? ', demandeur'
                      : ''}
                  {event.visibility === 'internal' ? ' — interne' : ''}
                </span>
                {event.text && <p className="psq-pre fr-mb-1w">{event.text}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
