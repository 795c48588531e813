import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  makeDepartment,
  makeDistrict,
  makeMunicipality,
  makeSector,
  square,
} from '../../modules/territory/territory.factories.ts';
import { makeUser, sessionHeaders } from '../../modules/identity/identity.factories.ts';
import { ROLES, type Role, type ScopeType } from '../../../shared/identity/identity.schemas.ts';
import { listDeclaredRoutes, type RouteAccess } from './access.ts';
import { assignmentCovers, type TerritoryPath } from './actor.ts';
import { roleHas, type Permission } from '../../../shared/permissions.ts';

/**
 * The authorization matrix: every route the server declares × every role × where the record
 * sits (the user's own commune, another commune, another département) or a user without any
 * assignment. Expected answers: the route works for a role holding its permission on a
 * territory covering the record; 404 (exactly as a missing record) when the record is elsewhere;
 * 403 when the role lacks the permission; 401 without a session. Denials must not leak the
 * record. A route that the server declares but this table does not know fails the test.
 */
type Situation = 'own' | 'other-commune' | 'other-department' | 'no-assignment';
interface Call {
  url: string;
  body?: unknown;
  /** The record's territory, when the route has one. */
  path?: TerritoryPath;
  /** Strings that would reveal the record (names, e-mails). */
  secrets?: string[];
  /** An endless response (event stream): only its status and the first chunk are read. */
  stream?: boolean;
  /** The route checks `path` itself and answers 403 outside it (the département is no secret), not the access layer's 404. */
  outside?: 403;
}
type Place = 'own' | 'other-commune' | 'other-department';
type Builder = (place: Place) => Promise<Call>;

let t: TestApp;
const fx = {} as Record<
  'deptA' | 'deptB' | 'districtA' | 'districtB' | 'communeOwn' | 'communeOther' | 'communeB',
  { id: string }
>;
const paths = {} as Record<Place, { municipality: TerritoryPath; district: TerritoryPath; department: TerritoryPath }>;
let counter = 0;
const next = () => ++counter;

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  const db = t.database;
  fx.deptA = await makeDepartment(db, { code: '01' });
  fx.deptB = await makeDepartment(db, { code: '02' });
  fx.districtA = await makeDistrict(db, fx.deptA.id);
  fx.districtB = await makeDistrict(db, fx.deptB.id);
  fx.communeOwn = await makeMunicipality(db, fx.districtA.id, '01001');
  fx.communeOther = await makeMunicipality(db, fx.districtA.id, '01002');
  fx.communeB = await makeMunicipality(db, fx.districtB.id, '02001');
  const a = { departmentId: fx.deptA.id, districtId: fx.districtA.id };
  paths.own = {
    municipality: { ...a, municipalityId: fx.communeOwn.id },
    district: a,
    department: { departmentId: fx.deptA.id },
  };
  paths['other-commune'] = {
    municipality: { ...a, municipalityId: fx.communeOther.id },
    district: a,
    department: { departmentId: fx.deptA.id },
  };
  const b = { departmentId: fx.deptB.id, districtId: fx.districtB.id };
  paths['other-department'] = {
    municipality: { ...b, municipalityId: fx.communeB.id },
    district: b,
    department: { departmentId: fx.deptB.id },
  };
}, 120_000);
afterAll(async () => t?.close());

const communeOf = (place: Place) =>
  place === 'own' ? fx.communeOwn : place === 'other-commune' ? fx.communeOther : fx.communeB;
const districtOf = (place: Place) => (place === 'other-department' ? fx.districtB : fx.districtA);
const departmentOf = (place: Place) => (place === 'other-department' ? fx.deptB : fx.deptA);

async function freshSector(place: Place): Promise<Call> {
  const n = next();
  const sector = await makeSector(
    t.database,
    communeOf(place).id,
    square(10 + (n % 100) * 0.02, 40 + Math.floor(n / 100) * 0.02),
    `M-${n}`,
  );
  return { url: sector.id, path: { ...paths[place].municipality, sectorId: sector.id }, secrets: [sector.code] };
}
async function freshUser(
  place: Place,
  status: 'active' | 'invited' = 'active',
  extraRole = false,
): Promise<Call & { id: string }> {
  const scope = {
    role: 'police_referent' as Role,
    scopeType: 'municipality' as ScopeType,
    scopeId: communeOf(place).id,
  };
  const roles = extraRole ? [scope, { ...scope, role: 'delegate' as Role }] : [scope];
  const user = await makeUser(t.database, { roles, status });
  return { id: user.id, url: user.id, path: paths[place].municipality, secrets: [user.email] };
}
const id = (call: Call, url: string) => ({ ...call, url: url.replace(':id', call.url) });
/** A sector's mailbox, and the address of one of its routes. */
async function freshMailbox(place: Place, suffix: string): Promise<Call> {
  const sector = await freshSector(place);
  const [row] = await t.database.query<{ id: string }>(
    'insert into sector_mailboxes (address, sector_id, department_id) values ($1, $2, $3) returning id',
    [`boite-${next()}@psq.example`, sector.url, departmentOf(place).id],
  );
  return { ...sector, url: `/api/requests/mailboxes/${row.id}${suffix}` };
}

