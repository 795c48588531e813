import { Type, type Static } from 'typebox';
import { ListOf, StrictObject, Uuid } from '../common.schemas.ts';

export const ROLES = [
  'admin',
  'police_referent',
  'delegate',
  'elected',
  'municipal_police',
  'partner',
  'citizen_referent',
  'evaluator',
] as const;
export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('police_referent'),
  Type.Literal('delegate'),
  Type.Literal('elected'),
  Type.Literal('municipal_police'),
  Type.Literal('partner'),
  Type.Literal('citizen_referent'),
  Type.Literal('evaluator'),
]);
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur',
  police_referent: 'Policier ou gendarme référent',
  delegate: 'Délégué à la cohésion police-population',
  elected: 'Élu (maire, adjoint)',
  municipal_police: 'Police municipale',
  partner: 'Partenaire',
  citizen_referent: 'Référent participation citoyenne',
  evaluator: 'Évaluateur',
};

export const SCOPE_TYPES = ['department', 'district', 'municipality', 'sector'] as const;
export const ScopeType = Type.Union([
  Type.Literal('department'),
  Type.Literal('district'),
  Type.Literal('municipality'),
  Type.Literal('sector'),
]);
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const ORGANISATION_KINDS = [
  'transport',
  'landlord',
  'private_security',
  'association',
  'public_service',
  'municipality',
  'other',
] as const;
export const OrganisationKind = Type.Union([
  Type.Literal('transport'),
  Type.Literal('landlord'),
  Type.Literal('private_security'),
  Type.Literal('association'),
  Type.Literal('public_service'),
  Type.Literal('municipality'),
  Type.Literal('other'),
]);
export type OrganisationKind = Static<typeof OrganisationKind>;

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'Code à 6 chiffres' });

export const RoleAssignment = Type.Object({
  id: Uuid,
  role: Role,
  scopeType: ScopeType,
  scopeId: Uuid,
  /** Name of the territory, for display. */
  scopeName: Type.String(),
});
export type RoleAssignment = Static<typeof RoleAssignment>;
export const RoleAssignmentCreate = StrictObject({ role: Role, scopeType: ScopeType, scopeId: Uuid });
export type RoleAssignmentCreate = Static<typeof RoleAssignmentCreate>;

export const UserStatus = Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('suspended')]);
export type UserStatus = Static<typeof UserStatus>;
export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  status: UserStatus,
  mfaEnabled: Type.Boolean(),
  organisation: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  roles: Type.Array(RoleAssignment),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type User = Static<typeof User>;
export const UserList = ListOf(User);
export const UserListQuery = StrictObject({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(UserStatus),
});
export type UserListQuery = Static<typeof UserListQuery>;
/** `DELETE /api/users/:id/roles/:assignmentId`. */
export const RoleAssignmentParams = StrictObject({ id: Uuid, assignmentId: Uuid });

/** `POST /api/users`: invites someone; the e-mail holds a one-time link. */
export const UserInvite = StrictObject({
  email: Email,
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  organisationId: Type.Optional(Uuid),
  roles: Type.Array(RoleAssignmentCreate, { minItems: 1, maxItems: 50 }),
});
export type UserInvite = Static<typeof UserInvite>;
/** `PATCH /api/users/:id`: suspend / re-enable, rename, change organisation. */
export const UserUpdate = StrictObject({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
  organisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
export type UserUpdate = Static<typeof UserUpdate>;

export const Organisation = Type.Object({ id: Uuid, name: Type.String(), kind: OrganisationKind });
export type Organisation = Static<typeof Organisation>;
export const OrganisationCreate = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: OrganisationKind,
});
export type OrganisationCreate = Static<typeof OrganisationCreate>;
export const OrganisationList = ListOf(Organisation);

/** The signed-in user and what the web app needs to know about the session. */
export const Me = Type.Object({
  user: User,
  /** `required`: the session must pass TOTP; `enrol`: the user must set TOTP up first; `done`. */
  mfa: Type.Union([Type.Literal('required'), Type.Literal('enrol'), Type.Literal('done')]),
  csrfToken: Type.String(),
  demo: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const SignIn = StrictObject({ email: Email, password: Password });
export type SignIn = Static<typeof SignIn>;
export const MfaVerify = StrictObject({
  code: Type.Optional(TotpCode),
  recoveryCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{8,20}$' })),
});
export type MfaVerify = Static<typeof MfaVerify>;
export const MfaEnrolment = Type.Object({
  /** otpauth:// URL, also shown as a QR code. */
  otpauthUrl: Type.String(),
  /** The QR code as an SVG document. */
  qrSvg: Type.String(),
  /** The secret in base32, for manual entry. */
  secret: Type.String(),
});
export type MfaEnrolment = Static<typeof MfaEnrolment>;
export const MfaConfirm = StrictObject({ code: TotpCode });
export type MfaConfirm = Static<typeof MfaConfirm>;
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const InvitationInfo = Type.Object({ email: Type.String(), displayName: Type.String() });
export type InvitationInfo = Static<typeof InvitationInfo>;
export const InvitationAccept = StrictObject({ password: Password });
export type InvitationAccept = Static<typeof InvitationAccept>;
export const TokenParams = StrictObject({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) });

/** `GET /api/auth/providers`: the identity providers offered besides the password. */
export const Providers = Type.Object({ proconnect: Type.Boolean() });
export type Providers = Static<typeof Providers>;

/** Demo mode: one account per role, listed on the sign-in page. */
export const DemoAccount = Type.Object({
  email: Type.String(),
  password: Type.String(),
  role: Role,
  displayName: Type.String(),
  scope: Type.String(),
});
export type DemoAccount = Static<typeof DemoAccount>;
export const DemoAccountList = ListOf(DemoAccount);

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditEvent = Static<typeof AuditEvent>;
export const AuditQuery = StrictObject({
  userId: Type.Optional(Uuid),
  recordType: Type.Optional(Type.String({ maxLength: 100 })),
  recordId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export type AuditQuery = Static<typeof AuditQuery>;
/** The filters of a search, without its page (the CSV export takes them all). */
export type AuditFilters = Omit<AuditQuery, 'page'>;
export const AuditPage = Type.Object({ items: Type.Array(AuditEvent), page: Type.Integer(), hasMore: Type.Boolean() });
export type AuditPage = Static<typeof AuditPage>;
/** `GET /api/audit/export.csv`: the file (UTF-8 with BOM, `;`-separated, CRLF). */
export const AuditCsv = Type.String({ description: 'Fichier CSV (UTF-8 avec BOM, séparateur « ; »)' });
