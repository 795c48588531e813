import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { TSchema } from 'typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import {
  successStatusOf,
  type Contract,
  type HeadersOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '../../../shared/contract.ts';
import type { Actor, TerritoryPath, UserActor } from '../access/actor.ts';
import type { RouteAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Database } from '../db/client.ts';
import { applyRecordLimit, countRefusal, type RateLimit, type ThrottleHandle } from './rate-limit.ts';
import { loadRecord } from '../access/access.ts';

/**
 * Registers a route from its contract, with the pipeline declared beside it. What runs, in order:
 * rate limit → authenticate (access kind) → validate (the contract's schemas) → `load` the record
 * and authorise it on its territory → `handle` (one module function) → read audit → response.
 */

/** Non-public routes run for a signed-in user: the handler's actor says so. */
export type ActorOf<C extends Contract> = C['access'] extends 'public' ? Actor : UserActor;
/** A binary body arrives as the bytes sent. */
export type ServerBodyOf<C extends Contract> = C extends { bodyFormat: 'binary' }
  ? Buffer
  : C extends { readonly body: infer S extends TSchema }
    ? import('typebox').Static<S>
    : undefined;

export interface RouteInput<C extends Contract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: ServerBodyOf<C>;
  headers: HeadersOf<C>;
  actor: ActorOf<C>;
  request: FastifyRequest;
}

/** Where the record sits (required with a permission access) and the record, handed to the handler. */
export interface Loaded<R> {
  path?: TerritoryPath;
  record: R;
}

export interface HandlerInput<C extends Contract, R> extends RouteInput<C> {
  record: R;
  reply: FastifyReply;
  /** With `rateLimit.counts: 'module'`: the key and rule the module counts with in its statement. */
  throttle: ThrottleHandle | undefined;
}

export interface AuditRead<C extends Contract, R> {
  action: string;
  recordType: string;
  /** The records of personal data the answer shows; `null` when it shows none (no event). */
  ids: (response: ResponseOf<C>, record: R) => readonly string[] | string | null;
  details?: (response: ResponseOf<C>, record: R, input: RouteInput<C>) => Record<string, unknown>;
}

export interface RouteDeclaration<C extends Contract, R> {
  /** Loads the route's record once: a missing one, or one outside the caller's territories, is a 404. */
  load?: (input: RouteInput<C>) => Promise<Loaded<R> | undefined>;
  rateLimit?: RateLimit<R>;
  /** A read of personal data, audited by the platform with the route as its reason. */
  auditRead?: AuditRead<C, R>;
  bodyLimit?: number;
  /**
   * With `bodyLimit`: the route's own refusal of a body announced larger (Content-Length), given
   * before anything else runs (the rate limit does not count it); else Fastify's 413 on reading.
   */
  bodyTooLarge?: () => Error;
  /** Returns the success body, or the reply when it sent something else itself (a file, a redirect). */
  handle: (input: HandlerInput<C, R>) => Promise<ResponseOf<C> | FastifyReply>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    contract?: Contract;
    rateLimit?: RateLimit;
    load?: (input: RouteInput<Contract>) => Promise<Loaded<unknown> | undefined>;
    bodyTooLarge?: () => Error;
  }
  interface FastifyRequest {
    loaded: unknown;
  }
  interface FastifyInstance {
    platform: { database: Database };
  }
}

export function inputOf<C extends Contract>(request: FastifyRequest): RouteInput<C> {
  return {
    params: request.params as ParamsOf<C>,
    query: request.query as QueryOf<C>,
    body: request.body as ServerBodyOf<C>,
    headers: request.headers as HeadersOf<C>,
    actor: request.actor as ActorOf<C>,
    request,
  };
}

function schemaOf(contract: Contract): FastifySchema {
  const responses: Record<string, unknown> = { ...ProblemResponses };
  for (const [status, schema] of Object.entries(contract.responses)) {
    const code = Number(status);
    responses[status] =
      contract.produces && code >= 200 && code < 300
        ? { description: 'Succès', content: { [contract.produces]: { schema } } }
        : schema;
  }
  return {
    tags: [...contract.tags],
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    ...(contract.body ? { body: contract.body } : {}),
    ...(contract.headers ? { headers: contract.headers } : {}),
    ...(contract.bodyFormat === 'binary'
      ? { consumes: ['application/octet-stream'] }
      : contract.bodyFormat === 'form'
        ? { consumes: ['application/x-www-form-urlencoded'] }
        : {}),
    response: responses,
  } as FastifySchema;
}

export function serve<C extends Contract, R = undefined>(
  app: FastifyInstance,
  contract: C,
  declaration: RouteDeclaration<C, R>,
): void {
  const access: RouteAccess =
    typeof contract.access === 'object'
      ? { permission: contract.access.permission, territory: Boolean(declaration.load) }
      : contract.access;
  const success = successStatusOf(contract);
  // A limit per record counts the caller the request names: the record is loaded before validation.
  const perRecord = declaration.rateLimit?.per === 'record' ? declaration.rateLimit : undefined;
  if (perRecord && !declaration.load)
    throw new Error(`${contract.method} ${contract.path}: a rate limit per record needs a load`);
  const counts = declaration.rateLimit && (declaration.rateLimit.counts ?? 'every');
  const counted = counts === 'refused' || counts === 'module';
  app.route({
    method: contract.method,
    url: contract.path,
    ...(declaration.bodyLimit ? { bodyLimit: declaration.bodyLimit } : {}),
    // A limit that counts refusals must see invalid calls too: validation errors reach the handler.
    ...(counted ? { attachValidation: true } : {}),
    config: {
      access,
      contract,
      rateLimit: declaration.rateLimit as RateLimit | undefined,
      load: perRecord ? undefined : (declaration.load as never),
      bodyTooLarge: declaration.bodyTooLarge,
    },
    ...(perRecord
      ? {
          preValidation: async (request: FastifyRequest) => {
            await loadRecord(request, access, declaration.load as never);
            await applyRecordLimit(app.platform.database, perRecord as RateLimit, request.loaded);
          },
        }
      : {}),
    schema: schemaOf(contract),
    handler: async (request, reply) => {
      try {
        if (request.validationError) throw request.validationError;
        reply.code(success);
        const input = inputOf<C>(request);
        const record = request.loaded as R;
        const result = await declaration.handle({ ...input, record, reply, throttle: request.throttle });
        if (result === reply) return reply;
        const response = result as ResponseOf<C>;
        if (declaration.auditRead)
          await auditRead(app.platform.database, contract, declaration.auditRead, response, record, input);
        return success === 204 ? reply.send() : response;
      } catch (error) {
        await countRefusal(app.platform.database, request, error);
        throw error;
      }
    },
  });
}

async function auditRead<C extends Contract, R>(
  database: Database,
  contract: C,
  audit: AuditRead<C, R>,
  response: ResponseOf<C>,
  record: R,
  input: RouteInput<C>,
): Promise<void> {
  const found = audit.ids(response, record);
  if (found === null) return;
  // One record named by a string: its id; a list: its ids in the details (and the id when alone).
  const ids = typeof found === 'string' ? [found] : found;
  const details = audit.details?.(response, record, input) ?? (typeof found === 'string' ? undefined : { ids });
  await recordAudit(database.db, input.actor, {
    action: audit.action,
    recordType: audit.recordType,
    ...(ids.length === 1 ? { recordId: ids[0] } : {}),
    reason: `${contract.method} ${contract.path}`,
    ...(details ? { details } : {}),
  });
}