const territory: Record<string, Builder> = {
  // Any admin may add a département (then needs a role on it to manage it); a second 2A is a 409.
  'POST /api/territory/departments': async () => ({
    url: '/api/territory/departments',
    body: { code: '2A', name: 'Corse-du-Sud' },
  }),
  'PATCH /api/territory/departments/:id': async (p) => ({
    url: `/api/territory/departments/${departmentOf(p).id}`,
    body: { name: `Dép ${next()}` },
    path: paths[p].department,
  }),
  'DELETE /api/territory/departments/:id': async (p) => {
    // A département with districts cannot go: allowed callers get 409, which still proves access.
    return { url: `/api/territory/departments/${departmentOf(p).id}`, path: paths[p].department };
  },
  'POST /api/territory/districts': async (p) => ({
    url: '/api/territory/districts',
    body: { departmentId: departmentOf(p).id, name: `Circ ${next()}`, force: 'police' },
    path: paths[p].department,
  }),
  'PATCH /api/territory/districts/:id': async (p) => ({
    url: `/api/territory/districts/${districtOf(p).id}`,
    body: { name: `Circ ${next()}`, force: 'police' },
    path: paths[p].district,
  }),
  'DELETE /api/territory/districts/:id': async (p) => {
    const district = await makeDistrict(t.database, departmentOf(p).id);
    return {
      url: `/api/territory/districts/${district.id}`,
      path: { departmentId: departmentOf(p).id, districtId: district.id },
      secrets: [district.name],
    };
  },
  'POST /api/territory/municipalities': async (p) => ({
    url: '/api/territory/municipalities',
    body: { districtId: districtOf(p).id, inseeCode: String(30000 + next()), name: 'Nouvelle' },
    path: paths[p].district,
  }),
  // Moving a commune needs its district in scope too: the district is the territory to cover.
  'PATCH /api/territory/municipalities/:id': async (p) => ({
    url: `/api/territory/municipalities/${communeOf(p).id}`,
    body: { districtId: districtOf(p).id, name: `Commune ${next()}` },
    path: paths[p].district,
  }),
  'DELETE /api/territory/municipalities/:id': async (p) => {
    const commune = await makeMunicipality(t.database, districtOf(p).id, String(40000 + next()));
    return {
      url: `/api/territory/municipalities/${commune.id}`,
      path: { ...paths[p].district, municipalityId: commune.id },
      secrets: [commune.name],
    };
  },
  'POST /api/territory/sectors': async (p) => {
    const n = next();
    return {
      url: '/api/territory/sectors',
      body: {
        municipalityId: communeOf(p).id,
        code: `N-${n}`,
        name: 'Nouveau',
        geometry: square(20 + (n % 100) * 0.02, 40 + Math.floor(n / 100) * 0.02),
      },
      path: paths[p].municipality,
    };
  },
  'PATCH /api/territory/sectors/:id': async (p) => {
    const call = await freshSector(p);
    const n = next();
    return {
      ...id(call, '/api/territory/sectors/:id'),
      body: { name: 'Renommé', geometry: square(30 + (n % 100) * 0.02, 40 + Math.floor(n / 100) * 0.02) },
    };
  },
  'DELETE /api/territory/sectors/:id': async (p) => id(await freshSector(p), '/api/territory/sectors/:id'),
  'POST /api/territory/sectors/import': async () => ({
    url: '/api/territory/sectors/import?dryRun=true',
    body: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: `I-${next()}`, name: 'I', municipality: '01001' },
          geometry: square(50, 40),
        },
      ],
    },
  }),
};

const users: Record<string, Builder> = {
  'GET /api/users': async () => ({ url: '/api/users' }),
  'POST /api/users': async (p) => ({
    url: '/api/users',
    body: {
      email: `invite-${next()}@test.psq.fr`,
      displayName: 'Invité',
      roles: [{ role: 'delegate', scopeType: 'municipality', scopeId: communeOf(p).id }],
    },
    path: paths[p].municipality,
  }),
  'GET /api/users/:id': async (p) => id(await freshUser(p), '/api/users/:id'),
  'PATCH /api/users/:id': async (p) => ({
    ...id(await freshUser(p), '/api/users/:id'),
    body: { displayName: 'Nouveau nom' },
  }),
  'POST /api/users/:id/roles': async (p) => {
    const user = await freshUser(p);
    return {
      ...id(user, '/api/users/:id/roles'),
      body: { role: 'delegate', scopeType: 'municipality', scopeId: communeOf(p).id },
    };
  },
  'DELETE /api/users/:id/roles/:assignmentId': async (p) => {
    const user = await freshUser(p, 'active', true);
    const [row] = await t.database.query<{ id: string }>(
      "select id from role_assignments where user_id = $1 and role = 'delegate'",
      [user.id],
    );
    return { ...user, url: `/api/users/${user.id}/roles/${row.id}` };
  },
  'POST /api/users/:id/invitation': async (p) => id(await freshUser(p, 'invited'), '/api/users/:id/invitation'),
  'GET /api/organisations': async () => ({ url: '/api/organisations' }),
  'POST /api/organisations': async () => ({
    url: '/api/organisations',
    body: { name: `Organisation ${next()}`, kind: 'association' },
  }),
  'GET /api/audit': async () => ({ url: '/api/audit' }),
  'GET /api/audit/export.csv': async () => ({ url: '/api/audit/export.csv' }),
  'GET /api/admin/test-outbox': async () => ({ url: '/api/admin/test-outbox' }),
};

