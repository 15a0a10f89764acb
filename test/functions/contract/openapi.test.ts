import { describe, expect, it } from 'vitest';
import { openApiDocument, operationId } from '../../../functions/contract/openapi.js';
import { routeKey, routes, type RouteSpec } from '../../../functions/contract/routes.js';

type Operation = { operationId: string; security: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { pattern?: string }> } }> } };
const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; servers: unknown[]; components: { schemas: { Error: { properties: { error: { properties: Record<string, unknown> } } } } } };
const operation = (route: RouteSpec) => doc.paths[route.path]![route.method.toLowerCase()]!;
const all = routes as readonly RouteSpec[];

describe('the OpenAPI document', () => {
  it('names every operation once, in camelCase', () => {
    const ids = all.map((r) => operation(r).operationId);
    expect(new Set(ids).size).toBe(all.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+([A-Z][a-z0-9]*)*$/);
    expect(operationId({ method: 'GET', path: '/programmes/{id}' })).toBe('getProgrammesById');
    expect(operationId({ method: 'POST', path: '/enrolments/{id}/instruments/{instrumentId}/safety-follow-up' })).toBe('postEnrolmentsInstrumentsSafetyFollowUp');
  });

  it('gives every error a route can answer with the error schema, rule included', () => {
    expect(Object.keys(doc.components.schemas.Error.properties.error.properties).sort()).toEqual(['code', 'details', 'message', 'rule']);
    for (const route of all) {
      const statuses = Object.keys(operation(route).responses);
      const key = routeKey(route);
      if (route.public) expect(operation(route).security, key).toEqual([]);
      else expect(statuses, key).toEqual(expect.arrayContaining(['401']));
      if (route.body || route.query) expect(statuses, key).toContain('400');
      if (route.path.includes('{')) expect(statuses, key).toContain('404');
      if (route.body) expect(statuses, key).toContain('413');
      for (const status of statuses.filter((s) => s >= '400' && s !== 'default')) {
        expect(operation(route).responses[status]!.content!['application/json']!.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    expect(Object.keys(operation(all.find((r) => routeKey(r) === 'PUT /enrolments/{id}/plan')!).responses)).toEqual(expect.arrayContaining(['403', '409', '422']));
    expect(Object.keys(operation(all.find((r) => routeKey(r) === 'GET /me')!).responses)).not.toContain('403');
    expect(doc.servers.length).toBeGreaterThan(0);
  });

  it('shows the CPR rule of an enrolment', () => {
    const schema = operation(all.find((r) => routeKey(r) === 'POST /programmes/{id}/enrolments')!).requestBody!.content['application/json']!.schema;
    expect(schema.properties!['cpr']!.pattern).toBeDefined();
  });
});

describe('the route table', () => {
  it('declares who may call every route that is not public, and its scope', () => {
    for (const route of all) {
      if (route.public === true) expect(route.roles, routeKey(route)).toBeUndefined();
      else expect(route.roles?.length, routeKey(route)).toBeGreaterThan(0);
    }
    // A route that reads or changes one citizen names the action its audit entries carry.
    for (const route of all.filter((r) => r.scope === 'journey' || r.scope === 'own-appointment')) expect(route.audit, routeKey(route)).toMatch(/^[a-z-]+$/);
  });
});
