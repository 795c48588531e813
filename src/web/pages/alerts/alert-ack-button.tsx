import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { ackContracts } from '../../../shared/alerts/ack.contracts.ts';
import { call } from '../../client/call.ts';
import { errorMessage } from '../../client/http.ts';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function acknowledge(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result = await call(ackContracts.acknowledgeInApp, { params: { id: alertId } });
      onDone(result.message);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        iconId="fr-icon-checkbox-circle-line"
        disabled={busy}
        onClick={() => void acknowledge()}
        nativeButtonProps={label ? { 'aria-label': label } : {}}
      >
        J’accuse réception
      </Button>
      {error && (
        <span className="fr-error-text psq-block" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