async function freshContact(place: Place): Promise<Call> {
  const name = `Contact ${next()}`;
  const [row] = await t.database.query<{ id: string }>(
    "insert into commune_contacts (municipality_id, name, role, phone) values ($1, $2, 'Maire', $3) returning id",
    [communeOf(place).id, name, `+3361299${String(next()).padStart(4, '0')}`],
  );
  return { url: row.id, path: paths[place].municipality, secrets: [name] };
}
async function freshAlert(place: Place): Promise<Call> {
  const text = `Alerte ${next()}`;
  const [row] = await t.database.query<{ id: string }>(
    'insert into alerts (kind, severity, text, escalation_delay_minutes, ' +
      "created_by) values ('other', 'info', $1, 10, $2) returning id",
    [text, crypto.randomUUID()],
  );
  await t.database.query('insert into alert_communes (alert_id, municipality_id) values ($1, $2)', [
    row.id,
    communeOf(place).id,
  ]);
  return { url: row.id, path: paths[place].municipality, secrets: [text] };
}
const alertDraft = (place: Place) => ({
  municipalityIds: [communeOf(place).id],
  kind: 'intervention',
  severity: 'info',
  text: `Essai ${next()}`,
});

const alertRoutes: Record<string, Builder> = {
  'GET /api/communes/:id/contacts': async (p) => ({
    url: `/api/communes/${communeOf(p).id}/contacts`,
    path: paths[p].municipality,
  }),
  'POST /api/communes/:id/contacts': async (p) => ({
    url: `/api/communes/${communeOf(p).id}/contacts`,
    body: { name: 'Adjoint', role: 'Adjoint', phone: `+3361298${String(next()).padStart(4, '0')}` },
    path: paths[p].municipality,
  }),
  'PATCH /api/alert-contacts/:id': async (p) => ({
    ...id(await freshContact(p), '/api/alert-contacts/:id'),
    body: { rank: 2 },
  }),
  'DELETE /api/alert-contacts/:id': async (p) => id(await freshContact(p), '/api/alert-contacts/:id'),
  'GET /api/alerts/communes': async () => ({ url: '/api/alerts/communes' }),
  'POST /api/alerts/preview': async (p) => ({
    url: '/api/alerts/preview',
    body: alertDraft(p),
    path: paths[p].municipality,
  }),
  'POST /api/alerts': async (p) => ({
    url: '/api/alerts',
    body: { ...alertDraft(p), confirmNoContact: true },
    path: paths[p].municipality,
  }),
  'GET /api/alerts': async () => ({ url: '/api/alerts' }),
  'GET /api/alerts/:id': async (p) => id(await freshAlert(p), '/api/alerts/:id'),
  'POST /api/alerts/:id/updates': async (p) => ({
    ...id(await freshAlert(p), '/api/alerts/:id/updates'),
    body: { text: 'Point de situation' },
  }),
  'POST /api/alerts/:id/close': async (p) => ({ ...id(await freshAlert(p), '/api/alerts/:id/close'), body: {} }),
};

async function freshVenue(place: Place): Promise<Call> {
  const name = `Lieu ${next()}`;
  const [row] = await t.database.query<{ id: string }>(
    'insert into office_hour_venues (name, address, lon, lat, municipality_id) ' +
      "values ($1, 'Adresse', 10, 40, $2) returning id",
    [name, communeOf(place).id],
  );
  return { url: row.id, path: paths[place].municipality, secrets: [name] };
}
async function freshSchedule(place: Place): Promise<Call> {
  const venue = await freshVenue(place);
  const [row] = await t.database.query<{ id: string }>(
    'insert into office_hour_schedules (venue_id, delegate_user_id, title, ' +
      'start_minute, end_minute, rrule, start_date, end_date) values ($1, $2, ' +
      "'Permanence', 840, 1020, 'FREQ=WEEKLY;BYDAY=WE', '2019-03-01', " +
      "'2019-04-30') returning id",
    [venue.url, crypto.randomUUID()],
  );
  return { ...venue, url: row.id };
}

