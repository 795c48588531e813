import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { useRef, useState, type FormEvent } from 'react';
import { authContracts } from '../../../shared/identity/auth.contracts.ts';
import type { InvitationInfo } from '../../../shared/identity/identity.schemas.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink, navigate } from '../../app/router.tsx';
import { setSignInNotice } from '../../app/sign-in-flow.ts';
import { call } from '../../client/call.ts';
import { authAnswer } from '../../client/session.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

const TITLE = 'Créer mon mot de passe';
const PASSWORD_HINT = '12 caractères au minimum. Une phrase de passe est plus facile à retenir.';
const MIN_LENGTH = 12;

/** `/invitation/:token`: the link of the invitation e-mail; the invited person chooses a password. */
export function InvitationPage({ token }: { token: string }) {
  useDocumentTitle(TITLE);
  const invitation = useAsync(() => call(authContracts.invitation, { params: { token } }, authAnswer), [token]);

  return (
    <>
      <h1>{TITLE}</h1>
      {invitation.loading && !invitation.data && <Loading />}
      {invitation.error && (
        <>
          <ErrorMessage title="Ce lien d’invitation ne peut pas être utilisé" message={invitation.error} />
          <p>Demandez à l’administrateur de votre territoire de vous envoyer une nouvelle invitation.</p>
          <p>
            <AppLink href="/connexion">Aller à la page de connexion</AppLink>
          </p>
        </>
      )}
      {invitation.data && <PasswordForm token={token} invitation={invitation.data} />}
    </>
  );
}

function PasswordForm({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const form = useForm();
  const formRef = useRef<HTMLFormElement>(null);

  function focusPassword(): void {
    window.setTimeout(() => formRef.current?.querySelector<HTMLInputElement>('input[name="password"]')?.focus(), 0);
  }

  function fail(message: string): void {
    form.setGeneral(message);
    focusPassword();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return fail(`Le mot de passe doit compter au moins ${MIN_LENGTH} caractères.`);
    if (password !== confirmation) return fail('Les deux mots de passe saisis ne sont pas identiques.');
    const saved = await form.send(async () => {
      await call(authContracts.acceptInvitation, { params: { token }, body: { password } }, authAnswer);
      setSignInNotice({
        severity: 'success',
        message: 'Votre mot de passe a été enregistré : vous pouvez maintenant vous connecter.',
      });
      navigate('/connexion', { replace: true });
    });
    if (!saved) focusPassword();
  }

  return (
    <>
      <p className="fr-text--lead">
        Bienvenue {invitation.displayName}. Choisissez le mot de passe de votre compte PSQ : vous l’utiliserez avec
        votre adresse électronique pour vous connecter.
      </p>
      <form
        ref={formRef}
        className="psq-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="mot-de-passe-titre"
      >
        <h2 id="mot-de-passe-titre" className="fr-h5">
          Votre mot de passe
        </h2>
        <ErrorMessage message={form.general} />
        <Input
          label="Adresse électronique"
          hintText="L’adresse à laquelle l’invitation a été envoyée."
          nativeInputProps={{
            type: 'email',
            name: 'email',
            autoComplete: 'username',
            readOnly: true,
            value: invitation.email,
          }}
        />
        <PasswordInput
          label="Mot de passe"
          hintText={PASSWORD_HINT}
          messagesHint=""
          nativeInputProps={{
            name: 'password',
            autoComplete: 'new-password',
            required: true,
            minLength: MIN_LENGTH,
            value: password,
            onChange: (event) => setPassword(event.target.value),
          }}
        />
        <PasswordInput
          label="Confirmation du mot de passe"
          hintText="Saisissez à nouveau le même mot de passe."
          messagesHint=""
          nativeInputProps={{
            name: 'confirmation',
            autoComplete: 'new-password',
            required: true,
            value: confirmation,
            onChange: (event) => setConfirmation(event.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-check-line" disabled={form.busy}>
          Enregistrer mon mot de passe
        </Button>
      </form>
    </>
  );
}
