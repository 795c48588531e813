import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { ApiError } from '../../client/http.ts';
import { disablePush, enablePush, pushState, type PushState } from '../../client/push.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

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
  const form = useForm();

  useEffect(() => {
    pushState().then(setState, () => setState('unsupported'));
  }, []);

  async function run(action: () => Promise<PushState>) {
    await form.send(async () => {
      try {
        setState(await action());
      } catch (caught) {
        // The browser's own refusal (not an answer of the server) is worded here.
        throw caught instanceof Error && !('status' in caught)
          ? new ApiError(0, 'L’activation a échoué : le navigateur a refusé l’abonnement.', null)
          : caught;
      }
    });
  }

  return (
    <>
      <ErrorMessage message={form.general} />
      <p role="status">{state ? STATE_TEXT[state] : ''}</p>
      {subscriptions > 0 && <p className="fr-text--sm">Appareils abonnés sur votre compte : {subscriptions}.</p>}
      {state === 'on' ? (
        <Button
          priority="secondary"
          iconId="fr-icon-close-line"
          disabled={form.busy}
          onClick={() => void run(disablePush)}
        >
          Désactiver les notifications sur cet appareil
        </Button>
      ) : (
        <Button
          iconId="fr-icon-check-line"
          disabled={form.busy || state === 'unsupported' || state === null}
          onClick={() => void run(enablePush)}
        >
          Activer les notifications sur cet appareil
        </Button>
      )}
    </>
  );
}