const officeHourRoutes: Record<string, Builder> = {
  'GET /api/office-hours/venues': async () => ({ url: '/api/office-hours/venues' }),
  // The venue's territory is where its point is: a point inside a fresh sector of the commune.
  'POST /api/office-hours/venues': async (p) => {
    const sector = await freshSector(p);
    const [row] = await t.database.query<{ min_lon: number; min_lat: number }>(
      'select min_lon, min_lat from sectors where id = $1',
      [sector.url],
    );
    return {
      url: '/api/office-hours/venues',
      body: { name: 'Mairie', address: 'Place', lon: row.min_lon + 0.005, lat: row.min_lat + 0.005 },
      path: sector.path,
    };
  },
  'GET /api/office-hours/venues/:id': async (p) => id(await freshVenue(p), '/api/office-hours/venues/:id'),
  'PATCH /api/office-hours/venues/:id': async (p) => ({
    ...id(await freshVenue(p), '/api/office-hours/venues/:id'),
    body: { name: 'Renommé' },
  }),
  'DELETE /api/office-hours/venues/:id': async (p) => id(await freshVenue(p), '/api/office-hours/venues/:id'),
  'POST /api/office-hours/schedules': async (p) => {
    const venue = await freshVenue(p);
    return {
      ...venue,
      url: '/api/office-hours/schedules',
      body: {
        venueId: venue.url,
        title: 'P',
        startTime: '14:00',
        endTime: '17:00',
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startDate: '2019-03-01',
        endDate: '2019-04-30',
      },
    };
  },
  'PATCH /api/office-hours/schedules/:id': async (p) => ({
    ...id(await freshSchedule(p), '/api/office-hours/schedules/:id'),
    body: { title: 'Renommée' },
  }),
  'DELETE /api/office-hours/schedules/:id': async (p) => id(await freshSchedule(p), '/api/office-hours/schedules/:id'),
  'POST /api/office-hours/schedules/:id/exceptions': async (p) => ({
    ...id(await freshSchedule(p), '/api/office-hours/schedules/:id/exceptions'),
    body: { kind: 'cancelled', originalDate: '2019-03-06', reason: 'Congés' },
  }),
  'GET /api/office-hours/schedules/:id/bookings': async (p) => {
    const schedule = await freshSchedule(p);
    const name = `Habitant ${next()}`;
    await t.database.query(
      'insert into office_hour_bookings (schedule_id, date, slot_start_minute, ' +
        "name, email, cancel_code_hash) values ($1, '2019-03-06', 840, $2, " +
        "'rdv@example.org', $3)",
      [schedule.url, name, crypto.randomBytes(32).toString('hex')],
    );
    return {
      ...schedule,
      url: `/api/office-hours/schedules/${schedule.url}/bookings?date=2019-03-06`,
      secrets: [name, 'rdv@example.org'],
    };
  },
  'DELETE /api/office-hours/exceptions/:id': async (p) => {
    const schedule = await freshSchedule(p);
    const [row] = await t.database.query<{ id: string }>(
      'insert into office_hour_exceptions (schedule_id, kind, original_date, ' +
        "reason) values ($1, 'cancelled', '2019-03-13', 'Congés') returning id",
      [schedule.url],
    );
    return { ...schedule, url: `/api/office-hours/exceptions/${row.id}` };
  },
};

async function freshRequest(place: Place): Promise<Call> {
  const n = next();
  const description = `Demande confidentielle ${n}`;
  const [row] = await t.database.query<{ id: string }>(
    'insert into requests (reference, channel, category, description, anonymity, ' +
      'contact_email, tracking_token_hash, municipality_id, department_id) values ' +
      "($1, 'web', 'noise', $2, 'named', 'habitant@example.org', $3, $4, $5) " +
      'returning id',
    [`R-TEST-${n}`, description, crypto.randomBytes(32).toString('hex'), communeOf(place).id, departmentOf(place).id],
  );
  return { url: row.id, path: paths[place].municipality, secrets: [description, 'habitant@example.org'] };
}

/** A département's answer template (issue 6): it sits on the département. */
async function freshTemplate(place: Place): Promise<Call> {
  const title = `Modèle ${next()}`;
  const [row] = await t.database.query<{ id: string }>(
    'insert into request_answer_templates (department_id, channel, title, body) ' +
      "values ($1, 'both', $2, 'Votre demande {reference}.') returning id",
    [departmentOf(place).id, title],
  );
  return { url: `/api/requests/answer-templates/${row.id}`, path: paths[place].department, secrets: [title] };
}

