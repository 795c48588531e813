import { useCallback, useState } from 'react';
import { errorMessage } from '../api/http.ts';

/** Runs an admin action, keeping its French error (problem `detail`) or success message. */
export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (action: () => Promise<unknown>, successMessage: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setSuccess(null);
    try {
      await action();
      setSuccess(successMessage);
      return true;
    } catch (cause) {
      setError(errorMessage(cause));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setSuccess(null);
  }, []);

  return { error, success, busy, run, clear, setError, setSuccess };
}
