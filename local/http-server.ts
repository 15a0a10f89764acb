import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ClockRequest, TokenRequest } from '../functions/contract/schemas.js';
import { auditUnauthenticated } from '../functions/app/access.js';
import { API_RESPONSE_HEADERS, BODY_LIMIT_BYTES, zodDetails } from '../functions/platform/http.js';
import { getUser } from '../functions/store/users.js';
import { ClockWentBackwards, durationMs, MAX_CLOCK_MOVE_DAYS, type ControllableClock } from './clock.js';
import type { LocalRoute } from './cloud-template.js';
import type { LocalTokenIssuer } from './tokens.js';
import { contentSecurityPolicy } from '../web/security-headers.js';

export interface LocalHttpDeps {
  routes: LocalRoute[];
  invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>;
  tokens: LocalTokenIssuer;
  clock: ControllableClock;
  staticDir?: string;
  /** False while the store is being seeded: the clock may not move then (the seed's dates hang on it). */
  ready: () => boolean;
  /** Whether `POST /local/token` gives tokens (refused when the server listens beyond this machine). */
  localTokens: boolean;
}

/**
 * The web front end's headers: the CSP CloudFront sends too (with the API on this origin), no sniffing, no
 * referrer (as CloudFront), no framing for browsers without frame-ancestors. README "Security headers".
 */
