/** A DSFR field's `state` and `stateRelatedMessage` from its message, if any: `<Input {...fieldState(form.errors.name)} />`. */
export function fieldState(message: string | undefined) {
  return message ? { state: 'error' as const, stateRelatedMessage: message } : {};
}

/** Moves the focus to the first field of a form once React has rendered the edit mode. */
export function focusFirstField(formId: string): void {
  window.setTimeout(() => {
    const form = document.getElementById(formId);
    form?.scrollIntoView({ block: 'start' });
    form
      ?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea')
      ?.focus({ preventScroll: true });
  }, 0);
}

/** A control inside a DSFR field, group or fieldset in its error state. */
const INVALID_CONTROL =
  ':is(.fr-input-group--error, .fr-select-group--error, .fr-fieldset--error) :is(input, select, textarea)';

/** Takes the reader to the first wrong field of a refused form (on a phone its message may be off screen). */
export function focusFirstInvalidField(formId: string): void {
  document.querySelector<HTMLElement>(`#${formId} ${INVALID_CONTROL}`)?.focus();
}
