import { useEffect, useRef, type ReactNode } from 'react';
import { AdminGuard, AdminHomePage } from '../pages/admin/admin-access.tsx';
import { DepartmentsPage } from '../pages/admin/departments-page.tsx';
import { DistrictsPage } from '../pages/admin/districts-page.tsx';
import { MunicipalitiesPage } from '../pages/admin/municipalities-page.tsx';
import { AddressTestPage } from '../pages/admin/address-test-page.tsx';
import { SectorEditPage } from '../pages/admin/sector-edit-page.tsx';
import { SectorImportPage } from '../pages/admin/sector-import-page.tsx';
import { SectorsPage } from '../pages/admin/sectors-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { Layout, MetaProvider } from './layout.tsx';
import { useDocumentTitle } from './hooks.ts';
import { AppLink, matchPath, useLocation } from './router.tsx';

interface Route {
  pattern: string;
  /** Title of the page shown by the admin guard while signed out. */
  adminTitle?: string;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/admin', render: () => <AdminHomePage /> },
  { pattern: '/admin/departements', adminTitle: 'Départements', render: () => <DepartmentsPage /> },
  { pattern: '/admin/circonscriptions', adminTitle: 'Circonscriptions', render: () => <DistrictsPage /> },
  { pattern: '/admin/communes', adminTitle: 'Communes', render: () => <MunicipalitiesPage /> },
  { pattern: '/admin/secteurs', adminTitle: 'Secteurs', render: () => <SectorsPage /> },
  { pattern: '/admin/secteurs/nouveau', adminTitle: 'Nouveau secteur', render: () => <SectorEditPage /> },
  { pattern: '/admin/secteurs/import', adminTitle: 'Import de secteurs', render: () => <SectorImportPage /> },
  { pattern: '/admin/secteurs/:id', adminTitle: 'Modifier un secteur', render: ({ id }) => <SectorEditPage key={id} sectorId={id} /> },
  { pattern: '/admin/test-adresse', adminTitle: 'Test d’adresse', render: () => <AddressTestPage /> },
];

function resolveRoute(pathname: string): ReactNode {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (!params) continue;
    const page = route.render(params);
    return route.adminTitle ? <AdminGuard title={route.adminTitle}>{page}</AdminGuard> : page;
  }
  return <NotFoundPage />;
}

export function App() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);

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