export const WEB_SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function compile(route: LocalRoute): { route: LocalRoute; regex: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'));
  return { route, regex: new RegExp(`^${pattern}$`), names };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...API_RESPONSE_HEADERS, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const error = (code: string, message: string, details: unknown[] = []) => ({ error: { code, message, details } });

class PayloadTooLarge extends Error {
  constructor(readonly limit: number) {
    super('payload too large');
  }
}

/** The body, up to the limit of its kind (as API Gateway's payload limit): beyond it reading stops at once. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const limit = BODY_LIMIT_BYTES[String(req.headers['content-type'] ?? '').includes('csv') ? 'csv' : 'json'];
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new PayloadTooLarge(limit);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new PayloadTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The local HTTP server: the routes of the synthesized template, each request turned into the API Gateway
 * v2 event the Lambda receives (JWT claims included) and the handler's response returned as is; plus the
 * local-only routes (/local/token, /local/clock) and the web front end's static files.
 */
/** A path parameter decoded; a malformed escape (`%E0%A4%A`) is kept as sent, and the route finds no such thing. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function startHttpServer(deps: LocalHttpDeps, port: number, host: string): Promise<Server> {
  const compiled = deps.routes.map(compile);

  async function apiGatewayRequest(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const method = req.method ?? 'GET';
    const matches = compiled.map((c) => ({ c, m: c.regex.exec(url.pathname) })).filter((x) => x.m);
    if (matches.length === 0) return false;
    const match = matches.find((x) => x.c.route.method === method);
    if (!match) {
      send(res, 404, { ...error('not-found', 'no such route'), message: 'Not Found' });
      return true;
    }
    const { route, names } = match.c;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeSegment(match.m![i + 1]!)]));
    let claims: Record<string, unknown> | undefined;
    if (route.authorized) {
      const header = String(req.headers.authorization ?? '');
      claims = header.startsWith('Bearer ') ? deps.tokens.verify(header.slice(7)) : undefined;
      // As API Gateway's JWT authorizer: the function is not invoked without a valid token. The refusal is
      // audited on the citizen the route names (in the cloud: see README, "Unauthenticated requests").
      if (!claims) {
        await auditUnauthenticated(route, params);
        return send(res, 401, { ...error('unauthenticated', 'sign in first'), message: 'Unauthorized' }), true;
      }
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v)]));
    const isJson = (headers['content-type'] ?? '').includes('json') || body.length === 0;
    const requestId = randomUUID();
    const event = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
      pathParameters: names.length ? params : undefined,
      body: body.length ? (isJson ? body.toString('utf8') : body.toString('base64')) : undefined,
      isBase64Encoded: body.length > 0 && !isJson,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId,
        routeKey: route.routeKey,
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
        authorizer: { jwt: { claims: claims ?? {}, scopes: [] }, principalId: '', integrationLatency: 0 },
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const result = (await deps.invoke(route.functionLogicalId, event)) as APIGatewayProxyStructuredResultV2;
    const outHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    res.writeHead(result.statusCode ?? 200, outHeaders);
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    return true;
  }

  async function localRoute(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const parseJson = () => {
      try {
        return JSON.parse(body.toString('utf8') || 'null');
      } catch {
        return undefined;
      }
    };
    if (url.pathname === '/health' && req.method === 'GET' && !deps.ready()) return send(res, 200, { status: 'ok', ready: false }), true;
    if (url.pathname === '/local/token' && req.method === 'POST') {
      if (!deps.localTokens) return send(res, 403, error('forbidden', 'local tokens are off while the server listens beyond this machine (LOCAL_TOKENS=1 turns them on)')), true;
      const parsed = TokenRequest.safeParse(parseJson());
      if (!parsed.success) return send(res, 400, error('invalid-input', 'the request is not valid', zodDetails(parsed.error))), true;
      const user = await getUser(parsed.data.username);
      if (!user || !user.active) return send(res, 401, error('unauthenticated', 'no active user with that username')), true;
      return send(res, 200, { token: deps.tokens.issue(user.username) }), true;
    }
    if (url.pathname === '/local/clock' && req.method === 'GET') return send(res, 200, { now: deps.clock.now().toISOString() }), true;
    if (url.pathname === '/local/clock' && req.method === 'POST') {
      const parsed = ClockRequest.safeParse(parseJson());
      if (!parsed.success) return send(res, 400, error('invalid-input', 'give { "advance": "P3D" } or { "now": "…" }', zodDetails(parsed.error))), true;
      if (!deps.ready()) return send(res, 503, error('unavailable', 'the demo data is being seeded; move the clock when GET /health says ready')), true;
      const field = 'advance' in parsed.data ? 'advance' : 'now';
      const target = 'advance' in parsed.data ? deps.clock.nowMs() + durationMs(parsed.data.advance) : Date.parse(parsed.data.now);
      // Every timer due on the way fires: a move of years would run for hours and hold every later call. With
      // nothing waiting nothing fires, so a fresh store may be set to any date (tests and demos start so).
      if (target - deps.clock.nowMs() > MAX_CLOCK_MOVE_DAYS * 86_400_000 && deps.clock.hasWaitingWork()) {
        return send(res, 400, error('invalid-input', `the clock moves at most ${MAX_CLOCK_MOVE_DAYS} days a call`, [{ path: field, message: `at most ${MAX_CLOCK_MOVE_DAYS} days ahead` }])), true;
      }
      try {
        await deps.clock.advanceTo(target);
      } catch (e) {
        if (e instanceof ClockWentBackwards) return send(res, 409, error('conflict', 'the clock never goes backwards')), true;
        throw e;
      }
      return send(res, 200, { now: deps.clock.now().toISOString() }), true;
    }
    return false;
  }

  /**
   * The front end's files. Its routes are in the hash (`/#/borger/{id}`: web/README.md), so `/` is its only
   * page; any other path that is no file is the API's 404, never the page.
   */
  function staticFile(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (!deps.staticDir || req.method !== 'GET') return false;
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, error('invalid-input', 'the path is not valid', [{ path: '(path)', message: 'a malformed percent-escape' }])), true;
    }
    const relative = normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, '');
    const file = join(deps.staticDir, relative);
    if (!file.startsWith(deps.staticDir) || !existsSync(file) || statSync(file).isDirectory()) return false;
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...WEB_SECURITY_HEADERS });
    res.end(readFileSync(file));
    return true;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (e) {
        if (!(e instanceof PayloadTooLarge)) throw e;
        // Answer and close: the rest of the body is never read.
        send(res, 413, error('payload-too-large', `the body is over ${e.limit / 1024 / 1024} MB`), { connection: 'close' });
        res.once('finish', () => req.socket.destroy());
        return;
      }
      if (await localRoute(req, res, url, body)) return;
      if (await apiGatewayRequest(req, res, url, body)) return;
      if (staticFile(req, res, url)) return;
      send(res, 404, error('not-found', 'no such route'));
    })().catch((e: Error) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'local server failed', error: e.name }));
      if (!res.headersSent) send(res, 500, error('internal-error', 'something went wrong'));
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
