import { apiHandler } from '../platform/http.js';
import { openApiDocument } from '../contract/openapi.js';

/** Public routes: liveness and the OpenAPI document. */
export const handler = apiHandler({
  'GET /health': async () => ({ body: { status: 'ok', ready: true } }),
  'GET /openapi.json': async () => ({ body: openApiDocument() }),
});
