import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/access/actor.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeDepartment } from '../../territory/territory.factories.ts';
import { freshIp, makeSectorWithStaff, requestBody, rows, submitOk } from '../requests.test-helpers.ts';
import { createOpen311Client, revokeOpen311Client } from './open311-clients.ts';
import { isoWithOffset } from './open311-format.ts';

let t: TestApp;
let apiKey: string;
let clientId: string;
/** The test clients' département: their keys submit requests anywhere (routing is by point). */
let clientDepartmentId: string;
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});
const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

beforeAll(async () => {
  t = await createTestApp({ jobs: true, env: {} });
  clientDepartmentId = (await makeDepartment(t.database)).id;
  const created = await createOpen311Client(
    t.database.db,
    systemActor('test'),
    'Application de test',
    clientDepartmentId,
  );
  apiKey = created.apiKey;
  clientId = created.client.id;
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (format: 'json' | 'xml', fields: Record<string, string>, key: string | null = apiKey) =>
  t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    remoteAddress: freshIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...(key === null ? {} : { api_key: key }), ...fields }).toString(),
  });
const form = (point: { lon: number; lat: number }, extra: Record<string, string> = {}) => ({
  service_code: 'noise',
  lat: String(point.lat),
  long: String(point.lon),
  description: 'Musique très forte chaque nuit dans la cour.',
  ...extra,
});

describe('Open311 GeoReport v2: discovery and services', () => {
  it('describes itself and lists our categories as services, in JSON and XML', async () => {
    const discovery = await get('/open311/v2/discovery.json');
    expect(discovery.statusCode).toBe(200);
    expect(discovery.json().endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['text/xml', 'application/json'],
    });
    const discoveryXml = await get('/open311/v2/discovery.xml');
    expect(discoveryXml.headers['content-type']).toContain('text/xml');
    expect(xml.parse(discoveryXml.body).discovery.endpoints.endpoint[0].formats.format).toEqual([
      'text/xml',
      'application/json',
    ]);

    const json = await get('/open311/v2/services.json');
    expect(json.headers['content-type']).toContain('application/json');
    const services = json.json();
    expect(services.map((x: { service_code: string }) => x.service_code)).toContain('motorbike_rodeo');
    expect(Object.keys(services[0]).sort()).toEqual([
      'description',
      'group',
      'keywords',
      'metadata',
      'service_code',
      'service_name',
      'type',
    ]);
    expect(services[0]).toMatchObject({ metadata: true, type: 'realtime' });
    const asXml = await get('/open311/v2/services.xml');
    expect(asXml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service>')).toBe(true);
    const parsed = xml.parse(asXml.body).services.service;
    expect(parsed).toHaveLength(services.length);
    expect(parsed[0]).toMatchObject({
      service_code: services[0].service_code,
      service_name: services[0].service_name,
      metadata: 'true',
      type: 'realtime',
    });
  });

  it('gives a service definition with single-value-list attributes, and 404 for an unknown service', async () => {
    const definition = (await get('/open311/v2/services/noise.json')).json();
    expect(definition.service_code).toBe('noise');
    const time = definition.attributes.find((a: { code: string }) => a.code === 'time_of_day');
    expect(time).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 1 });
    expect(time.values).toContainEqual({ key: 'night', name: 'La nuit' });
    const parsed = xml.parse((await get('/open311/v2/services/noise.xml')).body).service_definition;
    expect(parsed.attributes.attribute.map((a: { code: string }) => a.code)).toEqual([
      'time_of_day',
      'recurring',
      'anonymity',
      'confidential',
    ]);
    expect(parsed.attributes.attribute[1].values.value).toEqual([
      { key: 'true', name: 'Oui' },
      { key: 'false', name: 'Non' },
    ]);

    const missing = await get('/open311/v2/services/graffiti.xml');
    expect(missing.statusCode).toBe(404);
    expect(xml.parse(missing.body).errors.error[0]).toMatchObject({ code: '404' });
    const json = await get('/open311/v2/services/graffiti.json');
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('graffiti') }]);
    expect((await get('/open311/v2/services.csv')).statusCode).toBe(400);
    expect((await get('/open311/v2/nothing.json')).json()[0].code).toBe(404);
  });
});

