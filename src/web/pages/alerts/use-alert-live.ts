import { ALERT_UPDATED_EVENT, type AlertUpdatedEvent } from '../../../shared/alerts/alerts.schemas.ts';
import { DELIVERY_UPDATED_EVENT } from '../../../shared/platform/live.schemas.ts';
import { LIVE_OPEN_EVENT, useLiveEvent } from '../../client/live.ts';

function alertIdOf(data: unknown): string | null {
  const id = (data as Partial<AlertUpdatedEvent> | null)?.alertId;
  return typeof id === 'string' ? id : null;
}

/**
 * Calls `refresh` when the server announces a change to an alert (`alert.updated`: sent, acknowledged,
 * escalated, updated, closed) — only for `alertId` when given — and each time the live stream
 * (re)opens, since events raised while it was down are lost.
 */
export function useAlertLive(
  refresh: () => void,
  { alertId, enabled = true }: { alertId?: string; enabled?: boolean } = {},
): void {
  useLiveEvent(
    ALERT_UPDATED_EVENT,
    (data) => {
      if (alertId === undefined || alertIdOf(data) === alertId) refresh();
    },
    enabled,
  );
  // Receipts (remis, échec) and in-app reads reach the alert's sender as delivery events.
  useLiveEvent(DELIVERY_UPDATED_EVENT, () => refresh(), enabled);
  useLiveEvent(LIVE_OPEN_EVENT, () => refresh(), enabled);
}
