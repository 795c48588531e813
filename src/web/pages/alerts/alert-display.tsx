import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type {
  AlertKind,
  AlertRecipient,
  AlertSeverity,
  AlertStatus,
  CommuneRef,
} from '../../../shared/alerts/alerts.schemas.ts';
import { formatTime } from '../../../shared/format/french-dates.ts';

export const kindLabels: Record<AlertKind, string> = {
  intervention: 'Intervention en cours',
  public_order: 'Ordre public',
  road_closed: 'Route fermée',
  missing_person: 'Personne disparue',
  other: 'Autre',
};

export const severityLabels: Record<AlertSeverity, string> = {
  info: 'Information',
  important: 'Importante',
  critical: 'Critique',
};

const severityBadge = { info: 'info', important: 'warning', critical: 'error' } as const;

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <Badge as="span" small severity={severityBadge[severity]}>
      {severityLabels[severity]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge as="span" small severity={status === 'open' ? 'new' : undefined}>
      {status === 'open' ? 'En cours' : 'Close'}
    </Badge>
  );
}

export function communeNames(communes: CommuneRef[]): string {
  return communes.map((commune) => commune.name).join(', ');
}

const smsStatusLabels: Record<string, string> = {
  queued: 'En file d’attente',
  sending: 'Envoi en cours',
  sent: 'Envoyé',
  delivered: 'Remis',
  failed: 'Échec',
};

/** « Remis à 14 h 02 », « Échec : … », « — » when the recipient gets no SMS any more. */
export function smsStatusText(recipient: Pick<AlertRecipient, 'smsStatus' | 'smsError' | 'deliveredAt'>): string {
  if (!recipient.smsStatus) return '—';
  if (recipient.smsStatus === 'delivered' && recipient.deliveredAt)
    return `Remis à ${formatTime(recipient.deliveredAt)}`;
  if (recipient.smsStatus === 'failed' && recipient.smsError) return `Échec : ${recipient.smsError}`;
  return smsStatusLabels[recipient.smsStatus] ?? recipient.smsStatus;
}

export function acknowledgementText(recipient: Pick<AlertRecipient, 'acknowledgedAt' | 'acknowledgedVia'>): string {
  if (!recipient.acknowledgedAt) return 'Non';
  const via =
    recipient.acknowledgedVia === 'link'
      ? ' (lien du SMS)'
      : recipient.acknowledgedVia === 'app'
        ? ' (application)'
        : '';
  return `Oui, à ${formatTime(recipient.acknowledgedAt)}${via}`;
}
