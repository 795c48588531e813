import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '../../../shared/requests/requests.schemas.ts';

export const TIME_OF_DAY_LABELS = {
  morning: 'Le matin',
  afternoon: 'L’après-midi',
  evening: 'Le soir',
  night: 'La nuit',
  any: 'À toute heure',
} as const;

const STATUS_SEVERITY: Record<RequestStatus, 'new' | 'info' | 'warning' | 'success' | undefined> = {
  new: 'new',
  acknowledged: 'info',
  in_progress: 'warning',
  answered: 'success',
  closed: undefined,
};

/** Parses « 49,12 » or « 49.12 ». */
export function parseCoordinate(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

/** « 49,1195 »: the French decimal comma of the coordinate fields, every digit kept (an address's point stays exact). */
export function formatCoordinate(value: number): string {
  return String(value).replace('.', ',');
}

/** A random key for the `Idempotency-Key` header (crypto.randomUUID needs a secure context, getRandomValues does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function StatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Badge as="span" noIcon small severity={STATUS_SEVERITY[status]}>
      {REQUEST_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The `<option>`s of a label map (status, category, time of day). */
export function labelOptions(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
