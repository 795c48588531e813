import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { authContracts } from '../../../shared/identity/auth.contracts.ts';
import type { MfaEnrolment } from '../../../shared/identity/identity.schemas.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { nextStep, safeReturnPath, withReturn } from '../../app/sign-in-flow.ts';
import { call } from '../../client/call.ts';
import { authAnswer, refreshSession, useSession } from '../../client/session.ts';
import { groupBy4, svgDataUrl } from '../../components/identity-display.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

const TITLE = 'Activer la double authentification';

/** `/connexion/activation-mfa`: QR code and key for the authenticator app, a first code, then the recovery codes. */
export function MfaEnrolmentPage() {
  useDocumentTitle(TITLE);
  const { search } = useLocation();
  const returnPath = safeReturnPath(search.get('retour'));
  const session = useSession();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const mustEnrol = session.status === 'signed-in' && session.me.mfa === 'enrol';
  const enrolment = useAsync(
    () => (mustEnrol ? call(authContracts.enrolMfa, {}, authAnswer) : Promise.resolve(null)),
    [mustEnrol],
  );

  // Signed out, or nothing to set up (second factor to pass, or already active): go where the session belongs.
  const elsewhere =
    recoveryCodes !== null
      ? null
      : session.status === 'signed-out'
        ? withReturn('/connexion', returnPath)
        : session.status === 'signed-in' && !mustEnrol
          ? nextStep(session.me, returnPath)
          : null;
  useEffect(() => {
    if (elsewhere) navigate(elsewhere, { replace: true });
  }, [elsewhere]);

  return (
    <>
      <h1>{TITLE}</h1>
      {recoveryCodes ? (
        <RecoveryCodesStep codes={recoveryCodes} onDone={() => navigate(returnPath, { replace: true })} />
      ) : (
        <>
          <p className="fr-text--lead">
            Votre compte donne accès à des informations sensibles : protégez-le par un code à usage unique, en plus de
            votre mot de passe.
          </p>
          <ErrorMessage message={enrolment.error} />
          {enrolment.data ? (
            <EnrolmentStep enrolment={enrolment.data} onConfirmed={setRecoveryCodes} />
          ) : (
            !enrolment.error && <Loading />
          )}
        </>
      )}
    </>
  );
}

function EnrolmentStep({
  enrolment,
  onConfirmed,
}: {
  enrolment: MfaEnrolment;
  onConfirmed: (codes: string[]) => void;
}) {
  const [code, setCode] = useState('');
  const form = useForm();
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(value)) {
      form.setGeneral('Saisissez les 6 chiffres affichés par votre application.');
      inputRef.current?.focus();
      return;
    }
    const confirmed = await form.send(async () => {
      const result = await call(authContracts.confirmMfa, { body: { code: value } }, authAnswer);
      // Codes first: once the session says `done`, the page must keep showing them rather than move on.
      onConfirmed(result.recoveryCodes);
      await refreshSession();
    });
    if (!confirmed) inputRef.current?.focus();
  }

  return (
    <ol className="psq-steps">
      <li>
        <h2 className="fr-h5">Installez une application d’authentification</h2>
        <p>Par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator, sur votre téléphone.</p>
      </li>
      <li>
        <h2 className="fr-h5">Ajoutez votre compte PSQ dans l’application</h2>
        <p>Scannez ce QR code avec l’application :</p>
        <img
          className="psq-qr"
          src={svgDataUrl(enrolment.qrSvg)}
          alt="QR code à scanner avec votre application d'authentification"
          width={200}
          height={200}
        />
        <p className="fr-mt-2w">
          Vous ne pouvez pas scanner ? Saisissez cette clé dans l’application (type : basé sur le temps) :{' '}
          <code className="psq-secret" data-testid="cle-secrete">
            {groupBy4(enrolment.secret)}
          </code>
        </p>
      </li>
      <li>
        <form
          className="psq-form"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby="confirmation-titre"
        >
          <h2 id="confirmation-titre" className="fr-h5">
            Saisissez le code affiché par l’application
          </h2>
          <ErrorMessage message={form.general} />
          <Input
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
          <Button type="submit" iconId="fr-icon-check-line" disabled={form.busy}>
            Activer
          </Button>
        </form>
      </li>
    </ol>
  );
}

function RecoveryCodesStep({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby="codes-titre">
      <Alert
        className="fr-mb-3w"
        severity="success"
        small
        description="La double authentification est activée."
        role="status"
      />
      <h2 id="codes-titre" className="fr-h4" tabIndex={-1} ref={headingRef}>
        Vos codes de secours
      </h2>
      <p>
        Si vous perdez votre téléphone, chacun de ces codes permet de vous connecter une fois. Conservez-les en lieu sûr
        (gestionnaire de mots de passe, papier rangé) : ils ne seront plus affichés.
      </p>
      <ul className="psq-recovery-codes" aria-label="Codes de secours">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <Button iconId="fr-icon-arrow-right-line" iconPosition="right" onClick={onDone}>
        J'ai conservé mes codes
      </Button>
    </section>
  );
}
