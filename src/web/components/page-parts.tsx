import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';

/** An error from the API (the problem's French `detail`), announced to assistive technologies. */
export function ErrorMessage({ message, title }: { message: string | null | undefined; title?: string }) {
  if (!message) return null;
  return title ? (
    <Alert className="fr-mb-3w" severity="error" role="alert" title={title} description={message} />
  ) : (
    <Alert className="fr-mb-3w" severity="error" role="alert" small description={message} />
  );
}

export function SuccessMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <Alert className="fr-mb-3w" severity="success" role="status" small description={message} />;
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="fr-text--sm psq-loading" role="status">
      {label}
    </p>
  );
}

export interface Crumb {
  label: string;
  href: string;
}

/** Accueil › Espace administrateur › … › current page. */
export function AdminBreadcrumb({ current, parents = [] }: { current: string; parents?: Crumb[] }) {
  return (
    <Breadcrumb
      className="fr-mt-0 fr-mb-3w"
      homeLinkProps={{ href: '/' }}
      segments={[{ label: 'Espace administrateur', linkProps: { href: '/admin' } }, ...parents].map((crumb) =>
        'linkProps' in crumb ? crumb : { label: crumb.label, linkProps: { href: crumb.href } },
      )}
      currentPageLabel={current}
    />
  );
}

/**
 * Two-step deletion without a modal: « Supprimer » then « Confirmer la suppression » / « Annuler ».
 * `label` names the element for screen readers (« Supprimer le département Moselle »).
 */
export function DeleteButton({
  label,
  onConfirm,
  disabled,
}: {
  label: string;
  onConfirm: () => Promise<void> | void;
  disabled?: boolean;
}) {
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
        nativeButtonProps={{
          'aria-label': `Confirmer la suppression : ${label.replace(/^Supprimer /, '')}`,
          autoFocus: true,
        }}
      >
        Confirmer la suppression
      </Button>
      <Button size="small" priority="secondary" disabled={busy} onClick={() => setConfirming(false)}>
        Annuler
      </Button>
    </span>
  );
}

/**
 * An action confirmed in two steps, without a modal: `label` then « Confirmer » / « Annuler ».
 * `accessibleLabel` names the target for screen readers (« Suspendre le compte de Jeanne Martin »).
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  confirmLabel,
  iconId,
  onConfirm,
  danger = false,
  size,
}: {
  label: string;
  accessibleLabel?: string;
  confirmLabel: string;
  iconId: 'fr-icon-lock-line' | 'fr-icon-check-line' | 'fr-icon-delete-line' | 'fr-icon-close-circle-line';
  onConfirm: () => Promise<unknown> | void;
  danger?: boolean;
  size?: 'small';
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <Button
        size={size}
        priority="secondary"
        iconId={iconId}
        onClick={() => setConfirming(true)}
        nativeButtonProps={accessibleLabel ? { 'aria-label': accessibleLabel } : {}}
      >
        {label}
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
        size={size}
        className={danger ? 'psq-danger' : undefined}
        disabled={busy}
        onClick={() => void confirm()}
        nativeButtonProps={{ autoFocus: true }}
      >
        {confirmLabel}
      </Button>
      <Button size={size} priority="secondary" disabled={busy} onClick={() => setConfirming(false)}>
        Annuler
      </Button>
    </span>
  );
}
