import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';
import type {
  AlertKind,
  AlertRecipient,
  AlertSeverity,
  AlertStatus,
  CommuneRef,
} from '../../../shared/alerts/alerts.schemas.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { roleHas } from '../../../shared/permissions.ts';
import { fullySignedIn, useSession, type SessionState } from '../../client/session.ts';
import { useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { Loading } from '../../components/page-parts.tsx';

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

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
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

/** « Remis à 14:02 », « Échec : … », « — » when the recipient gets no SMS any more. */
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

/** The roles → permissions table is the server's: one source of truth for menus and pages. */
export function holdsPermission(session: SessionState, permission: Permission): boolean {
  return fullySignedIn(session) && session.me.user.roles.some((assignment) => roleHas(assignment.role, permission));
}

/**
 * A page of the alerts for signed-in users holding `permission` (the router's guard handles the
 * session itself); without it, a French « Accès réservé » page.
 */
export function RequirePermission({
  permission,
  who,
  children,
}: {
  permission: Permission;
  who: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (!fullySignedIn(session)) return <Loading label="Vérification de la session…" />;
  if (!holdsPermission(session, permission)) return <Forbidden who={who} />;
  return <>{children}</>;
}

function Forbidden({ who }: { who: string }) {
  useDocumentTitle('Accès réservé');
  return (
    <>
      <h1>Accès réservé</h1>
      <p className="fr-text--lead">Cette page est réservée {who}.</p>
      <p>
        <AppLink href="/">Retourner à l’accueil</AppLink>
      </p>
    </>
  );
}
