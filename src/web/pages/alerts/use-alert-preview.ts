import { useEffect, useState } from 'react';
import type { AlertPreview, AlertPreviewRequest } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { errorMessage } from '../../client/http.ts';

export type Draft = AlertPreviewRequest;

const DEBOUNCE_MS = 350;

/**
 * The server's preview of a draft (SMS segments, encoding, cost; who is alerted now; communes with
 * nobody to alert), asked again a moment after the draft stops changing; stale answers are dropped.
 */
export function useAlertPreview(draft: Draft | null): {
  data: AlertPreview | null;
  error: string | null;
  loading: boolean;
} {
  const key = draft ? JSON.stringify(draft) : '';
  const [data, setData] = useState<AlertPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!key) {
      setData(null);
      setError(null);
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      call(alertContracts.preview, { body: JSON.parse(key) as Draft }, { signal: controller.signal }).then(
        (preview) => {
          setData(preview);
          setError(null);
          setLoading(false);
        },
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          setData(null);
          setError(errorMessage(cause));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return { data, error, loading };
}
