import { AppLink } from '../app/app-link.tsx';
import { useDocumentTitle } from '../app/use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>
        <AppLink href="/">Retourner à l’accueil</AppLink>
      </p>
    </>
  );
}
