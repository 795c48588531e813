import { useEffect, useState } from 'react';

/** A success message carried across one client-side navigation (« Secteur créé. » after the form). */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function useFlash(): string | null {
  const [message] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return message;
}