const requestRoutes: Record<string, Builder> = {
  'GET /api/requests': async () => ({ url: '/api/requests' }),
  'GET /api/requests/stats': async () => ({ url: '/api/requests/stats?from=2025-01-01&to=2025-12-31' }),
  'GET /api/requests/:id': async (p) => id(await freshRequest(p), '/api/requests/:id'),
  'POST /api/requests/:id/actions': async (p) => ({
    ...id(await freshRequest(p), '/api/requests/:id/actions'),
    body: { action: 'acknowledge' },
  }),
  'POST /api/requests/:id/notes': async (p) => ({
    ...id(await freshRequest(p), '/api/requests/:id/notes'),
    body: { text: 'Note interne' },
  }),
  'POST /api/requests/:id/answers': async (p) => ({
    ...id(await freshRequest(p), '/api/requests/:id/answers'),
    body: { channel: 'email', text: 'Réponse' },
  }),
  'GET /api/requests/:id/duplicates': async (p) => id(await freshRequest(p), '/api/requests/:id/duplicates'),
  'GET /api/requests/:id/assignees': async (p) => id(await freshRequest(p), '/api/requests/:id/assignees'),
  'GET /api/requests/:id/attachments': async (p) => id(await freshRequest(p), '/api/requests/:id/attachments'),
  'GET /api/requests/:id/attachments/:attachmentId': async (p) => {
    const request = await freshRequest(p);
    const [row] = await t.database.query<{ id: string }>(
      'insert into request_attachments (request_id, filename, media_type, size, ' +
        "sha256, source, bytes) values ($1, 'photo.jpg', 'image/jpeg', 4, 'x', " +
        "'web', decode('ffd8ffd9', 'hex')) returning id",
      [request.url],
    );
    return { ...request, url: `/api/requests/${request.url}/attachments/${row.id}` };
  },
  'GET /api/requests/mailboxes': async () => ({ url: '/api/requests/mailboxes' }),
  'POST /api/requests/mailboxes': async (p) => {
    const sector = await freshSector(p);
    return {
      ...sector,
      url: '/api/requests/mailboxes',
      body: { address: `secteur-${next()}@psq.example`, sectorId: sector.url },
    };
  },
  'DELETE /api/requests/mailboxes/:id': async (p) => freshMailbox(p, ''),
  // IMAP source of a mailbox: a local plain server may be named (nothing connects on save); « Relever maintenant » of a mailbox without one is the route's own 409.
  'PUT /api/requests/mailboxes/:id/imap': async (p) => ({
    ...(await freshMailbox(p, '/imap')),
    body: { host: '127.0.0.1', port: 1, security: 'none', user: 'secteur', password: 'mot de passe' },
  }),
  'DELETE /api/requests/mailboxes/:id/imap': async (p) => freshMailbox(p, '/imap'),
  'POST /api/requests/mailboxes/:id/imap/fetch': async (p) => freshMailbox(p, '/imap/fetch'),
  // A département's targets: read by staff who read requests there, changed by its administrators; another département is a 403.
  'GET /api/requests/category-targets': async (p) => ({
    url: `/api/requests/category-targets?departmentId=${departmentOf(p).id}`,
    path: paths[p].department,
    outside: 403,
  }),
  'PUT /api/requests/category-targets/:category': async (p) => ({
    url: `/api/requests/category-targets/other?departmentId=${departmentOf(p).id}`,
    path: paths[p].department,
    outside: 403,
    body: { ackHours: 72, answerHours: 336 },
  }),
  'DELETE /api/requests/category-targets/:category': async (p) => ({
    url: `/api/requests/category-targets/other?departmentId=${departmentOf(p).id}`,
    path: paths[p].department,
    outside: 403,
  }),
  'GET /api/requests/answer-templates': async () => ({
    url: '/api/requests/answer-templates?category=noise&channel=sms',
  }),
  'POST /api/requests/answer-templates': async (p) => ({
    url: '/api/requests/answer-templates',
    path: paths[p].department,
    body: { departmentId: departmentOf(p).id, channel: 'both', title: 'Modèle', body: 'Votre demande {reference}.' },
  }),
  'PATCH /api/requests/answer-templates/:id': async (p) => ({
    ...(await freshTemplate(p)),
    body: { title: 'Renommé' },
  }),
  'DELETE /api/requests/answer-templates/:id': async (p) => freshTemplate(p),
  'GET /api/requests/:id/answer-templates/:templateId/render': async (p) => {
    const request = await freshRequest(p);
    const template = await freshTemplate(p);
    return { ...request, url: `/api/requests/${request.url}/answer-templates/${template.url.split('/').pop()}/render` };
  },
  // A phone call is recorded in the territory of its place (here the sector the agent names).
  'POST /api/requests/staff': async (p) => {
    const sector = await freshSector(p);
    return {
      ...sector,
      url: '/api/requests/staff',
      body: { category: 'noise', description: 'Appel : bruit la nuit.', sectorId: sector.url, anonymity: 'anonymous' },
    };
  },
};

/** A visit noted at a venue of the place by the matrix's delegate (on a commune): only they, referents and admins covering it open it. */
async function freshVisit(place: Place): Promise<Call> {
  const venue = await freshVenue(place);
  await headersFor('delegate', 'municipality');
  const said = `Confidence ${next()}`;
  const [row] = await t.database.query<{ id: string }>(
    'insert into office_hour_visits (venue_id, visit_date, author_id, category, ' +
      'said, contact_email, municipality_id, department_id) values ($1, ' +
      "'2019-03-06', $2, 'drug_dealing', $3, 'temoin@example.org', $4, $5) " +
      'returning id',
    [venue.url, userIdsByRole.get('delegate:municipality'), said, communeOf(place).id, departmentOf(place).id],
  );
  return { url: row.id, path: venue.path, secrets: [said, 'temoin@example.org'] };
}

