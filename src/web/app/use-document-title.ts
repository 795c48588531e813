import { useEffect } from 'react';

export const SITE_NAME = 'PSQ';

/** Sets a unique `<title>`: « Accueil — PSQ ». */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} — ${SITE_NAME}`;
  }, [pageTitle]);
}
