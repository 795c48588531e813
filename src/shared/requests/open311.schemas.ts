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
