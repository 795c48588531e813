import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import type { InAppNotification } from '../../../shared/notifications/notifications.schemas.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { markNotificationRead, useInAppNotifications } from './use-in-app-notifications.ts';

function NotificationCard({ item, onRead }: { item: InAppNotification; onRead: (id: string) => Promise<void> }) {
  const unread = item.readAt === null;
  const titleId = `notification-${item.id}`;
  return (
    <li className="fr-mb-2w">
      <article className="fr-card fr-card--no-arrow fr-card--shadow" aria-labelledby={titleId}>
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h2 className="fr-card__title fr-h6" id={titleId}>
              {item.subject}
            </h2>
            <p className="fr-card__desc psq-pre-line">{item.body}</p>
            <div className="fr-card__start">
              {unread && (
                <Badge as="span" small severity="new">
                  Non lue
                </Badge>
              )}
              <p className="fr-card__detail">Reçue le {formatDateTime(item.createdAt)}</p>
            </div>
          </div>
          {unread && (
            <div className="fr-card__footer">
              <Button
                size="small"
                priority="secondary"
                iconId="fr-icon-check-line"
                onClick={() => void onRead(item.id)}
                nativeButtonProps={{ 'aria-describedby': titleId }}
              >
                Marquer comme lue
              </Button>
            </div>
          )}
        </div>
      </article>
    </li>
  );
}

/** The notification centre: in-app messages, newest first, live. */
export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const { items, error } = useInAppNotifications(true);
  const marking = useForm();
  const unread = items?.filter((item) => item.readAt === null).length ?? 0;

  async function markRead(id: string) {
    await marking.send(() => markNotificationRead(id));
  }

  return (
    <>
      <h1>Notifications</h1>
      <p className="fr-text--lead">
        Les messages qui vous sont adressés dans l’application. Choisissez aussi comment être prévenu :{' '}
        <AppLink href="/compte/notifications">préférences de notification</AppLink>.
      </p>
      <ErrorMessage message={error ?? marking.general} />
      {/* Announced when a new message arrives while the page is open. */}
      <p role="status" className="fr-text--sm" id="notifications-resume">
        {items === null
          ? ''
          : unread === 0
            ? 'Aucune notification non lue.'
            : `${unread} notification${unread > 1 ? 's' : ''} non lue${unread > 1 ? 's' : ''}.`}
      </p>
      {items === null && !error && <Loading />}
      {items?.length === 0 && <p>Vous n’avez reçu aucune notification.</p>}
      {items && items.length > 0 && (
        <ul className="psq-plain-list" aria-label="Liste des notifications">
          {items.map((item) => (
            <NotificationCard key={item.id} item={item} onRead={markRead} />
          ))}
        </ul>
      )}
    </>
  );
}
