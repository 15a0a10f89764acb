import { z } from 'zod';
import { routes, type RouteSpec } from './routes.js';
import { ErrorBody } from './schemas.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

/** The OpenAPI 3.0 document of every route, generated from the same zod schemas the handlers use. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteSpec[]) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = route.query
      ? Object.entries((jsonSchema(route.query, 'input').properties ?? {}) as Record<string, object>).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema }),
        )
      : [];
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...pathParams, ...queryParams],
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          content: { [route.responseContentType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
        },
        ...(route.accepted ? { 202: { description: 'Accepted', content: { 'application/json': { schema: jsonSchema(route.accepted, 'output') } } } } : {}),
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } },
      },
    };
    if (route.public !== true) operation.security = [{ bearer: [] }];
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
    info: { title: 'Forløb API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
