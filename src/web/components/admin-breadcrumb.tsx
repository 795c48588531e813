import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';

export interface Crumb {
  label: string;
  href: string;
}

/** Accueil › Espace administrateur › … › current page. */
export function AdminBreadcrumb({ current, parents = [] }: { current: string; parents?: Crumb[] }) {
  return (
    <Breadcrumb
      className="fr-mt-0 fr-mb-3w"
      homeLinkProps={{ href: '/' }}
      segments={[{ label: 'Espace administrateur', linkProps: { href: '/admin' } }, ...parents].map((crumb) =>
        'linkProps' in crumb ? crumb : { label: crumb.label, linkProps: { href: crumb.href } },
      )}
      currentPageLabel={current}
    />
  );
}
