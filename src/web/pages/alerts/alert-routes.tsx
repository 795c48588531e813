import '../../styles/alerts.css';
import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/permissions.ts';
import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { AlertDetailPage } from './alert-detail-page.tsx';
import { AlertsPage } from './alerts-page.tsx';
import { CommuneContactsPage } from './commune-contacts-page.tsx';
import { NewAlertPage } from './new-alert-page.tsx';
import { PublicAckPage } from './public-ack-page.tsx';

const READERS = 'aux policiers et gendarmes référents et aux élus';

/** A page behind sign-in (the router's guard) and a permission (« Accès réservé » without it). */
function restricted(
  pattern: string,
  title: string,
  permission: Permission,
  who: string,
  page: (params: Record<string, string>) => ReactNode,
): Route {
  return {
    pattern,
    guard: { title },
    render: (params) => (
      <RequirePermission permission={permission} who={who}>
        {page(params)}
      </RequirePermission>
    ),
  };
}

/** Pages of the operational alerts; `/a/:code` is the public short link of the SMS. */
export const alertRoutes: Route[] = [
  restricted('/alertes', 'Alertes', 'alerts.read', READERS, () => <AlertsPage />),
  restricted('/alertes/nouvelle', 'Nouvelle alerte', 'alerts.send', 'aux policiers et gendarmes référents', () => (
    <NewAlertPage />
  )),
  restricted('/alertes/:id', 'Alerte', 'alerts.read', READERS, ({ id }) => <AlertDetailPage key={id} alertId={id} />),
  restricted(
    '/contacts-alerte',
    'Contacts d’alerte de la commune',
    'alerts.contacts.manage',
    'aux élus de la commune',
    () => <CommuneContactsPage />,
  ),
  { pattern: '/a/:code', render: ({ code }) => <PublicAckPage key={code} code={code} /> },
];
