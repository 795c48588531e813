import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { useDocumentTitle } from '../../app/hooks.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';

interface Section {
  title: string;
  href: string;
  desc: string;
}

const territorySections: Section[] = [
  { title: 'Départements', href: '/admin/departements', desc: 'Créer, renommer ou supprimer les départements.' },
  {
    title: 'Circonscriptions',
    href: '/admin/circonscriptions',
    desc: 'Circonscriptions de police et compagnies de gendarmerie.',
  },
  { title: 'Communes', href: '/admin/communes', desc: 'Les communes (code INSEE) et leur circonscription.' },
  { title: 'Secteurs', href: '/admin/secteurs', desc: 'Tracer, modifier ou supprimer les secteurs des communes.' },
  {
    title: 'Import de secteurs',
    href: '/admin/secteurs/import',
    desc: 'Importer des secteurs depuis un fichier GeoJSON.',
  },
  { title: 'Test d’adresse', href: '/admin/test-adresse', desc: 'Retrouver le secteur d’un point de la carte.' },
  {
    title: 'Boîtes e-mail des secteurs',
    href: '/admin/boites-mail',
    desc: 'Les adresses dont les messages deviennent des demandes du secteur.',
  },
];

const accessSections: Section[] = [
  {
    title: 'Utilisateurs',
    href: '/admin/utilisateurs',
    desc: 'Inviter des utilisateurs, attribuer les rôles, suspendre un compte.',
  },
  {
    title: 'Journal d’audit',
    href: '/admin/journal',
    desc: 'Qui a fait quoi, et quand : consulter et exporter le journal.',
  },
  {
    title: 'Applications Open311',
    href: '/admin/open311',
    desc: 'Clés d’API des applications qui déposent des demandes par Open311.',
  },
  {
    title: 'Délais cibles par catégorie',
    href: '/demandes/delais',
    desc: 'Délais de prise en compte et de réponse des demandes, fixés pour chaque département.',
  },
];

function Tiles({ sections }: { sections: Section[] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters psq-plain-list">
      {sections.map((section) => (
        <li key={section.href} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
          <Tile
            title={section.title}
            desc={section.desc}
            linkProps={{ href: section.href }}
            enlargeLinkOrButton
            orientation="horizontal"
            titleAs="h3"
          />
        </li>
      ))}
    </ul>
  );
}

/** The administrator's home (the route guard has already checked the session and the `admin` role). */
export function AdminHomePage() {
  useDocumentTitle('Espace administrateur');
  const session = useSession();
  const scopes = fullySignedIn(session)
    ? session.me.user.roles.filter((assignment) => assignment.role === 'admin')
    : [];
  return (
    <>
      <h1>Espace administrateur</h1>
      <p>Vous êtes connecté en tant qu’administrateur.</p>
      {scopes.length > 0 && (
        <p className="fr-text--sm">Votre périmètre : {scopes.map((scope) => scope.scopeName).join(', ')}.</p>
      )}
      <h2 className="fr-h4">Gestion du territoire</h2>
      <Tiles sections={territorySections} />
      <h2 className="fr-h4 fr-mt-4w">Comptes et traçabilité</h2>
      <Tiles sections={accessSections} />
    </>
  );
}
