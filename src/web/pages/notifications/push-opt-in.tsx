import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../client/http.ts';
import { disablePush, enablePush, pushState, type PushState } from '../../client/push.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';

const STATE_TEXT: Record<PushState, string> = {
  unsupported: 'Ce navigateur ne permet pas de recevoir des notifications.',
  denied:
    'Les notifications sont bloquées pour ce site dans les réglages du ' +
    'navigateur : autorisez-les pour les activer ici.',
  off: 'Les notifications ne sont pas activées sur cet appareil.',
  on: 'Les notifications sont activées sur cet appareil.',
};

/** Web push opt-in for this browser (service worker public/sw.js, VAPID key from the server). */
export function PushOptIn({ subscriptions }: { subscriptions: number }) {
  const [state, setState] = useState<PushState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    pushState().then(setState, () => setState('unsupported'));
  }, []);

  async function run(action: () => Promise<PushState>) {
    setBusy(true);
    try {
      setState(await action());
      setError(null);
    } catch (caught) {
      setError(
        caught instanceof Error && !('status' in caught)
          ? 'L’activation a échoué : le navigateur a refusé l’abonnement.'
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorMessage message={error} />
      <p role="status">{state ? STATE_TEXT[state] : ''}</p>
      {subscriptions > 0 && <p className="fr-text--sm">Appareils abonnés sur votre compte : {subscriptions}.</p>}
      {state === 'on' ? (
        <Button priority="secondary" iconId="fr-icon-close-line" disabled={busy} onClick={() => void run(disablePush)}>
          Désactiver les notifications sur cet appareil
        </Button>
      ) : (
        <Button
          iconId="fr-icon-check-line"
          disabled={busy || state === 'unsupported' || state === null}
          onClick={() => void run(enablePush)}
        >
          Activer les notifications sur cet appareil
        </Button>
      )}
    </>
  );
}
