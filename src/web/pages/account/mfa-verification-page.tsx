import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { authContracts } from '../../../shared/identity/auth.contracts.ts';
import { useDocumentTitle } from '../../app/hooks.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { nextStep, safeReturnPath, withReturn } from '../../app/sign-in-flow.ts';
import { call } from '../../client/call.ts';
import { authAnswer, refreshSession, setMe, useSession } from '../../client/session.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

const CODE_PATTERN = /^[0-9]{6}$/;
const RECOVERY_PATTERN = /^[A-Za-z0-9-]{8,20}$/;

/** `/connexion/verification`: the 6-digit code of the authenticator app, or a recovery code. */
export function MfaVerificationPage() {
  useDocumentTitle('Vérification en deux étapes');
  const { search } = useLocation();
  const returnPath = safeReturnPath(search.get('retour'));
  const session = useSession();
  const [recoveryMode, setRecoveryMode] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const form = useForm();
  const { busy } = form;
  const inputRef = useRef<HTMLInputElement>(null);

  // No session waiting for its second factor (signed out, or already done): this step has nothing to do.
  const elsewhere =
    session.status === 'signed-out'
      ? withReturn('/connexion', returnPath)
      : session.status === 'signed-in' && session.me.mfa !== 'required' && !busy
        ? nextStep(session.me, returnPath)
        : null;
  useEffect(() => {
    if (elsewhere) navigate(elsewhere, { replace: true });
  }, [elsewhere]);

  function toggle(): void {
    setRecoveryMode((value) => !value);
    form.setGeneral(null);
    window.setTimeout(() => inputRef.current?.focus(), 0);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const value = recoveryMode ? recoveryCode.trim() : code.replace(/\s+/g, '');
    if (recoveryMode ? !RECOVERY_PATTERN.test(value) : !CODE_PATTERN.test(value)) {
      form.setGeneral(
        recoveryMode
          ? 'Saisissez l’un de vos codes de secours, tel qu’il vous a été remis.'
          : 'Saisissez les 6 chiffres affichés par votre application.',
      );
      inputRef.current?.focus();
      return;
    }
    // The page moves on inside the action: while busy, the redirection above leaves the new session alone.
    const verified = await form.send(async () => {
      const me = await call(
        authContracts.verifyMfa,
        { body: recoveryMode ? { recoveryCode: value } : { code: value } },
        authAnswer,
      );
      setMe(me);
      const current = (await refreshSession()) ?? me;
      navigate(nextStep(current, returnPath), { replace: true });
    });
    if (!verified) inputRef.current?.focus();
  }

  if (session.status !== 'signed-in' || elsewhere) {
    return (
      <>
        <h1>Vérification en deux étapes</h1>
        <Loading label="Vérification de la session…" />
      </>
    );
  }

  return (
    <>
      <h1>Vérification en deux étapes</h1>
      <p className="fr-text--lead">
        Pour protéger votre compte, saisissez le code affiché par votre application d’authentification.
      </p>
      <form
        className="psq-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="verification-titre"
      >
        <h2 id="verification-titre" className="fr-h5">
          {recoveryMode ? 'Avec un code de secours' : 'Avec votre application d’authentification'}
        </h2>
        <ErrorMessage message={form.general} />
        {recoveryMode ? (
          <Input
            key="recovery"
            label="Code de secours"
            hintText="L’un des codes remis lors de l’activation. Chaque code ne sert qu’une fois."
            nativeInputProps={{
              ref: inputRef,
              name: 'recoveryCode',
              autoComplete: 'off',
              spellCheck: false,
              required: true,
              value: recoveryCode,
              onChange: (event) => setRecoveryCode(event.target.value),
            }}
          />
        ) : (
          <Input
            key="code"
            label="Code à 6 chiffres"
            hintText="Le code change toutes les 30 secondes."
            nativeInputProps={{
              ref: inputRef,
              name: 'code',
              inputMode: 'numeric',
              autoComplete: 'one-time-code',
              pattern: '[0-9]{6}',
              maxLength: 6,
              required: true,
              value: code,
              onChange: (event) => setCode(event.target.value),
            }}
          />
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconId="fr-icon-check-line" disabled={busy}>
              Vérifier
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={toggle}>
              {recoveryMode ? 'Utiliser le code de l’application' : 'Utiliser un code de secours'}
            </Button>
          </li>
        </ul>
      </form>
    </>
  );
}
