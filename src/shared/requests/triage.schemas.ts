import { Type, type Static } from 'typebox';
import { Uuid } from '../common.schemas.ts';
import { RequestStatus } from './requests.schemas.ts';

/** Wire contract of the triage helpers of a request (duplicate suggestions, possible assignees). */

/** `GET /api/requests/:id/duplicates`: same category, within 200 m, created in the last 30 days. */
export const DuplicateSuggestion = Type.Object({
  id: Uuid,
  reference: Type.String(),
  status: RequestStatus,
  createdAt: Type.String({ format: 'date-time' }),
  distanceMeters: Type.Integer(),
  placeLabel: Type.Union([Type.String(), Type.Null()]),
  excerpt: Type.String(),
});
export const DuplicateSuggestions = Type.Object({ items: Type.Array(DuplicateSuggestion) });
export type DuplicateSuggestions = Static<typeof DuplicateSuggestions>;

/** `GET /api/requests/:id/assignees`: the staff who may handle this request (its territory). */
export const RequestAssignees = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String() })),
});
export type RequestAssignees = Static<typeof RequestAssignees>;
