import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { auditUnauthenticated } from '../app/access.js';
import { routes } from '../contract/routes.js';
import { logger } from '../platform/logger.js';

/*
 * In the cloud, API Gateway's JWT authorizer answers a 401 before any function runs, so no handler can audit
 * it. The API's access log names the route, the path and the status of every request: its 401 lines reach
 * this function through a subscription filter, and each one on a route that names a citizen is audited
 * under that citizen, as the local server does for its stand-in of the authorizer.
 */

const AccessLogLine = z.object({ routeKey: z.string(), path: z.string(), status: z.coerce.number() });
const LogsPayload = z.object({ logEvents: z.array(z.object({ message: z.string() })) });

/** The path parameters of `path` under a route's template (`/enrolments/{id}`), or null if it does not fit. */
export function paramsOf(template: string, path: string): Record<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== got[i]) return null;
      continue;
    }
    try {
      params[name] = decodeURIComponent(got[i]!);
    } catch {
      return null;
    }
  }
  return params;
}

/** The 401s of a CloudWatch Logs subscription's payload (base64 gzip JSON), with their route and parameters. */
export function refusedRequestsIn(data: string): { route: { method: string; path: string }; params: Record<string, string> }[] {
  const payload = LogsPayload.parse(JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')));
  return payload.logEvents.flatMap(({ message }) => {
    let line: unknown;
    try {
      line = JSON.parse(message);
    } catch {
      return [];
    }
    const parsed = AccessLogLine.safeParse(line);
    if (!parsed.success || parsed.data.status !== 401) return [];
    const route = routes.find((r) => `${r.method} ${r.path}` === parsed.data.routeKey);
    const params = route ? paramsOf(route.path, parsed.data.path) : null;
    return route && params ? [{ route: { method: route.method, path: route.path }, params }] : [];
  });
}

export const handler = async (event: { awslogs: { data: string } }) => {
  const refused = refusedRequestsIn(event.awslogs.data);
  for (const { route, params } of refused) await auditUnauthenticated(route, params);
  logger.info('refused requests audited', { count: refused.length });
  return { audited: refused.length };
};
