import { Type, type Static, type TProperties, type TObject, type TSchema } from 'typebox';

/** Request bodies reject unknown properties: a typo must be a 400, not silently ignored. */
export function StrictObject<T extends TProperties>(
  properties: T,
  options: { description?: string; $id?: string } = {},
): TObject<T> {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = StrictObject({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

/**
 * Free text is plain text: markup (`<b`, `</`, `<!`, `<?`) is refused with a clear message rather
 * than stored and escaped forever after. Control characters are refused too.
 */
export const NO_MARKUP = '(?![\\s\\S]*<[A-Za-z!/?])';
/** One line: no line break, not blank. */
export const PlainLine = (maxLength: number) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: `^${NO_MARKUP}[^\\x00-\\x1F\\x7F]*[^\\x00-\\x20\\x7F][^\\x00-\\x1F\\x7F]*$`,
  });
/** Several lines allowed (tabs and line breaks), may be empty. */
export const PlainText = (maxLength: number) =>
  Type.String({ maxLength, pattern: `^${NO_MARKUP}[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$` });

/** RFC 9457 problem details; `detail` is a French sentence meant for the user. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          /** Where: a JSON pointer in the request, or a feature index in an import. */
          pointer: Type.Optional(Type.String()),
          index: Type.Optional(Type.Integer()),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;

export const ProblemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  413: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
} as const;

export function ListOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}