const visitRoutes: Record<string, Builder> = {
  'GET /api/office-hours/visits': async () => ({ url: '/api/office-hours/visits' }),
  'GET /api/office-hours/dashboard': async () => ({ url: '/api/office-hours/dashboard' }),
  'POST /api/office-hours/visits': async (p) => {
    const venue = await freshVenue(p);
    return {
      ...venue,
      url: '/api/office-hours/visits',
      body: { venueId: venue.url, date: '2019-03-06', category: 'noise', said: 'Bruit la nuit.' },
    };
  },
  'GET /api/office-hours/visits/:id': async (p) => id(await freshVisit(p), '/api/office-hours/visits/:id'),
  'PATCH /api/office-hours/visits/:id': async (p) => ({
    ...id(await freshVisit(p), '/api/office-hours/visits/:id'),
    body: { followUp: 'done' },
  }),
  'DELETE /api/office-hours/visits/:id': async (p) => id(await freshVisit(p), '/api/office-hours/visits/:id'),
  // The matrix's visit has no point and its venue no sector: an allowed caller gets a 400 (no place to route), which still proves access.
  'POST /api/office-hours/visits/:id/request': async (p) => ({
    ...id(await freshVisit(p), '/api/office-hours/visits/:id/request'),
    body: { anonymity: 'anonymous' },
  }),
};

const open311Admin: Record<string, Builder> = {
  'GET /api/open311/clients': async () => ({ url: '/api/open311/clients' }),
  'POST /api/open311/clients': async (p) => ({
    url: '/api/open311/clients',
    path: paths[p].department,
    body: { name: `Application ${next()}`, departmentId: departmentOf(p).id },
  }),
  'POST /api/open311/clients/:id/revoke': async (p) => {
    const name = `Client ${next()}`;
    const [row] = await t.database.query<{ id: string }>(
      'insert into open311_clients (name, key_hash, department_id) values ($1, $2, $3) returning id',
      [name, crypto.randomBytes(32).toString('hex'), departmentOf(p).id],
    );
    return { url: `/api/open311/clients/${row.id}/revoke`, path: paths[p].department, secrets: [name] };
  },
};

