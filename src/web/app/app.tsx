import { useEffect, useRef, type ReactNode } from 'react';
import type { Role } from '../../shared/identity/identity.schemas.ts';
import { AccountPage } from '../pages/account/account-page.tsx';
import { InvitationPage } from '../pages/account/invitation-page.tsx';
import { MfaEnrolmentPage } from '../pages/account/mfa-enrolment-page.tsx';
import { MfaVerificationPage } from '../pages/account/mfa-verification-page.tsx';
import { SignInPage } from '../pages/account/sign-in-page.tsx';
import { AdminHomePage } from '../pages/admin/admin-access.tsx';
import { AuditPage } from '../pages/admin/audit-page.tsx';
import { DepartmentsPage } from '../pages/admin/departments-page.tsx';
import { DistrictsPage } from '../pages/admin/districts-page.tsx';
import { MunicipalitiesPage } from '../pages/admin/municipalities-page.tsx';
import { MailboxesPage } from '../pages/admin/mailboxes-page.tsx';
import { AddressTestPage } from '../pages/admin/address-test-page.tsx';
import { SectorEditPage } from '../pages/admin/sector-edit-page.tsx';
import { SectorImportPage } from '../pages/admin/sector-import-page.tsx';
import { SectorsPage } from '../pages/admin/sectors-page.tsx';
import { UserDetailPage } from '../pages/admin/user-detail-page.tsx';
import { UsersPage } from '../pages/admin/users-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { notificationRoutes } from '../pages/notifications/notification-routes.tsx';
import { alertRoutes } from '../pages/alerts/alert-routes.tsx';
import { officeHoursRoutes } from '../pages/office-hours/office-hours-routes.tsx';
import { officeHourVisitRoutes } from '../pages/office-hour-visits/visit-routes.tsx';
import { requestRoutes } from '../pages/requests/requests-routes.tsx';
import { requestStatsRoutes } from '../pages/requests/request-stats-routes.tsx';
import { answerTemplateRoutes } from '../pages/requests/answer-templates-routes.tsx';
import { categoryTargetRoutes } from '../pages/requests/category-targets-routes.tsx';
import { Open311ClientsPage } from '../pages/admin/open311-clients-page.tsx';
import { RequireSession, useSessionLifecycle } from './access-guard.tsx';
import { Layout, MetaProvider } from './layout.tsx';
import { useDocumentTitle } from './hooks.ts';
import { AppLink, matchPath, useLocation } from './router.tsx';

export interface Route {
  pattern: string;
  /** Pages behind sign-in: `title` is shown while the session is checked; `role` restricts the page further. */
  guard?: { title: string; role?: Role };
  render: (params: Record<string, string>) => ReactNode;
}

const admin = (title: string) => ({ title, role: 'admin' as const });

const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/connexion', render: () => <SignInPage /> },
  { pattern: '/connexion/verification', render: () => <MfaVerificationPage /> },
  { pattern: '/connexion/activation-mfa', render: () => <MfaEnrolmentPage /> },
  { pattern: '/invitation/:token', render: ({ token }) => <InvitationPage key={token} token={token} /> },
  { pattern: '/compte', guard: { title: 'Mon compte' }, render: () => <AccountPage /> },
  { pattern: '/admin', guard: admin('Espace administrateur'), render: () => <AdminHomePage /> },
  { pattern: '/admin/departements', guard: admin('Départements'), render: () => <DepartmentsPage /> },
  { pattern: '/admin/circonscriptions', guard: admin('Circonscriptions'), render: () => <DistrictsPage /> },
  { pattern: '/admin/communes', guard: admin('Communes'), render: () => <MunicipalitiesPage /> },
  { pattern: '/admin/secteurs', guard: admin('Secteurs'), render: () => <SectorsPage /> },
  { pattern: '/admin/secteurs/nouveau', guard: admin('Nouveau secteur'), render: () => <SectorEditPage /> },
  { pattern: '/admin/secteurs/import', guard: admin('Import de secteurs'), render: () => <SectorImportPage /> },
  {
    pattern: '/admin/secteurs/:id',
    guard: admin('Modifier un secteur'),
    render: ({ id }) => <SectorEditPage key={id} sectorId={id} />,
  },
  { pattern: '/admin/test-adresse', guard: admin('Test d’adresse'), render: () => <AddressTestPage /> },
  { pattern: '/admin/boites-mail', guard: admin('Boîtes e-mail des secteurs'), render: () => <MailboxesPage /> },
  { pattern: '/admin/utilisateurs', guard: admin('Utilisateurs'), render: () => <UsersPage /> },
  {
    pattern: '/admin/utilisateurs/:id',
    guard: admin('Utilisateur'),
    render: ({ id }) => <UserDetailPage key={id} userId={id} />,
  },
  { pattern: '/admin/journal', guard: admin('Journal d’audit'), render: () => <AuditPage /> },
  { pattern: '/admin/open311', guard: admin('Applications Open311'), render: () => <Open311ClientsPage /> },
  ...notificationRoutes,
  ...alertRoutes,
  ...officeHoursRoutes,
  ...officeHourVisitRoutes,
  ...requestStatsRoutes,
  ...answerTemplateRoutes,
  ...categoryTargetRoutes,
  ...requestRoutes,
];

function resolveRoute(pathname: string): ReactNode {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (!params) continue;
    const page = route.render(params);
    return route.guard ? (
      <RequireSession title={route.guard.title} role={route.guard.role}>
        {page}
      </RequireSession>
    ) : (
      page
    );
  }
  return <NotFoundPage />;
}

export function App() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useSessionLifecycle(pathname);

  // After a client-side navigation, move the focus to the new page's content (as a page load would).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // On small screens the navigation lives in a DSFR modal: close it once a link has been followed.
    const menu = document.getElementById('header-menu-modal-en-tete');
    if (menu?.classList.contains('fr-modal--opened')) menu.querySelector<HTMLButtonElement>('.fr-btn--close')?.click();
    document.getElementById('contenu')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <MetaProvider>
      <Layout pathname={pathname}>{resolveRoute(pathname)}</Layout>
    </MetaProvider>
  );
}

function NotFoundPage() {
  useDocumentTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>
        <AppLink href="/">Retourner à l’accueil</AppLink>
      </p>
    </>
  );
}
