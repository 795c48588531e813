import { Button } from '@codegouvfr/react-dsfr/Button';
import { ackContracts } from '../../../shared/alerts/ack.contracts.ts';
import { call } from '../../client/call.ts';
import { useForm } from '../../forms/use-form.ts';

/** One click acknowledges an alert in the app (the signed-in person is one of its recipients). */
export function AlertAckButton({
  alertId,
  label,
  onDone,
}: {
  alertId: string;
  label?: string;
  onDone: (message: string) => void;
}) {
  const ack = useForm();

  async function acknowledge(): Promise<void> {
    await ack.send(async () => {
      const result = await call(ackContracts.acknowledgeInApp, { params: { id: alertId } });
      onDone(result.message);
    });
  }

  return (
    <>
      <Button
        iconId="fr-icon-checkbox-circle-line"
        disabled={ack.busy}
        onClick={() => void acknowledge()}
        nativeButtonProps={label ? { 'aria-label': label } : {}}
      >
        J’accuse réception
      </Button>
      {ack.general && (
        <span className="fr-error-text psq-block" role="alert">
          {ack.general}
        </span>
      )}
    </>
  );
}
