import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { z } from 'zod';
import { routeByKey, type Route, type RouteByKey, type RouteKey } from '../contract/routes.js';
import { ApiError, type ErrorDetail } from './errors.js';
import { requestLogger } from './logger.js';

/** `/team-meetings/{id}/items/{enrolmentId}` → `{ id: string; enrolmentId: string }`. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? { [N in Name]: string } & PathParams<Rest> : {};
/** A CSV body comes as its bytes (the domain decodes it); a JSON body as its schema's output. */
type BodyOf<R> = R extends { bodyType: 'csv' } ? Uint8Array : R extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;
type QueryOf<R> = R extends { query: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a route implementation gets: the request parsed and validated with the route's schemas, typed by them. */
export interface ApiRequest<K extends RouteKey = RouteKey> {
  route: RouteByKey[K];
  params: PathParams<RouteByKey[K]['path']>;
  query: QueryOf<RouteByKey[K]>;
  body: BodyOf<RouteByKey[K]>;
  rawBody: Uint8Array;
  claims: Record<string, unknown> | undefined;
  log: Logger;
  correlationId: string;
}

export interface ApiResult {
  status?: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** A binary body (a downloaded file), given as its bytes. */
  bytes?: Uint8Array;
}

export type RouteImplementation<K extends RouteKey = RouteKey> = (request: ApiRequest<K>) => Promise<ApiResult>;

/** The implementations of a group of routes, each typed by its own route. */
export type RouteImplementations = { [K in RouteKey]?: RouteImplementation<K> };

/** Field paths as the contract names them: `interventions.0.goal`. */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    // zod's own messages may quote the received value; keep only those that cannot carry input.
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : safeMessage(issue),
  }));
}

function safeMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} items` : `too small (minimum ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} items` : `too big (maximum ${issue.maximum})`;
    case 'unrecognized_keys':
      return `unknown field(s): ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('invalid-input', 'the request is not valid', zodDetails(parsed.error));
  return parsed.data;
}

/** Every API response: never kept by a browser or a proxy (it may carry citizen data), never sniffed. */
export const API_RESPONSE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** The largest bodies a route takes (API Gateway and Lambda allow 6 MB): CSV imports, everything else. */
export const BODY_LIMIT_BYTES = { csv: 5 * 1024 * 1024, json: 1024 * 1024 } as const;

/** A client's correlation id is kept only if it is a short token; anything else could forge or flood the logs. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function correlationIdOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  const given = event.headers?.['x-correlation-id'];
  return given && CORRELATION_ID.test(given) ? given : (event.requestContext?.requestId ?? randomUUID());
}

function respond(status: number, body: unknown, correlationId: string, contentType = 'application/json', extra = {}, bytes?: Uint8Array): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': contentType, 'x-correlation-id': correlationId, ...extra, ...API_RESPONSE_HEADERS },
    ...(bytes ? { body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true } : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

export function errorResponse(error: ApiError, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const rule = error.rule === undefined ? {} : { rule: error.rule };
  return respond(error.status, { error: { code: error.code, message: error.message, details: error.details, ...rule } }, correlationId);
}

function decodeBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): Uint8Array {
  if (!event.body) return new Uint8Array();
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function parseJsonBody(raw: Uint8Array): unknown {
  if (raw.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new ApiError('invalid-input', 'the body is not valid JSON', [{ path: '(body)', message: 'not valid JSON' }]);
  }
  const bad = illFormedText(parsed);
  if (bad !== null) throw new ApiError('invalid-input', 'the request is not valid', [{ path: bad || '(body)', message: 'not well-formed Unicode text' }]);
  return parsed;
}

/** A lone UTF-16 surrogate ("\ud800" in JSON): text that has no UTF-8 form, which the store cannot keep. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (value or field name) with a lone surrogate, or null when all text is well formed. */
export function illFormedText(value: unknown): string | null {
  // Iterative, so that a deeply nested body cannot exhaust the stack; a node keeps its parent for the path.
  interface Node {
    value: unknown;
    key: string | null;
    parent: Node | null;
  }
  const pathOf = (node: Node, last?: string): string => {
    const keys: string[] = last === undefined ? [] : [last];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) keys.unshift(n.key);
    return keys.join('.');
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (LONE_SURROGATE.test(node.value)) return pathOf(node);
    } else if (node.value !== null && typeof node.value === 'object') {
      for (const [key, child] of Object.entries(node.value)) {
        if (LONE_SURROGATE.test(key)) return pathOf(node, '(field name)');
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return null;
}

/** What every id and username in a path looks like: ids, usernames and base64url inbox ids all fit. */
const PATH_PARAMETER = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A Lambda handler for a group of routes. It finds the route by API Gateway's route key, validates the
 * query and body with the route's zod schemas, runs the implementation and maps known errors to the
 * contract's error body. Anything unexpected is logged by name only and answered 500.
 */
export function apiHandler(implementations: RouteImplementations) {
  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => {
    const correlationId = correlationIdOf(event);
    const log = requestLogger(correlationId);
    const route = routeByKey(event.routeKey);
    // The key names its route, so the implementation gets the request that route's schemas parsed.
    const implementation = implementations[event.routeKey as RouteKey] as RouteImplementation | undefined;
    if (!route || !implementation) {
      log.warn('no route', { routeKey: event.routeKey });
      return errorResponse(new ApiError('not-found', 'no such route'), correlationId);
    }
    // An id or username no stored thing can have (too long, odd characters) names nothing: 404, before any store
    // lookup (DynamoDB refuses keys over its size limits with an error that would otherwise become a 500).
    if (Object.values(event.pathParameters ?? {}).some((value) => !PATH_PARAMETER.test(value ?? ''))) {
      log.info('refused', { routeKey: event.routeKey, status: 404, code: 'not-found' });
      return errorResponse(new ApiError('not-found', 'no such resource'), correlationId);
    }
    try {
      const rawBody = decodeBody(event);
      const limit = BODY_LIMIT_BYTES[route.bodyType === 'csv' ? 'csv' : 'json'];
      if (rawBody.length > limit) throw new ApiError('payload-too-large', `the body is over ${limit / 1024 / 1024} MB`);
      const query = route.query ? parseWith(route.query, event.queryStringParameters ?? {}) : undefined;
      const body = route.body
        ? route.bodyType === 'csv'
          ? rawBody
          : parseWith(route.body, parseJsonBody(rawBody))
        : undefined;
      const result = await implementation({
        route: route as Route,
        // Every parameter of the path is there and well formed (checked above).
        params: (event.pathParameters ?? {}) as ApiRequest['params'],
        query: query as ApiRequest['query'],
        body: body as ApiRequest['body'],
        rawBody,
        claims: event.requestContext?.authorizer?.jwt?.claims as Record<string, unknown> | undefined,
        log,
        correlationId,
      });
      log.info('answered', { routeKey: event.routeKey, status: result.status ?? route.status ?? 200 });
      return respond(result.status ?? route.status ?? 200, result.body, correlationId, result.contentType, result.headers, result.bytes);
    } catch (error) {
      if (error instanceof ApiError) {
        log.info('refused', { routeKey: event.routeKey, status: error.status, code: error.code });
        return errorResponse(error, correlationId);
      }
      // Log the error's name and stack only: messages from libraries may quote stored values.
      const err = error as Error;
      log.error('failed', { routeKey: event.routeKey, errorName: err?.name, stack: err?.stack?.split('\n').slice(1, 6).join('\n') });
      return errorResponse(new ApiError('internal-error', 'something went wrong; the request was not completed'), correlationId);
    }
  };
}
