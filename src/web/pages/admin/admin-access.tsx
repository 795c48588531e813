import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage, setAdminToken, useAdminToken } from '../../client/http.ts';
import { api } from '../../client/territory-api.ts';
import { useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, ErrorMessage } from '../../components/page-parts.tsx';

/** Admin pages require the admin token: while signed out, the page's title and a sign-in form. */
export function AdminGuard({ title, children }: { title: string; children: ReactNode }) {
  const signedIn = useAdminToken() !== null;
  if (signedIn) return <>{children}</>;
  return <SignedOut title={title} />;
}

function SignedOut({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <AdminBreadcrumb current={title} />
      <h1>{title}</h1>
      <p>Cette page est réservée à l’administrateur. Connectez-vous pour continuer.</p>
      <SignInForm />
    </>
  );
}

/** Until the identity module lands, the administrator pastes the token printed by the server at start-up. */
export function SignInForm() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Saisissez le jeton d’administration.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.checkAdmin(value);
      setAdminToken(value);
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status === 401 ? 'Ce jeton d’administration n’est pas valide.' : errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="psq-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="connexion-titre">
      <h2 id="connexion-titre" className="fr-h4">
        Connexion administrateur
      </h2>
      <ErrorMessage message={error} />
      <Input
        label="Jeton d’administration"
        hintText="Le jeton se trouve dans le fichier admin-token du dossier de données (data/admin-token par défaut) ou dans la variable ADMIN_TOKEN ; le serveur en indique l’emplacement à son démarrage."
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error ?? undefined}
        nativeInputProps={{
          type: 'password',
          name: 'jeton',
          autoComplete: 'off',
          required: true,
          value: token,
          onChange: (event) => setToken(event.target.value),
        }}
      />
      <Button type="submit" iconId="fr-icon-lock-line" disabled={busy}>
        Se connecter
      </Button>
    </form>
  );
}

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
