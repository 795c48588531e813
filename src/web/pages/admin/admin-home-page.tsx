import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { setAdminToken, useAdminToken } from '../../api/admin-session.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { SignInForm } from './sign-in-form.tsx';

const sections = [
  { title: 'Départements', href: '/admin/departements', desc: 'Créer, renommer ou supprimer les départements.' },
  { title: 'Circonscriptions', href: '/admin/circonscriptions', desc: 'Circonscriptions de police et compagnies de gendarmerie.' },
  { title: 'Communes', href: '/admin/communes', desc: 'Les communes (code INSEE) et leur circonscription.' },
  { title: 'Secteurs', href: '/admin/secteurs', desc: 'Tracer, modifier ou supprimer les secteurs des communes.' },
  { title: 'Import de secteurs', href: '/admin/secteurs/import', desc: 'Importer des secteurs depuis un fichier GeoJSON.' },
  { title: 'Test d’adresse', href: '/admin/test-adresse', desc: 'Retrouver le secteur d’un point de la carte.' },
];

export function AdminHomePage() {
  useDocumentTitle('Espace administrateur');
  const signedIn = useAdminToken() !== null;
  return (
    <>
      <h1>Espace administrateur</h1>
      {!signedIn ? (
        <>
          <p>Gérez le territoire de la sécurité du quotidien : départements, circonscriptions, communes et secteurs.</p>
          <SignInForm />
        </>
      ) : (
        <>
          <p>Vous êtes connecté en tant qu’administrateur.</p>
          <h2 className="fr-h4">Gestion du territoire</h2>
          <ul className="fr-grid-row fr-grid-row--gutters psq-plain-list">
            {sections.map((section) => (
              <li key={section.href} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                <Tile title={section.title} desc={section.desc} linkProps={{ href: section.href }} enlargeLinkOrButton orientation="horizontal" titleAs="h3" />
              </li>
            ))}
          </ul>
          <Button className="fr-mt-4w" priority="secondary" iconId="fr-icon-logout-box-r-line" onClick={() => setAdminToken(null)}>
            Se déconnecter
          </Button>
        </>
      )}
    </>
  );
}
