import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../client/http.ts';
import { focusFirstInvalidField } from './fields.ts';
import { checkedGeneral, problemFields, type FieldErrors, type FieldMap } from './problem-fields.ts';

export type { FieldErrors, FieldMap } from './problem-fields.ts';

export interface FormOptions {
  /** Server fields shown on another field of the form: `{ lon: 'lat' }`, `{ 'contact/phone': 'phone' }`. */
  fieldMap?: FieldMap;
  /** The form's `id`: each refusal (its own checks or the server's) then focuses its first wrong field. */
  formId?: string;
  /** A general error shown from the start (a failed ProConnect sign-in coming back to the page). */
  general?: string | null;
}

export interface FormState {
  /** The general error, in French: the problem's `detail`, or the sentence of the form's own checks. */
  general: string | null;
  /** Messages per field, from the form's checks or from the problem's `errors[].pointer`. */
  errors: FieldErrors;
  busy: boolean;
  success: string | null;
  /** The form's own checks: shows `fields` and the general sentence; true when nothing is refused. */
  check: (fields: FieldErrors) => boolean;
  /**
   * Runs `action` (busy meanwhile, previous outcome cleared): on success shows `successMessage` if
   * given, on failure the problem's detail and its fields. Resolves to whether it succeeded.
   */
  send: (action: () => Promise<unknown>, successMessage?: string) => Promise<boolean>;
  /** Forgets errors and success message. */
  clear: () => void;
  /** A general error of the page's own (« Choisissez la commune du secteur. »), leaving the rest as it is. */
  setGeneral: (message: string | null) => void;
  /** A success message of the page's own (an answer that only the page can word), leaving the rest as it is. */
  setSuccess: (message: string | null) => void;
}

const NONE: FieldErrors = {};

/** The one state of a form, or of an action button: busy, general error, errors per field, success message. */
export function useForm(options: FormOptions = {}): FormState {
  const [general, setGeneral] = useState<string | null>(options.general ?? null);
  const [errors, setErrors] = useState<FieldErrors>(NONE);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);
  const fieldMap = useRef(options.fieldMap);
  fieldMap.current = options.fieldMap;
  const { formId } = options;

  useEffect(() => {
    if (formId && Object.keys(errors).length > 0) focusFirstInvalidField(formId);
  }, [errors, formId]);

  const check = useCallback((fields: FieldErrors): boolean => {
    const refused = checkedGeneral(fields);
    setErrors(fields);
    setGeneral(refused);
    setSuccess(null);
    return refused === null;
  }, []);

  const send = useCallback(async (action: () => Promise<unknown>, successMessage?: string): Promise<boolean> => {
    setBusy(true);
    setGeneral(null);
    setErrors(NONE);
    setSuccess(null);
    try {
      await action();
      if (successMessage !== undefined) setSuccess(successMessage);
      return true;
    } catch (cause) {
      setErrors(problemFields(cause, fieldMap.current));
      setGeneral(errorMessage(cause));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setGeneral(null);
    setErrors(NONE);
    setSuccess(null);
  }, []);

  return { general, errors, busy, success, check, send, clear, setGeneral, setSuccess };
}
