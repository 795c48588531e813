import { Badge } from '@codegouvfr/react-dsfr/Badge';
import {
  ROLE_LABELS,
  type OrganisationKind,
  type RoleAssignment,
  type ScopeType,
  type User,
  type UserStatus,
} from '../../shared/identity/identity.schemas.ts';
import { formatDateTime as sharedFormatDateTime } from '../../shared/format/french-dates.ts';

export const scopeTypeLabels: Record<ScopeType, string> = {
  department: 'Département',
  district: 'Circonscription',
  municipality: 'Commune',
  sector: 'Secteur',
};

export const statusLabels: Record<UserStatus, string> = {
  invited: 'Invité',
  active: 'Actif',
  suspended: 'Suspendu',
};

const statusSeverity = { invited: 'info', active: 'success', suspended: 'error' } as const;

export const organisationKindLabels: Record<OrganisationKind, string> = {
  transport: 'Transport',
  landlord: 'Bailleur',
  private_security: 'Sécurité privée',
  association: 'Association',
  public_service: 'Service public',
  municipality: 'Commune',
  other: 'Autre',
};

export function StatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge as="span" small severity={statusSeverity[status]}>
      {statusLabels[status]}
    </Badge>
  );
}

/** « Policier ou gendarme référent — Borny (secteur) » (the server's `scopeName` names the territory for display). */
export function roleLabel(assignment: Pick<RoleAssignment, 'role' | 'scopeName'>): string {
  return `${ROLE_LABELS[assignment.role]} — ${assignment.scopeName}`;
}

export function RoleList({ user }: { user: User }) {
  if (user.roles.length === 0) return <span className="psq-code">Aucun rôle</span>;
  return (
    <ul className="psq-compact-list">
      {user.roles.map((assignment) => (
        <li key={assignment.id}>{roleLabel(assignment)}</li>
      ))}
    </ul>
  );
}

/** « 2026-01-31T10:04:00Z » → « 31/01/2026 à 11 h 04 » (the shared formatter's short form, Paris time). */
export function formatDateTime(value: string | null | undefined): string {
  return sharedFormatDateTime(value, 'short');
}

/** Groups a base32 secret by 4 characters for manual entry: « JBSW Y3DP EHPK 3PXP ». */
export function groupBy4(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** An SVG document as a `data:` URL (base64 of its UTF-8 bytes), for an `<img>`: no markup is injected in the page. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Audit actions as the server names them (`user.invited`…), in French; an unknown one is shown as is. */
const actionLabels: Record<string, string> = {
  'auth.sign-in.succeeded': 'Connexion réussie',
  'auth.sign-in.failed': 'Échec de connexion',
  'auth.sign-in.refused': 'Connexion refusée',
  'auth.sign-in.throttled': 'Connexion bloquée (trop d’essais)',
  'auth.mfa.enrolled': 'Double authentification activée',
  'auth.mfa.verified': 'Vérification en deux étapes réussie',
  'auth.mfa.failed': 'Échec de la vérification en deux étapes',
  'auth.signed-out': 'Déconnexion',
  'auth.signed-out-others': 'Déconnexion des autres sessions',
  'user.invited': 'Invitation d’un utilisateur',
  'user.invitation.resent': 'Invitation renvoyée',
  'user.invitation.accepted': 'Invitation acceptée',
  'user.updated': 'Utilisateur modifié',
  'user.suspended': 'Compte suspendu',
  'user.enabled': 'Compte réactivé',
  'user.role.added': 'Rôle ajouté',
  'user.role.removed': 'Rôle retiré',
  'user.listed': 'Liste des utilisateurs consultée',
  'user.read': 'Fiche utilisateur consultée',
  'organisation.created': 'Organisation créée',
  'audit.searched': 'Journal d’audit consulté',
  'audit.exported': 'Journal d’audit exporté',
  'user.demo.created': 'Compte de démonstration créé',
  'territory.demo.seeded': 'Territoire de démonstration chargé',
  'retention.purged': 'Purge des données anciennes',
};

const recordTypeLabels: Record<string, string> = {
  user: 'Utilisateur',
  organisation: 'Organisation',
  department: 'Département',
  district: 'Circonscription',
  municipality: 'Commune',
  sector: 'Secteur',
};

/** « Secteur 9a09… » for a record type and id of the audit log. */
export function auditRecordLabel(recordType: string | null, recordId: string | null): string {
  if (!recordType) return '—';
  const type = recordTypeLabels[recordType] ?? recordType;
  return recordId ? `${type} ${recordId}` : type;
}

const territoryKinds: Record<string, string> = {
  department: 'Département',
  district: 'Circonscription',
  municipality: 'Commune',
  sector: 'Secteur',
};
const territoryVerbs: Record<string, string> = {
  created: 'créé',
  updated: 'modifié',
  deleted: 'supprimé',
  imported: 'importé',
};

export function auditActionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const [scope, kind, verb] = action.split('.');
  if (scope === 'territory' && territoryKinds[kind] && territoryVerbs[verb]) {
    const feminine = kind === 'district' || kind === 'municipality';
    return `${territoryKinds[kind]} ${territoryVerbs[verb]}${feminine ? 'e' : ''}`;
  }
  return action;
}