describe('Open311 GeoReport v2: POST requests', () => {
  it(
    'records a request through the web intake, routed to its sector, the client ' + 'named in the event and the audit',
    async () => {
      const c = await makeSectorWithStaff(t);
      const response = await post(
        'json',
        form(c.point, {
          first_name: 'Jeanne',
          last_name: 'Habitante',
          email: 'jeanne@example.org',
          'attribute[time_of_day]': 'night',
          'attribute[recurring]': 'true',
          address_string: '3 rue des Lilas',
        }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const [created] = response.json();
      expect(created.service_request_id).toMatch(/^R-\d{4}-\d{6}$/);
      expect(created.service_notice).toContain(c.sector.name);
      expect(created).toHaveProperty('account_id', null);
      const [row] = await rows<{
        id: string;
        channel: string;
        sector_id: string;
        contact_name: string;
        anonymity: string;
        time_of_day: string;
        recurring: boolean;
        place_label: string;
      }>(t, 'select * from requests where reference = $1', [created.service_request_id]);
      expect(row).toMatchObject({
        id: created.token,
        channel: 'web',
        sector_id: c.sector.id,
        contact_name: 'Jeanne Habitante',
        anonymity: 'police_only',
        time_of_day: 'night',
        recurring: true,
        place_label: '3 rue des Lilas',
      });
      const [audit] = await rows<{ details: { open311Client: { id: string } } }>(
        t,
        "select details from audit_events where action = 'request.created' and record_id = $1",
        [row.id],
      );
      expect(audit.details.open311Client.id).toBe(clientId);
      const [event] = await rows<{ details: { open311Client: { name: string } } }>(
        t,
        "select details from request_events where kind = 'created' and request_id = $1",
        [row.id],
      );
      expect(event.details.open311Client.name).toBe('Application de test');
      expect(
        (
          await rows(t, "select 1 from notifications where kind = 'request.receipt' and subject like $1", [
            `%${created.service_request_id}%`,
          ])
        ).length,
      ).toBe(1);

      const token = await get(`/open311/v2/tokens/${created.token}.xml`);
      expect(xml.parse(token.body).service_requests.request[0]).toEqual({
        service_request_id: created.service_request_id,
        token: created.token,
      });
      expect((await get('/open311/v2/tokens/not-a-token.json')).statusCode).toBe(404);
    },
  );

  it('answers in XML too, anonymous without a name', async () => {
    const c = await makeSectorWithStaff(t);
    const response = await post('xml', form(c.point));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['content-type']).toContain('text/xml');
    const [created] = xml.parse(response.body).service_requests.request;
    expect(created.service_request_id).toMatch(/^R-/);
    expect(created.account_id).toBe('');
    const [row] = await rows<{ anonymity: string }>(t, 'select anonymity from requests where reference = $1', [
      created.service_request_id,
    ]);
    expect(row.anonymity).toBe('anonymous');
  });

  it(
    'refuses a missing or bad api_key, invalid parameters and other bodies in ' + 'the specification’s error format',
    async () => {
      const c = await makeSectorWithStaff(t);
      const missing = await post('json', form(c.point), null);
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toEqual([{ code: 400, description: expect.stringContaining('api_key') }]);
      const bad = await post('xml', form(c.point), 'o311_wrong');
      expect(bad.statusCode).toBe(403);
      expect(xml.parse(bad.body).errors.error).toEqual([{ code: '403', description: expect.any(String) }]);
      const revokedClient = await createOpen311Client(
        t.database.db,
        systemActor('test'),
        'Révoquée',
        clientDepartmentId,
      );
      await revokeOpen311Client(t.database.db, systemActor('test'), revokedClient.client.id);
      expect((await post('json', form(c.point), revokedClient.apiKey)).statusCode).toBe(403);

      const cases: Array<[Record<string, string>, string]> = [
        [{ ...form(c.point), unknown_field: 'x' }, 'unknown_field'],
        [{ ...form(c.point), service_code: 'graffiti' }, 'service_code'],
        [{ ...form(c.point), lat: 'north' }, 'lat'],
        [{ ...form(c.point), long: '500' }, 'long'],
        [
          { service_code: 'noise', address_string: '3 rue des Lilas', description: 'Bruit la nuit, tous les jours.' },
          'géocode',
        ],
        [{ ...form(c.point), description: 'court' }, 'description'],
        [{ ...form(c.point), description: '<script>alert(1)</script> bruit' }, 'description'],
        [{ ...form(c.point), 'attribute[time_of_day]': 'midnight' }, 'time_of_day'],
        [{ ...form(c.point), email: 'pas-une-adresse' }, 'e-mail'],
      ];
      for (const [fields, word] of cases) {
        const response = await post('json', fields);
        expect(response.statusCode, JSON.stringify(fields)).toBe(400);
        expect(response.json()[0].description, JSON.stringify(fields)).toContain(word);
      }
      const twice = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `api_key=${apiKey}&service_code=noise&service_code=other&lat=1&long=1&description=${'x'.repeat(20)}`,
      });
      expect(twice.statusCode).toBe(400);
      const asJson = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: apiKey, ...form(c.point) },
      });
      expect(asJson.statusCode).toBe(400);
      expect(asJson.json()[0].description).toContain('x-www-form-urlencoded');
    },
  );

  it('counts submissions per client application (429 in the specification’s format)', async () => {
    const { apiKey: key, client } = await createOpen311Client(
      t.database.db,
      systemActor('test'),
      'Limitée',
      clientDepartmentId,
    );
    expect((await post('json', form({ lon: -40, lat: -40 }), key)).statusCode).toBe(201);
    // The window already holds OPEN311_REQUESTS_PER_CLIENT (300) submissions of this client: the next one is refused.
    await t.database.query('update request_throttle set hits = 300 where key = $1', [`open311:${client.id}`]);
    const refused = await post('xml', form({ lon: -40, lat: -40 }), key);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(xml.parse(refused.body).errors.error[0].code).toBe('429');
    expect((await post('json', form({ lon: -40, lat: -40 }))).statusCode).toBe(201);
  });
});

