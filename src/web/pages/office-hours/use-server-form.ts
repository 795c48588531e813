import { useState } from 'react';
import { ApiError, errorMessage } from '../../client/http.ts';

type FieldErrors = Record<string, string>;

/**
 * The server's problem+json split per field: a pointer `/rdates/2` or `body/endTime` names its
 * first segment (`rdates`, `endTime`); the detail stays the general message.
 */
export function splitProblem(cause: unknown): { general: string; fields: FieldErrors } {
  const fields: FieldErrors = {};
  for (const item of cause instanceof ApiError ? (cause.problem?.errors ?? []) : []) {
    const field = item.pointer?.replace(/^body/, '').split('/').filter(Boolean)[0];
    if (field && !fields[field]) fields[field] = item.message;
  }
  return { general: errorMessage(cause), fields };
}

export function fieldState(message: string | undefined) {
  return message ? { state: 'error' as const, stateRelatedMessage: message } : {};
}

/**
 * A form's errors, general and per field, from its own checks (`refuse`) or from the server
 * (`send`); `mapFields` moves a server field onto the one the form shows (`lon` → `lat`).
 */
export function useServerForm(mapFields: (fields: FieldErrors) => FieldErrors = (fields) => fields) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Returns true when `fields` is empty (nothing refused). */
  function check(fields: FieldErrors): boolean {
    setErrors(fields);
    const ok = Object.keys(fields).length === 0;
    setGeneral(ok ? null : 'Le formulaire comporte des erreurs : corrigez les champs signalés.');
    return ok;
  }

  async function send(action: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } catch (cause) {
      const split = splitProblem(cause);
      setErrors(mapFields(split.fields));
      setGeneral(split.general);
    } finally {
      setBusy(false);
    }
  }

  return { errors, general, busy, check, send };
}
