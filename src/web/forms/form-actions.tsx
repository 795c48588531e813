import { Button } from '@codegouvfr/react-dsfr/Button';

/** « Ajouter … » (or « Enregistrer » and « Annuler » while editing), disabled while the form is sent. */
export function FormActions({
  editing,
  busy,
  onCancel,
  createLabel,
}: {
  editing: boolean;
  busy: boolean;
  onCancel: () => void;
  createLabel: string;
}) {
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
