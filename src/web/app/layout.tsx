import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation, type MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { fullySignedIn, hasRole, useSession } from '../client/session.ts';
import { platformContracts } from '../../shared/platform/platform.contracts.ts';
import type { Meta } from '../../shared/platform/platform.schemas.ts';
import { call } from '../client/call.ts';
import { notificationBellItem, useUnreadCount } from '../pages/notifications/notification-bell.tsx';
import { alertNavEntries } from '../pages/alerts/alert-nav.ts';
import { officeHoursNavEntries } from '../pages/office-hours/office-hours-nav.ts';
import { requestNavEntries } from '../pages/requests/request-nav.ts';
import { OpenAlertsBanner } from '../pages/alerts/open-alerts-banner.tsx';
import { signInPathFor, signOutToSignInPage } from './sign-in-flow.ts';

const fallbackMeta: Meta = { name: 'PSQ', version: '', demo: false, mapTiles: null, addressSearch: false };
const MetaContext = createContext<Meta>(fallbackMeta);

/** Loads `GET /api/meta` once; until it answers (or if it fails) the app runs without tiles nor demo notice. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta>(fallbackMeta);
  useEffect(() => {
    let current = true;
    call(platformContracts.meta).then(
      (value) => {
        if (current) setMeta(value);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta {
  return useContext(MetaContext);
}

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);
const homeLinkProps = { href: '/', title: 'Accueil — PSQ, Sécurité du quotidien' };

interface NavEntry {
  text: string;
  href: string;
  /** Also active on sub-paths. */
  prefix?: boolean;
}

const publicEntries: NavEntry[] = [
  { text: 'Accueil', href: '/' },
  { text: 'Permanences', href: '/permanences', prefix: true },
];
const adminEntries: NavEntry[] = [
  { text: 'Espace administrateur', href: '/admin' },
  { text: 'Départements', href: '/admin/departements' },
  { text: 'Circonscriptions', href: '/admin/circonscriptions' },
  { text: 'Communes', href: '/admin/communes' },
  { text: 'Secteurs', href: '/admin/secteurs', prefix: true },
  { text: 'Test d’adresse', href: '/admin/test-adresse' },
  { text: 'Utilisateurs', href: '/admin/utilisateurs', prefix: true },
  { text: 'Journal d’audit', href: '/admin/journal' },
  { text: 'Boîte d’envoi', href: '/admin/boite-envoi' },
];

function navigationItems(pathname: string, admin: boolean, extra: NavEntry[]): MainNavigationProps.Item[] {
  const entries = [...publicEntries, ...extra, ...(admin ? adminEntries : [])];
  return entries.map((entry) => ({
    text: entry.text,
    linkProps: { href: entry.href },
    isActive: pathname === entry.href || (entry.prefix === true && pathname.startsWith(`${entry.href}/`)),
  }));
}

export function Layout({ pathname, children }: { pathname: string; children: ReactNode }) {
  const meta = useMeta();
  const session = useSession();
  const signedIn = fullySignedIn(session);
  const admin = hasRole(session, 'admin');
  const unread = useUnreadCount(signedIn);

  const quickAccessItems: HeaderProps.QuickAccessItem[] = signedIn
    ? [
        notificationBellItem(unread),
        {
          iconId: 'fr-icon-account-circle-line',
          text: session.me.user.displayName,
          linkProps: { href: '/compte', title: `Mon compte — ${session.me.user.displayName}` },
        },
        {
          iconId: 'fr-icon-logout-box-r-line',
          text: 'Se déconnecter',
          buttonProps: { onClick: () => void signOutToSignInPage(), type: 'button' },
        },
      ]
    : [
        {
          iconId: 'fr-icon-lock-line',
          text: 'Se connecter',
          linkProps: { href: pathname.startsWith('/connexion') ? '/connexion' : signInPathFor(pathname) },
        },
      ];

  return (
    <>
      <SkipLinks
        links={[
          { label: 'Aller au contenu', anchor: '#contenu' },
          { label: 'Aller au menu', anchor: '#navigation' },
          { label: 'Aller au pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        id="en-tete"
        disableDisplay
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle={
          <>
            PSQ — Sécurité du quotidien{' '}
            {meta.demo && (
              <Badge as="span" noIcon severity="new">
                Démo
              </Badge>
            )}
          </>
        }
        serviceTagline="La plateforme de la police, de la gendarmerie, des maires et des habitants"
        quickAccessItems={quickAccessItems}
        navigation={
          <MainNavigation
            id="navigation"
            items={navigationItems(pathname, admin, [
              ...alertNavEntries(session),
              ...officeHoursNavEntries(session),
              ...requestNavEntries(session),
            ])}
          />
        }
      />
      {meta.demo && (
        <section aria-label="Avertissement : version de démonstration">
          <Notice
            title="Version de démonstration :"
            description="les données affichées sont fictives et peuvent être réinitialisées à tout moment."
          />
        </section>
      )}
      <OpenAlertsBanner pathname={pathname} />
      <main id="contenu" className="fr-container fr-py-6w psq-main" tabIndex={-1}>
        {children}
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        contentDescription={
          `PSQ accompagne la police nationale, la gendarmerie nationale, les maires et ` +
          `les habitants dans la sécurité du ` +
          `quotidien.${meta.version ? ` Version ${meta.version}.` : ''}`
        }
        bottomItems={[
          signedIn
            ? { text: 'Mon compte', linkProps: { href: '/compte' } }
            : { text: 'Se connecter', linkProps: { href: '/connexion' } },
        ]}
      />
    </>
  );
}
