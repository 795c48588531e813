import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState } from 'react';
import { authContracts } from '../../../shared/identity/auth.contracts.ts';
import { ROLE_LABELS, type User } from '../../../shared/identity/identity.schemas.ts';
import { useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { signOutToSignInPage } from '../../app/sign-in-flow.ts';
import { call } from '../../client/call.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { formatDateTime, scopeTypeLabels, StatusBadge } from '../../components/identity-display.tsx';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

/** `/compte`: who I am, my roles and territories, and my sessions (the route guard has checked the session). */
export function AccountPage() {
  useDocumentTitle('Mon compte');
  const session = useSession();
  const action = useForm();
  const [signingOut, setSigningOut] = useState(false);
  if (!fullySignedIn(session)) return null;
  const { user, demo } = session.me;

  async function signOutHere(): Promise<void> {
    setSigningOut(true);
    await signOutToSignInPage();
  }

  async function signOutOthers(): Promise<void> {
    await action.send(() => call(authContracts.signOutOthers), 'Vos autres sessions ont été déconnectées.');
  }

  return (
    <>
      <h1>Mon compte</h1>
      <ErrorMessage message={action.general} />
      <SuccessMessage message={action.success} />
      <h2 className="fr-h4">Identité</h2>
      <Identity user={user} demo={demo} />

      <h2 className="fr-h4 fr-mt-4w">Rôles et territoires</h2>
      {user.roles.length === 0 ? (
        <p>Aucun rôle ne vous est attribué pour le moment.</p>
      ) : (
        <Table
          caption="Mes rôles et les territoires où ils s’appliquent"
          noCaption
          headers={['Rôle', 'Type de territoire', 'Territoire']}
          data={user.roles.map((assignment) => [
            ROLE_LABELS[assignment.role],
            scopeTypeLabels[assignment.scopeType],
            assignment.scopeName,
          ])}
          bordered
          className="psq-table"
        />
      )}

      <h2 className="fr-h4 fr-mt-4w">Notifications</h2>
      <p>
        Numéro de mobile pour les SMS, heures calmes, canaux par type de message et notifications sur vos appareils :{' '}
        <AppLink href="/compte/notifications">préférences de notification</AppLink>.
      </p>

      <h2 className="fr-h4 fr-mt-4w">Sessions</h2>
      <p>
        Vous avez oublié de vous déconnecter d’un autre poste ou d’un téléphone ? Déconnectez vos autres sessions :
        seule celle-ci restera ouverte.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button iconId="fr-icon-logout-box-r-line" onClick={() => void signOutHere()} disabled={signingOut}>
            Se déconnecter
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-close-circle-line"
            onClick={() => void signOutOthers()}
            disabled={action.busy}
          >
            Déconnecter mes autres sessions
          </Button>
        </li>
      </ul>
    </>
  );
}

function Identity({ user, demo }: { user: User; demo: boolean }) {
  return (
    <dl className="psq-facts">
      <dt>Nom</dt>
      <dd>{user.displayName}</dd>
      <dt>Adresse électronique</dt>
      <dd>{user.email}</dd>
      <dt>Organisation</dt>
      <dd>{user.organisation?.name ?? 'Aucune'}</dd>
      <dt>Statut</dt>
      <dd>
        <StatusBadge status={user.status} />
      </dd>
      <dt>Double authentification</dt>
      <dd>{user.mfaEnabled ? 'Activée' : demo ? 'Non requise (compte de démonstration)' : 'Non activée'}</dd>
      <dt>Dernière connexion</dt>
      <dd>{formatDateTime(user.lastSignInAt)}</dd>
    </dl>
  );
}
