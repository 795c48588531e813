import { Button } from '@codegouvfr/react-dsfr/Button';

/** Moves the focus to the first field of a form once React has rendered the edit mode. */
export function focusFirstField(formId: string): void {
  window.setTimeout(() => {
    const form = document.getElementById(formId);
    form?.scrollIntoView({ block: 'start' });
    form?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea')?.focus({ preventScroll: true });
  }, 0);
}

export function FormActions({ editing, busy, onCancel, createLabel }: { editing: boolean; busy: boolean; onCancel: () => void; createLabel: string }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
      <li>
        <Button type="submit" iconId={editing ? 'fr-icon-check-line' : 'fr-icon-add-line'} disabled={busy}>
          {editing ? 'Enregistrer' : createLabel}
        </Button>
      </li>
      {editing && (
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      )}
    </ul>
  );
}
