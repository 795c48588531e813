import { Type, type Static } from 'typebox';
import { PlainLine, PlainText, StrictObject, Uuid } from '../common.schemas.ts';
import { Anonymity, RequestCategory, RequestStatus, Routing, TimeOfDay } from './requests.schemas.ts';

/** Wire contract of requests recorded by staff (a phone call), server `requests/intake/staff-intake.ts`. */

const Point = StrictObject({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});

/**
 * `POST /api/requests/staff`: what the caller said. The place is a map point (routed like the
 * public form) or, when the caller cannot say precisely where, the sector chosen by the agent;
 * one of the two is required.
 */
export const StaffRequestCreate = StrictObject({
  category: RequestCategory,
  /** 10 characters at least, checked with a French message by the intake. */
  description: PlainText(5000),
  timeOfDay: Type.Optional(TimeOfDay),
  recurring: Type.Optional(Type.Boolean()),
  point: Type.Optional(Point),
  placeLabel: Type.Optional(PlainLine(200)),
  sectorId: Type.Optional(Uuid),
  contact: Type.Optional(
    StrictObject({
      name: Type.Optional(PlainLine(120)),
      email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
      phone: Type.Optional(Type.String({ minLength: 6, maxLength: 40 })),
    }),
  ),
  noAnswerWanted: Type.Optional(Type.Boolean()),
  anonymity: Anonymity,
  confidential: Type.Optional(Type.Boolean()),
});
export type StaffRequestCreate = Static<typeof StaffRequestCreate>;

/** The new request for the agent; the tracking link only ever goes to the resident. */
export const StaffRequestReceipt = Type.Object({
  id: Uuid,
  reference: Type.String(),
  status: RequestStatus,
  routing: Routing,
  sector: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  confirmationSent: Type.Boolean(),
});
export type StaffRequestReceipt = Static<typeof StaffRequestReceipt>;
