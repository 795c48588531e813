import { ApiError } from '../client/http.ts';

/** A form's messages per field, keyed by the field's name in the request body (`name`, `rdates`, `lat`). */
export type FieldErrors = Record<string, string>;

/**
 * Server fields a form shows on another of its fields, by pointer path: `{ lon: 'lat' }` (a point's
 * error under the latitude), `{ contact: 'email' }` (every `/contact/…` error), `{ 'contact/phone': 'phone' }`.
 * The longest matching path wins.
 */
export type FieldMap = Readonly<Record<string, string>>;

/** The sentence of a form refused by its own checks: the fields say what is wrong. */
export const FORM_HAS_ERRORS = 'Le formulaire comporte des erreurs : corrigez les champs signalés.';

/** `/rdates/2` → `['rdates', '2']`; `body/endTime` → `['endTime']`; `querystring/departmentId` stays as it is. */
export function pointerPath(pointer: string | undefined): string[] {
  return (pointer ?? '').replace(/^body/, '').split('/').filter(Boolean);
}

/**
 * The field a problem's pointer names: its first segment (`/rdates/2` → `rdates`), unless `map`
 * moves its path onto another field. `moved` tells a field's own error from one moved onto it.
 */
export function fieldOfPointer(
  pointer: string | undefined,
  map: FieldMap = {},
): { field: string; moved: boolean } | undefined {
  const path = pointerPath(pointer);
  for (let length = path.length; length > 0; length--) {
    const target = map[path.slice(0, length).join('/')];
    if (target !== undefined) return { field: target, moved: true };
  }
  return path.length > 0 ? { field: path[0], moved: false } : undefined;
}

/**
 * The server's problem+json split per field (`errors[].pointer` → field, `errors[].message` shown
 * under it). A field keeps its first message; its own error comes before one moved onto it.
 */
export function problemFields(cause: unknown, map: FieldMap = {}): FieldErrors {
  const fields: FieldErrors = {};
  const items = cause instanceof ApiError ? (cause.problem?.errors ?? []) : [];
  const located = items.map((item) => ({ at: fieldOfPointer(item.pointer, map), message: item.message }));
  for (const moved of [false, true])
    for (const { at, message } of located)
      if (at && at.moved === moved && fields[at.field] === undefined) fields[at.field] = message;
  return fields;
}

/** The general error of a form's own checks: none when no field is refused. */
export function checkedGeneral(fields: FieldErrors): string | null {
  return Object.keys(fields).length === 0 ? null : FORM_HAS_ERRORS;
}