describe('Open311 GeoReport v2: GET requests', () => {
  it('gives a new request the acknowledgement due date of its category, as the staff inbox does', async () => {
    const c = await makeSectorWithStaff(t);
    const burglary = await submitOk(
      t,
      requestBody(c.point, {
        category: 'burglary',
        description: 'Tentative de cambriolage cette nuit au rez-de-chaussée.',
      }),
    );
    const [item] = (await get(`/open311/v2/requests/${burglary.reference}.json`)).json() as Array<{
      requested_datetime: string;
      expected_datetime: string;
    }>;
    // Burglaries: 24 h (the default of the other categories is REQUEST_ACK_HOURS, 72 h).
    expect(Date.parse(item.expected_datetime) - Date.parse(item.requested_datetime)).toBe(24 * 3_600_000);
  });

  it(
    'lists non-confidential requests without personal data, the point rounded to ' +
      '~100 m, the description only for named requests, scrubbed',
    async () => {
      const c = await makeSectorWithStaff(t);
      const point = { lon: c.point.lon + 0.00123, lat: c.point.lat + 0.00177 };
      const named = await submitOk(
        t,
        requestBody(point, {
          category: 'road_safety',
          anonymity: 'named',
          contact: { name: 'Paul Témoin', email: 'paul@example.org', phone: '06 12 34 56 78' },
          description: 'Voitures trop rapides, écrivez-moi à paul@example.org ou au 06 12 34 56 78.',
          placeLabel: '12 rue du Moulin',
        }),
      );
      const policeOnly = await submitOk(
        t,
        requestBody(point, {
          category: 'road_safety',
          description: 'Stationnement sur le trottoir devant l’école tous les matins.',
        }),
      );
      const confidential = await submitOk(
        t,
        requestBody(point, {
          category: 'road_safety',
          confidential: true,
          description: 'Un voisin nommé Durand deale devant le hall.',
        }),
      );
      const ids = [named, policeOnly, confidential].map((r) => r.reference).join(',');

      const response = await get(`/open311/v2/requests.json?service_request_id=${ids}`);
      expect(response.statusCode).toBe(200);
      const list = response.json() as Array<Record<string, unknown>>;
      expect(list.map((x) => x.service_request_id).sort()).toEqual([named.reference, policeOnly.reference].sort());
      for (const item of list) {
        expect(Object.keys(item).sort()).toEqual([...REQUEST_FIELDS].sort());
        expect(item).toMatchObject({
          status: 'open',
          service_code: 'road_safety',
          service_name: 'Sécurité routière',
          address: null,
          lat: Math.round(point.lat * 1000) / 1000,
          long: Math.round(point.lon * 1000) / 1000,
        });
        expect(item.requested_datetime).toMatch(ISO_OFFSET);
        expect(item.updated_datetime).toMatch(ISO_OFFSET);
        expect(item.agency_responsible).toContain(c.sector.name);
      }
      const byId = Object.fromEntries(list.map((x) => [x.service_request_id, x]));
      expect(byId[named.reference].description).toBe(
        'Voitures trop rapides, écrivez-moi à [adresse e-mail retirée] ou au [numéro retiré].',
      );
      expect(byId[policeOnly.reference].description).toBeNull();
      for (const secret of ['Paul', 'paul@example.org', '06 12 34 56 78', '12 rue du Moulin', 'Durand'])
        expect(response.body).not.toContain(secret);

      const asXml = await get(`/open311/v2/requests.xml?service_request_id=${ids}`);
      const parsed = xml.parse(asXml.body).service_requests.request;
      expect(parsed).toHaveLength(2);
      expect(Object.keys(parsed[0]).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(parsed[0].requested_datetime).toMatch(ISO_OFFSET);

      expect((await get(`/open311/v2/requests/${named.reference}.xml`)).statusCode).toBe(200);
      const hidden = await get(`/open311/v2/requests/${confidential.reference}.json`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).not.toContain('Durand');
      expect(xml.parse((await get('/open311/v2/requests/R-1999-000000.xml')).body).errors.error[0].code).toBe('404');
    },
  );

  it('filters by service, status and dates, 90 days by default, and refuses invalid filters', async () => {
    const c = await makeSectorWithStaff(t);
    const recent = await submitOk(t, requestBody(c.point, { category: 'burglary' }));
    const old = await submitOk(t, requestBody(c.point, { category: 'burglary' }));
    const closed = await submitOk(t, requestBody(c.point, { category: 'burglary' }));
    await t.database.query("update requests set created_at = now() - interval '200 days' where reference = $1", [
      old.reference,
    ]);
    await t.database.query(
      "update requests set status = 'closed', close_reason = 'resolved', closed_at = now() where reference = $1",
      [closed.reference],
    );
    const refs = async (query: string) =>
      ((await get(`/open311/v2/requests.json?${query}`)).json() as Array<{ service_request_id: string }>).map(
        (x) => x.service_request_id,
      );

    const burglaries = await refs('service_code=burglary');
    expect(burglaries).toEqual(expect.arrayContaining([recent.reference, closed.reference]));
    expect(burglaries).not.toContain(old.reference);
    expect(await refs('service_code=burglary&status=closed')).toContain(closed.reference);
    expect(await refs('service_code=burglary&status=closed')).not.toContain(recent.reference);
    expect(await refs('service_code=burglary&status=open')).not.toContain(closed.reference);
    const start = encodeURIComponent(isoWithOffset(new Date(Date.now() - 300 * 86_400_000)));
    const end = encodeURIComponent(isoWithOffset(new Date(Date.now() - 100 * 86_400_000)));
    expect(await refs(`service_code=burglary&start_date=${start}&end_date=${end}`)).toEqual([old.reference]);
    const closedOne = (await get(`/open311/v2/requests/${closed.reference}.json`)).json()[0];
    expect(closedOne).toMatchObject({ status: 'closed', status_notes: 'Demande traitée.', expected_datetime: null });

    for (const query of [
      'start_date=2026-01-01',
      'end_date=hier',
      'status=pending',
      'service_code=graffiti',
      'page=2',
      `start_date=${end}&end_date=${start}`,
    ]) {
      const response = await get(`/open311/v2/requests.xml?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(xml.parse(response.body).errors.error[0].code, query).toBe('400');
    }
  });

  it('formats dates in ISO 8601 with the Paris offset', () => {
    expect(isoWithOffset(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-15T13:00:00+01:00');
    expect(isoWithOffset(new Date('2026-07-15T12:00:00.600Z'))).toBe('2026-07-15T14:00:00+02:00');
  });
});
