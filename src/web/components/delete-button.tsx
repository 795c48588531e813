import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';

/**
 * Two-step deletion without a modal: « Supprimer » then « Confirmer la suppression » / « Annuler ».
 * `label` names the element for screen readers (« Supprimer le département Moselle »).
 */
export function DeleteButton({ label, onConfirm, disabled }: { label: string; onConfirm: () => Promise<void> | void; disabled?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!confirming) {
    return (
      <Button
        size="small"
        priority="tertiary"
        iconId="fr-icon-delete-line"
        disabled={disabled}
        onClick={() => setConfirming(true)}
        nativeButtonProps={{ 'aria-label': label }}
      >
        Supprimer
      </Button>
    );
  }
  async function confirm(): Promise<void> {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <span className="psq-confirm">
      <Button
        size="small"
        priority="primary"
        className="psq-danger"
        disabled={busy}
        onClick={() => void confirm()}
        nativeButtonProps={{ 'aria-label': `Confirmer la suppression : ${label.replace(/^Supprimer /, '')}`, autoFocus: true }}
      >
        Confirmer la suppression
      </Button>
      <Button size="small" priority="secondary" disabled={busy} onClick={() => setConfirming(false)}>
        Annuler
      </Button>
    </span>
  );
}
