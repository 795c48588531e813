import { Button } from '@codegouvfr/react-dsfr/Button';
import type { NotificationChannel } from '../../../shared/notifications/notification-preferences.schemas.ts';
import { preferenceContracts } from '../../../shared/notifications/preferences.contracts.ts';
import { call } from '../../client/call.ts';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

const CHANNEL_NAMES: Record<NotificationChannel, string> = {
  in_app: 'dans l’application',
  email: 'courriel',
  sms: 'SMS',
  push: 'notification sur vos appareils',
};

/** Sends oneself a test message on every channel one's settings reach (limited to 3 a minute). */
export function TestMessageButton() {
  const action = useForm();
  async function send() {
    let sent: NotificationChannel[] = [];
    const ok = await action.send(async () => {
      sent = (await call(preferenceContracts.sendTest)).channels;
    });
    if (ok) action.setSuccess(`Message de test envoyé : ${sent.map((c) => CHANNEL_NAMES[c]).join(', ')}.`);
  }
  return (
    <>
      <ErrorMessage message={action.general} />
      <SuccessMessage message={action.success} />
      <Button priority="secondary" iconId="fr-icon-mail-line" disabled={action.busy} onClick={() => void send()}>
        M’envoyer un message de test
      </Button>
    </>
  );
}
