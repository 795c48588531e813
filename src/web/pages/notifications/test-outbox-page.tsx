import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { countSegments } from '../../../server/platform/sms/segments.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { notificationContracts } from '../../../shared/notifications/notifications.contracts.ts';
import type { OutboxMessage } from '../../../shared/notifications/notifications.schemas.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { call } from '../../client/call.ts';
import { AdminBreadcrumb, ErrorMessage, Loading } from '../../components/page-parts.tsx';

function SmsDetails({ body }: { body: string }) {
  const count = countSegments(body);
  return (
    <p className="fr-text--sm fr-mb-1w">
      {count.segments} segment{count.segments > 1 ? 's' : ''} SMS · {count.characters} caractères · encodage{' '}
      {count.encoding} ({count.perSegment} caractères par segment)
    </p>
  );
}

function OutboxEntry({ message }: { message: OutboxMessage }) {
  const sms = message.channel === 'sms';
  const titleId = `envoi-${message.id}`;
  return (
    <li className="fr-mb-3w">
      <article className="fr-card fr-card--no-arrow psq-outbox-message" aria-labelledby={titleId}>
        <div className="fr-card__body">
          <div className="fr-card__content">
            <div className="fr-card__start">
              <Badge as="span" small severity={sms ? 'info' : 'new'}>
                {sms ? 'SMS' : 'Courriel'}
              </Badge>
              <p className="fr-card__detail">{formatDateTime(message.createdAt, 'short')}</p>
            </div>
            <h2 className="fr-card__title fr-h6" id={titleId}>
              {sms
                ? `SMS à ${formatPhone(message.address)}`
                : `${message.subject ?? '(sans objet)'} — à ${message.address}`}
            </h2>
            {sms && <SmsDetails body={message.body} />}
            <pre className="psq-outbox-body">{message.body}</pre>
          </div>
        </div>
      </article>
    </li>
  );
}

/** `/admin/boite-envoi`: what the local providers "sent" (no SMTP, no SMS operator configured). */
export function TestOutboxPage() {
  useDocumentTitle('Boîte d’envoi de test');
  const outbox = useAsync(() => call(notificationContracts.testOutbox).then((r) => r.items), []);
  return (
    <>
      <AdminBreadcrumb current="Boîte d’envoi de test" />
      <h1>Boîte d’envoi de test</h1>
      <p className="fr-text--lead">
        Sans serveur de messagerie ni opérateur SMS configuré, les courriels et SMS arrivent ici au lieu de partir :
        vous pouvez les lire pour suivre une démonstration. Les 200 derniers sont affichés, conservés 7 jours.
      </p>
      <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={outbox.reload} disabled={outbox.loading}>
        Actualiser
      </Button>
      <ErrorMessage message={outbox.error} />
      {outbox.loading && !outbox.data && <Loading />}
      {outbox.data?.length === 0 && <p className="fr-mt-3w">La boîte d’envoi de test est vide.</p>}
      {outbox.data && outbox.data.length > 0 && (
        <ul className="psq-plain-list fr-mt-3w" aria-label="Messages retenus">
          {outbox.data.map((message) => (
            <OutboxEntry key={message.id} message={message} />
          ))}
        </ul>
      )}
    </>
  );
}
