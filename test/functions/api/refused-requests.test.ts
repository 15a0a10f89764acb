import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { paramsOf, refusedRequestsIn } from '../../../functions/api/refused-requests.js';

/** A CloudWatch Logs subscription's payload of these access-log lines, as Lambda receives it. */
const payload = (lines: unknown[]) =>
  gzipSync(JSON.stringify({ logGroup: 'access', logEvents: lines.map((l, i) => ({ id: String(i), timestamp: 0, message: typeof l === 'string' ? l : JSON.stringify(l) })) })).toString('base64');

describe('the 401s of the access log', () => {
  it('finds each 401 on a route with its parameters, and nothing else', () => {
    const found = refusedRequestsIn(
      payload([
        { routeKey: 'GET /enrolments/{id}', path: '/enrolments/e-1', status: '401' },
        { routeKey: 'POST /team-meetings/{id}/items/{enrolmentId}', path: '/team-meetings/m-1/items/e-2', status: '401' },
        { routeKey: 'GET /enrolments/{id}', path: '/enrolments/e-3', status: '200' },
        { routeKey: '$default', path: '/nothing', status: '401' },
        'not JSON',
      ]),
    );
    expect(found).toEqual([
      { route: { method: 'GET', path: '/enrolments/{id}' }, params: { id: 'e-1' } },
      { route: { method: 'POST', path: '/team-meetings/{id}/items/{enrolmentId}' }, params: { id: 'm-1', enrolmentId: 'e-2' } },
    ]);
  });

  it("reads a path's parameters only where the path fits the route's template", () => {
    expect(paramsOf('/enrolments/{id}/audit', '/enrolments/a%20b/audit')).toEqual({ id: 'a b' });
    expect(paramsOf('/enrolments/{id}/audit', '/enrolments/x/plan')).toBeNull();
    expect(paramsOf('/enrolments/{id}', '/enrolments/x/plan')).toBeNull();
    expect(paramsOf('/enrolments/{id}', '/enrolments/%E0%A4%A')).toBeNull();
  });
});
