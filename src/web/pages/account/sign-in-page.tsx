import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { authContracts, proconnectContracts } from '../../../shared/identity/auth.contracts.ts';
import { ROLE_LABELS, type DemoAccount } from '../../../shared/identity/identity.schemas.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { nextStep, safeReturnPath, setSignInNotice, useSignInNotice } from '../../app/sign-in-flow.ts';
import { call, urlOf } from '../../client/call.ts';
import { authAnswer, fullySignedIn, refreshSession, setMe, useSession } from '../../client/session.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

/** `?erreur=` set by the server when a ProConnect sign-in fails. */
function providerError(code: string | null): string | null {
  if (!code) return null;
  switch (code) {
    case 'proconnect-indisponible':
      return (
        'ProConnect est momentanément indisponible : réessayez plus tard, ou ' +
        'connectez-vous avec votre adresse électronique.'
      );
    case 'proconnect-session':
      return 'La connexion avec ProConnect a expiré ou a été interrompue : recommencez.';
    case 'compte-suspendu':
      return 'Votre compte est suspendu : contactez l’administrateur de votre territoire.';
    case 'compte-inconnu':
      return (
        'Aucun compte PSQ ne correspond à votre identité ProConnect : demandez une ' +
        'invitation à l’administrateur de votre territoire.'
      );
    default:
      return 'La connexion avec ProConnect a échoué : recommencez, ou connectez-vous avec votre adresse électronique.';
  }
}

/** `/connexion`: e-mail and password; then the second factor, then the page asked for (`?retour=`). */
export function SignInPage() {
  useDocumentTitle('Connexion');
  const { search } = useLocation();
  const returnPath = safeReturnPath(search.get('retour'));
  const notice = useSignInNotice();
  const session = useSession();
  const providers = useAsync(
    () => call(authContracts.providers, {}, authAnswer).catch(() => ({ proconnect: false })),
    [],
  );
  const demoAccounts = useAsync(
    () =>
      call(authContracts.demoAccounts, {}, authAnswer)
        .then((list) => list.items)
        .catch(() => []),
    [],
  );
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm({ general: providerError(search.get('erreur')) });
  const { busy } = form;

  // Already signed in (a bookmark, the back button): straight to the requested page.
  const alreadySignedIn = fullySignedIn(session) && !busy;
  useEffect(() => {
    if (alreadySignedIn) navigate(returnPath, { replace: true });
  }, [alreadySignedIn, returnPath]);

  async function signInWith(emailValue: string, passwordValue: string): Promise<void> {
    if (!emailValue.trim() || !passwordValue) {
      form.setGeneral('Saisissez votre adresse électronique et votre mot de passe.');
      return;
    }
    setSignInNotice(null);
    // The page moves on inside the action: while busy, the guard above leaves the new session alone.
    await form.send(async () => {
      const me = await call(
        authContracts.signIn,
        { body: { email: emailValue.trim(), password: passwordValue } },
        authAnswer,
      );
      setMe(me);
      const current = (await refreshSession()) ?? me;
      navigate(nextStep(current, returnPath));
    });
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void signInWith(email, password);
  }

  function signInWithDemo(account: DemoAccount): void {
    setEmail(account.email);
    setPassword(account.password);
    void signInWith(account.email, account.password);
  }

  return (
    <>
      <h1>Connexion</h1>
      {notice && (
        <Alert className="fr-mb-3w" severity={notice.severity} small description={notice.message} role="status" />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          {providers.data?.proconnect && (
            <div className="fr-mb-4w">
              <h2 className="fr-h5">Avec ProConnect</h2>
              <p className="fr-text--sm">Agents publics : utilisez le compte de votre administration.</p>
              <ProConnectButton url={urlOf(proconnectContracts.start)} />
              <p className="fr-hr-or">ou</p>
            </div>
          )}
          <form className="psq-form" onSubmit={submit} noValidate aria-labelledby="connexion-formulaire-titre">
            <h2 id="connexion-formulaire-titre" className="fr-h5">
              Avec votre adresse électronique
            </h2>
            <ErrorMessage message={form.general} />
            <Input
              label="Adresse électronique"
              hintText="Format attendu : nom@domaine.fr"
              nativeInputProps={{
                type: 'email',
                name: 'email',
                autoComplete: 'username',
                required: true,
                spellCheck: false,
                value: email,
                onChange: (event) => setEmail(event.target.value),
              }}
            />
            <PasswordInput
              label="Mot de passe"
              messagesHint=""
              nativeInputProps={{
                name: 'password',
                autoComplete: 'current-password',
                required: true,
                value: password,
                onChange: (event) => setPassword(event.target.value),
              }}
            />
            <Button type="submit" iconId="fr-icon-lock-line" disabled={busy}>
              Se connecter
            </Button>
          </form>
        </div>
      </div>
      {demoAccounts.data && demoAccounts.data.length > 0 && (
        <DemoAccounts accounts={demoAccounts.data} busy={busy} onUse={signInWithDemo} />
      )}
    </>
  );
}

function DemoAccounts({
  accounts,
  busy,
  onUse,
}: {
  accounts: DemoAccount[];
  busy: boolean;
  onUse: (account: DemoAccount) => void;
}) {
  const rows = accounts.map((account) => [
    ROLE_LABELS[account.role],
    account.scope,
    <span className="psq-code" key="email">
      {account.email}
    </span>,
    <span className="psq-code" key="password">
      {account.password}
    </span>,
    <Button key="use" size="small" priority="secondary" disabled={busy} onClick={() => onUse(account)}>
      Se connecter avec ce compte
      <span className="fr-sr-only">
        {' '}
        : {ROLE_LABELS[account.role]}, {account.scope}
      </span>
    </Button>,
  ]);
  return (
    <section className="fr-mt-6w" aria-labelledby="comptes-demo-titre">
      <h2 id="comptes-demo-titre" className="fr-h4">
        Comptes de démonstration
      </h2>
      <p>Version de démonstration : un compte par rôle, sans double authentification. Les données sont fictives.</p>
      <Table
        caption="Comptes de démonstration"
        noCaption
        headers={['Rôle', 'Périmètre', 'Adresse électronique', 'Mot de passe', 'Action']}
        data={rows}
        bordered
        className="psq-table"
      />
    </section>
  );
}
