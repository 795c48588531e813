import {
  fillPath,
  type BodyOf,
  type Contract,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '../../shared/contract.ts';
import { request, type RequestOptions } from './http.ts';

/**
 * The web's one way to reach the API: `call(contract, { params, query, body })`, typed from the
 * endpoint's contract (the same object the server registers its route from).
 */
type Field<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : undefined extends T
    ? { [P in K]?: T }
    : { [P in K]: T };
type Query<C extends Contract> = [QueryOf<C>] extends [undefined]
  ? { query?: undefined }
  : { query?: Partial<QueryOf<C>> };
export type CallInput<C extends Contract> = Field<'params', ParamsOf<C>> & Query<C> & Field<'body', BodyOf<C>>;
export type CallOptions = Pick<RequestOptions, 'signal' | 'headers' | 'unauthorizedIsAnswer' | 'rawJson'>;

type Args<C extends Contract> =
  object extends CallInput<C>
    ? [input?: CallInput<C>, options?: CallOptions]
    : [input: CallInput<C>, options?: CallOptions];

/** Query strings drop empty values: an unset filter is no filter. */
export function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The address of an endpoint, for a link (a download, a feed, a redirect to sign in). */
export function urlOf<C extends Contract>(
  contract: C,
  input: Pick<CallInput<C>, 'params' | 'query'> = {} as never,
): string {
  const { params, query } = input as { params?: Record<string, unknown>; query?: Record<string, unknown> };
  return fillPath(contract.path, params) + queryString(query);
}

/** A JSON body already serialised (a file's text, sent as is): `options.rawJson` takes the place of `body`. */
type RawJsonArgs<C extends Contract> = [
  input: Omit<CallInput<C>, 'body'> & { body?: undefined },
  options: CallOptions & { rawJson: string },
];

export function call<C extends Contract>(
  contract: C,
  ...[input, options]: Args<C> | RawJsonArgs<C>
): Promise<ResponseOf<C>> {
  const { body } = (input ?? {}) as { body?: unknown };
  const sent: RequestOptions = { method: contract.method, ...options };
  if (contract.bodyFormat === 'binary' && body instanceof Blob) sent.file = body;
  else if (body !== undefined) sent.body = body;
  return request<ResponseOf<C>>(urlOf(contract, (input ?? {}) as never), sent);
}
