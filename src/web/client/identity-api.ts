import type { Static } from 'typebox';
import type {
  AuditPage,
  AuditQuery,
  DemoAccountList,
  InvitationAccept,
  InvitationInfo,
  Me,
  MfaConfirm,
  MfaEnrolment,
  MfaVerify,
  Organisation,
  OrganisationCreate,
  OrganisationList,
  RecoveryCodes,
  RoleAssignmentCreate,
  SignIn,
  User,
  UserInvite,
  UserList,
  UserStatus,
  UserUpdate,
} from '../../shared/identity/identity.schemas.ts';
import { query, request } from './http.ts';

export type MfaEnrolmentData = Static<typeof MfaEnrolment>;
export type RecoveryCodesData = Static<typeof RecoveryCodes>;
export type InvitationInfoData = Static<typeof InvitationInfo>;
export type DemoAccountData = Static<typeof DemoAccountList>['items'][number];
export type OrganisationKind = Static<typeof OrganisationCreate>['kind'];
export type UserStatusValue = Static<typeof UserStatus>;
export type AuditPageData = Static<typeof AuditPage>;
export type AuditFilters = Omit<AuditQuery, 'page'>;
export interface Providers {
  proconnect: boolean;
}

const auth = '/api/auth';
/** Wrong password, wrong code, no session yet: a 401 on these calls is an answer, not an expired session. */
const answer = { unauthorizedIsAnswer: true } as const;

export const authApi = {
  me: () => request<Me>(`${auth}/me`, answer),
  /** Same as `me`, but a 401 ends the session (signed in, then the session expired). */
  revalidate: () => request<Me>(`${auth}/me`),
  signIn: (body: SignIn) => request<Me>(`${auth}/sign-in`, { method: 'POST', body, ...answer }),
  verifyMfa: (body: Static<typeof MfaVerify>) => request<Me>(`${auth}/mfa/verify`, { method: 'POST', body, ...answer }),
  enrolMfa: () => request<MfaEnrolmentData>(`${auth}/mfa/enrol`, { method: 'POST', ...answer }),
  confirmMfa: (body: Static<typeof MfaConfirm>) =>
    request<RecoveryCodesData>(`${auth}/mfa/enrol/confirm`, { method: 'POST', body, ...answer }),
  signOut: () => request<void>(`${auth}/sign-out`, { method: 'POST', ...answer }),
  signOutOthers: () => request<void>(`${auth}/sign-out-others`, { method: 'POST' }),
  invitation: (token: string) =>
    request<InvitationInfoData>(`${auth}/invitations/${encodeURIComponent(token)}`, answer),
  acceptInvitation: (token: string, body: Static<typeof InvitationAccept>) =>
    request<void>(`${auth}/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body, ...answer }),
  demoAccounts: () => request<Static<typeof DemoAccountList>>(`${auth}/demo-accounts`, answer).then((r) => r.items),
  providers: () => request<Providers>(`${auth}/providers`, answer),
};

export const PROCONNECT_START_URL = `${auth}/proconnect/start`;

export const usersApi = {
  list: (filter: { q?: string; status?: UserStatusValue } = {}) =>
    request<Static<typeof UserList>>(`/api/users${query(filter)}`).then((r) => r.items),
  get: (id: string) => request<User>(`/api/users/${id}`),
  invite: (body: UserInvite) => request<User>('/api/users', { method: 'POST', body }),
  update: (id: string, body: UserUpdate) => request<User>(`/api/users/${id}`, { method: 'PATCH', body }),
  addRole: (id: string, body: RoleAssignmentCreate) =>
    request<User>(`/api/users/${id}/roles`, { method: 'POST', body }),
  removeRole: (id: string, assignmentId: string) =>
    request<User>(`/api/users/${id}/roles/${assignmentId}`, { method: 'DELETE' }),
  resendInvitation: (id: string) => request<void>(`/api/users/${id}/invitation`, { method: 'POST' }),
  organisations: () => request<Static<typeof OrganisationList>>('/api/organisations').then((r) => r.items),
  createOrganisation: (body: Static<typeof OrganisationCreate>) =>
    request<Organisation>('/api/organisations', { method: 'POST', body }),
};

function auditQuery(filters: AuditFilters, page?: number): string {
  return query({ ...filters, page });
}

export const auditApi = {
  page: (filters: AuditFilters, page: number) => request<AuditPageData>(`/api/audit${auditQuery(filters, page)}`),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (filters: AuditFilters) => `/api/audit/export.csv${auditQuery(filters)}`,
};
