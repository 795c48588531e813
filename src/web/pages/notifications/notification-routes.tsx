import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-media/icons-media.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-business/icons-business.main.min.css';
import '../../styles/notifications.css';
import type { Route } from '../../app/app.tsx';
import { NotificationPreferencesPage } from './notification-preferences-page.tsx';
import { NotificationsPage } from './notifications-page.tsx';
import { TestOutboxPage } from './test-outbox-page.tsx';

/** Notification centre, preferences (account section) and the admin test outbox. */
export const notificationRoutes: Route[] = [
  { pattern: '/notifications', guard: { title: 'Notifications' }, render: () => <NotificationsPage /> },
  {
    pattern: '/compte/notifications',
    guard: { title: 'Préférences de notification' },
    render: () => <NotificationPreferencesPage />,
  },
  {
    pattern: '/admin/boite-envoi',
    guard: { title: 'Boîte d’envoi de test', role: 'admin' },
    render: () => <TestOutboxPage />,
  },
];