/** Routes whose answer does not depend on roles (public, or any signed-in user): only 401/403 are checked. */
const open: Record<string, Builder> = {
  'GET /api/meta': async () => ({ url: '/api/meta' }),
  'GET /api/territory/resolve': async () => ({ url: '/api/territory/resolve?lat=40.001&lon=10.001' }),
  'GET /api/territory/map': async () => ({ url: '/api/territory/map' }),
  'GET /api/territory/departments': async () => ({ url: '/api/territory/departments' }),
  'GET /api/territory/districts': async () => ({ url: '/api/territory/districts' }),
  'GET /api/territory/municipalities': async () => ({ url: '/api/territory/municipalities' }),
  'GET /api/territory/sectors': async () => ({ url: '/api/territory/sectors' }),
  'GET /api/territory/sectors/:id': async (p) => id(await freshSector(p), '/api/territory/sectors/:id'),
  'POST /api/auth/sign-in': async () => ({
    url: '/api/auth/sign-in',
    body: { email: 'nobody@test.psq.fr', password: 'wrong password here' },
  }),
  'GET /api/auth/me': async () => ({ url: '/api/auth/me' }),
  'POST /api/auth/mfa/enrol': async () => ({ url: '/api/auth/mfa/enrol' }),
  'POST /api/auth/mfa/enrol/confirm': async () => ({ url: '/api/auth/mfa/enrol/confirm', body: { code: '000000' } }),
  'POST /api/auth/mfa/verify': async () => ({ url: '/api/auth/mfa/verify', body: { code: '000000' } }),
  'POST /api/auth/sign-out': async () => ({ url: '/api/auth/sign-out' }),
  'POST /api/auth/sign-out-others': async () => ({ url: '/api/auth/sign-out-others' }),
  'GET /api/auth/invitations/:token': async () => ({
    url: `/api/auth/invitations/${crypto.randomBytes(24).toString('base64url')}`,
  }),
  'POST /api/auth/invitations/:token/accept': async () => ({
    url: `/api/auth/invitations/${crypto.randomBytes(24).toString('base64url')}/accept`,
    body: { password: 'une autre phrase de passe' },
  }),
  'GET /api/auth/demo-accounts': async () => ({ url: '/api/auth/demo-accounts' }),
  'GET /api/auth/providers': async () => ({ url: '/api/auth/providers' }),
  'GET /api/notifications/mine': async () => ({ url: '/api/notifications/mine' }),
  'POST /api/notifications/:id/read': async () => ({ url: `/api/notifications/${crypto.randomUUID()}/read` }),
  'GET /api/live': async () => ({ url: '/api/live', stream: true }),
  // The signed link is the credential (unknown code: 404); in-app acknowledgement needs a recipient row (404 otherwise).
  'GET /api/alerts/ack/:code': async () => ({ url: '/api/alerts/ack/AAAAAAAAAAAAAAAA' }),
  'POST /api/alerts/ack/:code': async () => ({ url: '/api/alerts/ack/AAAAAAAAAAAAAAAA' }),
  'POST /api/alerts/:id/acknowledge': async () => ({ url: `/api/alerts/${crypto.randomUUID()}/acknowledge` }),
  'GET /api/notifications/preferences': async () => ({ url: '/api/notifications/preferences' }),
  'PUT /api/notifications/preferences': async () => ({
    url: '/api/notifications/preferences',
    body: { phone: null, quietHours: null, kinds: [] },
  }),
  'GET /api/notifications/push/key': async () => ({ url: '/api/notifications/push/key' }),
  'POST /api/notifications/push/subscriptions': async () => ({
    url: '/api/notifications/push/subscriptions',
    body: {
      endpoint: `https://push.example.org/${next()}`,
      keys: {
        p256dh: Buffer.concat([Buffer.from([4]), crypto.randomBytes(64)]).toString('base64url'),
        auth: crypto.randomBytes(16).toString('base64url'),
      },
    },
  }),
  'DELETE /api/notifications/push/subscriptions': async () => ({
    url: '/api/notifications/push/subscriptions',
    body: { endpoint: 'https://push.example.org/inconnu' },
  }),
  'POST /api/notifications/test': async () => ({ url: '/api/notifications/test' }),
  'GET /api/public/office-hours': async () => ({ url: '/api/public/office-hours?municipality=01001' }),
  'GET /api/public/office-hours/near': async () => ({ url: '/api/public/office-hours/near?lat=40.001&lon=10.001' }),
  // Address search is public; without GEOCODER_URL it answers 503, so the matrix sends a too short text (400 before any lookup).
  'GET /api/public/addresses': async () => ({ url: '/api/public/addresses?q=ab' }),
  // Bookings: public (rate limited per address); the signed cancel code is the credential (a guessed one is a 404).
  'GET /api/public/office-hours/schedules/:id/slots': async (p) => ({
    url: `/api/public/office-hours/schedules/${(await freshSchedule(p)).url}/slots?date=2019-03-06`,
  }),
  'POST /api/public/office-hours/bookings': async (p) => ({
    url: '/api/public/office-hours/bookings',
    body: {
      scheduleId: (await freshSchedule(p)).url,
      date: '2019-03-06',
      slot: null,
      name: 'Habitant',
      email: 'habitant@example.org',
    },
  }),
  'GET /api/public/office-hours/bookings/:code': async () => ({
    url: `/api/public/office-hours/bookings/${crypto.randomBytes(24).toString('base64url')}`,
  }),
  'POST /api/public/office-hours/bookings/:code/cancel': async () => ({
    url: `/api/public/office-hours/bookings/${crypto.randomBytes(24).toString('base64url')}/cancel`,
  }),
  'GET /calendar/venues/:id.ics': async (p) => ({ url: `/calendar/venues/${(await freshVenue(p)).url}.ics` }),
  'GET /calendar/communes/:insee.ics': async () => ({ url: '/calendar/communes/01001.ics' }),
  'GET /calendar/departements/:code.ics': async () => ({ url: '/calendar/departements/01.ics' }),
  'GET /calendar/delegates/:id.ics': async () => ({ url: `/calendar/delegates/${crypto.randomUUID()}.ics` }),
  // Residents' requests: the form is public (rate limited per address: 429 is fine here); the tracking token is the credential.
  'POST /api/requests': async () => ({
    url: '/api/requests',
    body: {
      category: 'noise',
      description: 'Bruit tous les soirs après minuit.',
      point: { lon: 10.001, lat: 40.001 },
      anonymity: 'anonymous',
    },
  }),
  'GET /api/requests/track/:token': async () => ({
    url: `/api/requests/track/${crypto.randomBytes(32).toString('base64url')}`,
  }),
  // Photos of the form: public, raw image body (the matrix's JSON body is a 415).
  'POST /api/requests/uploads': async () => ({ url: '/api/requests/uploads', body: { photo: 'x' } }),
  'POST /api/requests/track/:token/replies': async () => ({
    url: `/api/requests/track/${crypto.randomBytes(32).toString('base64url')}/replies`,
    body: { text: 'Bonjour' },
  }),
  // Open311: public; a POST without api_key (JSON instead of a form) is the route's own 400, unknown ids its own 404.
  'GET /open311/v2/discovery.:format': async () => ({ url: '/open311/v2/discovery.json' }),
  'GET /open311/v2/services.:format': async () => ({ url: '/open311/v2/services.xml' }),
  'GET /open311/v2/services/:code.:format': async () => ({ url: '/open311/v2/services/noise.json' }),
  'GET /open311/v2/requests.:format': async () => ({ url: '/open311/v2/requests.json' }),
  'GET /open311/v2/requests/:id.:format': async () => ({ url: '/open311/v2/requests/R-1999-000000.xml' }),
  'GET /open311/v2/tokens/:token.:format': async () => ({ url: `/open311/v2/tokens/${crypto.randomUUID()}.json` }),
  'POST /open311/v2/requests.:format': async () => ({
    url: '/open311/v2/requests.json',
    body: { service_code: 'noise' },
  }),
};
const MATRIX: Record<string, Builder> = {
  ...open311Admin,
  ...territory,
  ...users,
  ...alertRoutes,
  ...officeHourRoutes,
  ...requestRoutes,
  ...visitRoutes,
  ...open,
};

