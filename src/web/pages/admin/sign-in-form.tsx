import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { setAdminToken } from '../../api/admin-session.ts';
import { ApiError, errorMessage } from '../../api/http.ts';
import { api } from '../../api/territory-api.ts';
import { ErrorMessage } from '../../components/messages.tsx';

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
        hintText="Le jeton est affiché dans le journal du serveur à son démarrage."
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
