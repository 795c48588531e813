import { Alert } from '@codegouvfr/react-dsfr/Alert';

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
