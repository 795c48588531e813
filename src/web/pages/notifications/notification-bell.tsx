import type { HeaderProps } from '@codegouvfr/react-dsfr/Header';

export { useUnreadCount } from './use-in-app-notifications.ts';

/** The header's link to the notification centre; the count is in the link text, read by screen readers. */
export function notificationBellItem(unread: number): HeaderProps.QuickAccessItem {
  const text = unread > 0 ? `Notifications (${unread} non lue${unread > 1 ? 's' : ''})` : 'Notifications';
  return {
    iconId: unread > 0 ? 'fr-icon-notification-badge-line' : 'fr-icon-notification-3-line',
    text,
    linkProps: { href: '/notifications', id: 'lien-notifications' },
  };
}