/** Injects a call; a stream is cut as soon as its headers arrive, so the server frees it. */
async function send(
  method: string,
  call: Call,
  headers?: Record<string, string>,
): Promise<{ statusCode: number; body: string }> {
  const base = {
    method: method as 'GET',
    url: call.url,
    ...(headers ? { headers } : {}),
    ...(call.body !== undefined ? { payload: call.body as object } : {}),
  };
  if (!call.stream) return t.app.inject(base);
  const abort = new AbortController();
  const response = await t.app.inject({ ...base, payloadAsStream: true, signal: abort.signal });
  abort.abort();
  return { statusCode: response.statusCode, body: '' };
}

const usersByRole = new Map<string, Record<string, string>>();
/** The ids of those cached users: a delegate only opens the visits they wrote, so the matrix's delegate writes them. */
const userIdsByRole = new Map<string, string>();
async function headersFor(
  role: Role | 'none',
  level: 'municipality' | 'department',
  fresh = false,
): Promise<Record<string, string>> {
  const key = `${role}:${level}`;
  if (fresh || !usersByRole.has(key)) {
    const roles =
      role === 'none'
        ? []
        : [{ role, scopeType: level, scopeId: level === 'department' ? fx.deptA.id : fx.communeOwn.id }];
    const user = await makeUser(t.database, { roles });
    const headers = await sessionHeaders(t.database, t.config, user.id);
    if (fresh) return headers;
    usersByRole.set(key, headers);
    userIdsByRole.set(key, user.id);
  }
  return usersByRole.get(key)!;
}

function expected(
  access: RouteAccess,
  role: Role | 'none',
  assignment: { scopeType: ScopeType; scopeId: string } | undefined,
  call: Call,
): 'allowed' | 403 | 404 {
  if (typeof access !== 'object') return 'allowed';
  const permission: Permission = access.permission;
  if (role === 'none' || !roleHas(role, permission)) return 403;
  if (!access.territory && !call.outside) return 'allowed';
  return call.path && assignmentCovers({ role, ...assignment! }, call.path) ? 'allowed' : (call.outside ?? 404);
}

describe('authorization matrix', () => {
  it('knows every route the server declares', () => {
    const declared = listDeclaredRoutes(t.app).map((route) => `${route.method} ${route.url}`);
    // ProConnect routes exist only when configured; SMS receipts authenticate by the provider's
    // signature (403 without it): both have tests of their own.
    const unknown = declared.filter(
      (key) => !(key in MATRIX) && !key.includes('/proconnect/') && !key.includes('/sms/receipts'),
    );
    expect(unknown).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !declared.includes(key))).toEqual([]);
    expect(declared).toContain('POST /api/notifications/sms/receipts');
  });

  const situations: Situation[] = ['own', 'other-commune', 'other-department', 'no-assignment'];
  it.each([...ROLES])(
    'role %s: every route, own territory / other commune / other département / no assignment',
    async (role) => {
      const declared = listDeclaredRoutes(t.app);
      const failures: string[] = [];
      for (const route of declared) {
        const key = `${route.method} ${route.url}`;
        const build = MATRIX[key];
        if (!build) continue;
        for (const situation of situations) {
          const place: Place = situation === 'no-assignment' ? 'own' : situation;
          // Department- and district-level records are "own" for a user holding the role on the département.
          const call = await build(place);
          const level =
            call.path && !call.path.municipalityId && situation !== 'other-department' ? 'department' : 'municipality';
          const asRole = situation === 'no-assignment' ? 'none' : role;
          // Routes open to everyone include sign-out: they get a session of their own.
          const headers = await headersFor(asRole, level, key in open);
          const assignment =
            asRole === 'none'
              ? undefined
              : { scopeType: level as ScopeType, scopeId: level === 'department' ? fx.deptA.id : fx.communeOwn.id };
          const response = await send(route.method, call, headers);
          const want = expected(route.access!, asRole, assignment, call);
          const got = response.statusCode;
          // Open routes may refuse for their own reasons (wrong password, unknown point); never for access.
          const ok =
            key in open
              ? got < 500 && got !== 403 && !(got === 401 && !key.startsWith('POST /api/auth/sign-in'))
              : want === 'allowed'
                ? got < 500 && ![401, 403, 404].includes(got)
                : got === want;
          if (!ok) failures.push(`${key} [${situation}] expected ${want}, got ${got}: ${response.body.slice(0, 160)}`);
          if (want !== 'allowed') {
            for (const secret of call.secrets ?? [])
              if (response.body.includes(secret)) failures.push(`${key} [${situation}] leaks ${secret}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it('answers 401 to every non-public route without a session', async () => {
    const failures: string[] = [];
    for (const route of listDeclaredRoutes(t.app)) {
      if (route.access === 'public') continue;
      const call = await MATRIX[`${route.method} ${route.url}`]('own');
      const response = await send(route.method, call);
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
      for (const secret of call.secrets ?? [])
        if (response.body.includes(secret)) failures.push(`${route.method} ${route.url} leaks ${secret}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a write whose CSRF token is missing, even with a valid session', async () => {
    const headers = await headersFor('admin', 'department');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/territory/districts',
      headers: { cookie: headers.cookie },
      payload: { departmentId: fx.deptA.id, name: 'Sans jeton', force: 'police' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain('CSRF');
  });
});
