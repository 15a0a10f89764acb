import { z } from 'zod';
import { ANY_ROLE, routes, type RouteSpec } from './routes.js';
import { ErrorBody } from './schemas.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A client generator's name for the route, derived from its method and path so that it is stable:
 * `GET /enrolments/{id}/plan/revisions` → `getEnrolmentsPlanRevisions`; a path ending in a parameter adds
 * `By` and its name (`GET /programmes/{id}` → `getProgrammesById`, apart from `GET /programmes`).
 */
export function operationId(route: Pick<RouteSpec, 'method' | 'path'>): string {
  const segments = route.path.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const named = segments.filter((s) => !s.startsWith('{')).flatMap(words).map(capitalised);
  const by = last.startsWith('{') ? ['By', ...words(last).map(capitalised)] : [];
  return [route.method.toLowerCase(), ...named, ...by].join('');
}

const ERRORS = {
  400: 'invalid-input: the body or query is not valid; `details` names every bad field',
  401: 'unauthenticated: no valid token, or the user is deactivated',
  403: 'forbidden: the role or the municipalities of the caller do not allow this',
  404: 'not-found: unknown, or not visible to this caller',
  409: 'conflict: a stale version, a duplicate or a step out of order',
  413: 'payload-too-large: the body is over the limit',
  422: 'rule-violated: a domain rule refused; `rule` names it',
} as const;

/** Every error response the route can give, from what its table entry declares. */
function errorStatuses(route: RouteSpec): (keyof typeof ERRORS)[] {
  const authenticated = route.public !== true;
  const limitedByRole = (route.roles ?? []).length < ANY_ROLE.length || route.scope === 'municipality';
  const statuses: [keyof typeof ERRORS, boolean][] = [
    [400, route.body !== undefined || route.query !== undefined],
    [401, authenticated],
    [403, authenticated && limitedByRole],
    [404, route.path.includes('{')],
    [409, route.refusals?.includes('conflict') ?? false],
    [413, route.body !== undefined],
    [422, route.refusals?.includes('rule-violated') ?? false],
  ];
  return statuses.filter(([, applies]) => applies).map(([status]) => status);
}

/** The OpenAPI 3.0 document of every route, generated from the same zod schemas the handlers use. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteSpec[]) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$' },
    }));
    const queryParams = route.query
      ? Object.entries((jsonSchema(route.query, 'input').properties ?? {}) as Record<string, object>).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema }),
        )
      : [];
    const errors = Object.fromEntries(
      errorStatuses(route).map((status) => [status, { description: ERRORS[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      summary: route.summary,
      parameters: [...pathParams, ...queryParams],
      // Public routes say so: no token (the document's default is the bearer JWT).
      security: route.public === true ? [] : [{ bearer: [] }],
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          content: { [route.responseContentType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
        },
        ...(route.accepted ? { 202: { description: 'Accepted', content: { 'application/json': { schema: jsonSchema(route.accepted, 'output') } } } } : {}),
        ...errors,
        default: { description: 'internal-error (500) or unavailable (503)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (route.body) {
      const contentType = route.bodyType === 'csv' ? 'text/csv' : 'application/json';
      operation.requestBody = {
        required: true,
        content: {
          [contentType]: {
            schema: route.bodyType === 'csv' ? { type: 'string' } : jsonSchema(route.body, 'input'),
          },
        },
      };
    }
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Forløb API',
      version: '1',
      description: 'The HTTP API of Forløb (shared/api.md). Errors: `{ error: { code, message, details[], rule? } }`.',
      license: { name: 'UNLICENSED (private)' },
    },
    // Relative: the API is served from the origin that serves this document (`npm start`: http://localhost:3000).
    servers: [{ url: '/', description: 'The origin that serves this document' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
    },
    paths,
  };
}
