import { Type, type Static } from 'typebox';
import { PlainLine, PlainText, StrictObject, Uuid } from '../common.schemas.ts';

/**
 * Wire contract of Open311 GeoReport v2 (`/open311/v2/`) and of its client applications (admin).
 * Open311 parameters keep the specification's snake_case names; every value arrives as text
 * (query string or form-encoded body) and is checked again in the module.
 */

export const Open311Format = Type.Union([Type.Literal('json'), Type.Literal('xml')]);
export type Open311Format = Static<typeof Open311Format>;

const Jurisdiction = { jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })) };

export const Open311FormatParams = StrictObject({ format: Open311Format });
export const Open311ServiceParams = StrictObject({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  format: Open311Format,
});
export const Open311RequestParams = StrictObject({
  id: Type.String({ minLength: 1, maxLength: 60 }),
  format: Open311Format,
});
export const Open311TokenParams = StrictObject({
  token: Type.String({ minLength: 1, maxLength: 60 }),
  format: Open311Format,
});
export const Open311JurisdictionQuery = StrictObject(Jurisdiction);

/** `GET requests`: the specification's filters; dates are ISO 8601 with a time zone. */
export const Open311RequestsQuery = StrictObject({
  ...Jurisdiction,
  service_request_id: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Références séparées par des virgules ; ignore alors les autres filtres',
    }),
  ),
  service_code: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  start_date: Type.Optional(Type.String({ maxLength: 40 })),
  end_date: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed ou « open,closed »' })),
});
export type Open311RequestsQuery = Static<typeof Open311RequestsQuery>;

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** `POST requests` (application/x-www-form-urlencoded). Unknown fields are a 400. */
export const Open311RequestCreate = StrictObject({
  ...Jurisdiction,
  api_key: Type.String({ minLength: 1, maxLength: 200 }),
  service_code: Type.String({ minLength: 1, maxLength: 60 }),
  lat: Text(40),
  long: Text(40),
  address_string: Type.Optional(PlainLine(200)),
  address_id: Text(100),
  email: Text(254),
  device_id: Text(200),
  account_id: Text(200),
  first_name: Type.Optional(PlainLine(60)),
  last_name: Type.Optional(PlainLine(60)),
  phone: Text(40),
  description: Type.Optional(PlainText(5000)),
  media_url: Text(2000),
  'attribute[time_of_day]': Text(20),
  'attribute[recurring]': Text(10),
  'attribute[anonymity]': Text(20),
  'attribute[confidential]': Text(10),
});
export type Open311RequestCreate = Static<typeof Open311RequestCreate>;

// ---------------------------------------------------------------- client applications (admin)

/** The département a client application belongs to: its administrators manage it. */
export const Open311ClientDepartment = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });
export type Open311ClientDepartment = Static<typeof Open311ClientDepartment>;

export const Open311Client = Type.Object({
  id: Uuid,
  name: Type.String(),
  department: Open311ClientDepartment,
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Open311Client = Static<typeof Open311Client>;
export const Open311ClientList = Type.Object({ items: Type.Array(Open311Client) });
export type Open311ClientList = Static<typeof Open311ClientList>;
/** `departmentId`: where the application belongs; absent, the administrator's only département (400 when several). */
export const Open311ClientCreate = StrictObject({ name: PlainLine(120), departmentId: Type.Optional(Uuid) });
export type Open311ClientCreate = Static<typeof Open311ClientCreate>;
/** The key is in this answer only; the server keeps its SHA-256. */
export const Open311ClientCreated = Type.Object({ client: Open311Client, apiKey: Type.String() });
export type Open311ClientCreated = Static<typeof Open311ClientCreated>;

// ---------------------------------------------------------------- GeoReport v2 answers
// Sent as JSON (these shapes) or as XML (root and item elements named in each description; XML
// has no null: an empty element; nested lists are wrapped in their item elements).

/** `[{ code, description }]`, with the same HTTP status; XML `<errors><error>`. French descriptions. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), {
  description: 'Erreurs au format Open311 (XML : <errors><error>)',
});
export type Open311Errors = Static<typeof Open311Errors>;

/** XML root `discovery`; `endpoints` → `<endpoints><endpoint>`, `formats` → `<formats><format>`. */
export const Open311Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});
export type Open311Discovery = Static<typeof Open311Discovery>;

/** One of our categories as a service; XML `<services><service>`. */
export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.String(),
  keywords: Type.String(),
  group: Type.String(),
});
export const Open311ServiceList = Type.Array(Open311Service);
export type Open311ServiceList = Static<typeof Open311ServiceList>;

/** XML root `service_definition`; `attributes` → `<attributes><attribute>`, `values` → `<values><value>`. */
export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Type.String(),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinition>;

const NullableText = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

/** What anyone may read of a request; XML `<service_requests><request>`. Dates ISO 8601 with the Paris offset. */
export const Open311PublicRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Type.String(),
  service_name: Type.String(),
  service_code: Type.String(),
  description: NullableText,
  agency_responsible: Type.String(),
  service_notice: Type.Null(),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: NullableText,
  address: Type.Null(),
  address_id: Type.Null(),
  zipcode: Type.Null(),
  lat: NullableNumber,
  long: NullableNumber,
  media_url: Type.Null(),
});
export const Open311PublicRequestList = Type.Array(Open311PublicRequest);
export type Open311PublicRequestList = Static<typeof Open311PublicRequestList>;

/** `GET tokens/{token}`; XML `<service_requests><request>`. */
export const Open311TokenAnswer = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));
export type Open311TokenAnswer = Static<typeof Open311TokenAnswer>;

/** `POST requests`: 201; XML `<service_requests><request>` (`account_id` empty). */
export const Open311Submitted = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    token: Type.String(),
    service_notice: Type.String(),
    account_id: Type.Null(),
  }),
);
export type Open311Submitted = Static<typeof Open311Submitted>;
