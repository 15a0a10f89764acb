import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { buildWeb } from '../../web/build.js';
import { contentSecurityPolicy } from '../../web/security-headers.js';
import { NpmStart } from '../support/npm-start.js';

/*
 * Local mode's hardening, on `npm start` as a user runs it: two processes, started side by side to save
 * time. One as by default (loopback, the demo seeded, so the seeding window can be seen and workflows
 * wait); one asked to listen on every interface without LOCAL_TOKENS=1.
 */
let local: NpmStart;
let open: NpmStart;
let starting: Promise<void>;
/** /health and a clock move, seen while the demo data was being seeded. */
const duringSeeding: { health?: unknown; clock?: number } = {};

/** An address of this machine that is not loopback, if it has one. */
const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

async function untilListening(target: NpmStart): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${target.url}/health`);
      duringSeeding.health = await res.json();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Every TCP port the process and its children (DynamoDB Local) listen on, with the address. */
function listeners(pid: number): string[] {
  const pids = [pid, ...execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)];
  return execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => pids.some((p) => line.includes(`pid=${p},`)))
    .map((line) => line.trim().split(/\s+/)[3]!);
}

beforeAll(async () => {
  buildWeb();
  local = new NpmStart(mkdtempSync(join(tmpdir(), 'forlob-local-mode-')), await freePort(), { SEED_DEMO: '1' });
  open = new NpmStart(mkdtempSync(join(tmpdir(), 'forlob-local-open-')), await freePort(), { HOST: '0.0.0.0' });
  starting = local.start();
  const openStarted = open.start();
  // The server answers before the demo is seeded: that window is what the seeding cases look at.
  await untilListening(local);
  duringSeeding.clock = (await local.request('POST', '/local/clock', { body: { advance: 'P1D' } })).status;
  await Promise.all([starting, openStarted]);
}, 240_000);
afterAll(async () => {
  await Promise.all([local?.stop(), open?.stop()]);
});

describe('listening', () => {
  it('listens on loopback only by default, DynamoDB Local too, and is not reached on another address of the machine', async () => {
    const addresses = listeners(local.pid!);
    expect(addresses.length).toBeGreaterThanOrEqual(2); // the HTTP server and DynamoDB Local
    for (const address of addresses) expect(address, address).toMatch(/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):\d+$/);
    if (otherAddress) {
      const port = new URL(local.url).port;
      await expect(fetch(`http://${otherAddress}:${port}/health`)).rejects.toThrow();
      // The other server, asked to listen everywhere, is reached there: the check above can fail.
      expect((await fetch(`http://${otherAddress}:${new URL(open.url).port}/health`)).status).toBe(200);
    }
  });

  it('with HOST=0.0.0.0 and no LOCAL_TOKENS=1 refuses POST /local/token (403) and says so loudly', async () => {
    const reply = await open.request('POST', '/local/token', { body: { username: 'admin' } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('forbidden');
    expect(open.output.join('')).toContain('WARNING: Forløb listens on 0.0.0.0: POST /local/token is refused (403)');
    expect(local.output.join('')).not.toContain('WARNING');
  });
});

describe('data files', () => {
  it('keeps DATA_DIR for the user alone: folders 0700, files 0600', () => {
    const seen: string[] = [];
    const walk = (dir: string) => {
      expect((statSync(dir).mode & 0o777).toString(8), dir).toBe('700');
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else {
          seen.push(entry.name);
          expect((statSync(path).mode & 0o777).toString(8), path).toBe('600');
        }
      }
    };
    walk(local.dataDir);
    expect(seen).toEqual(expect.arrayContaining(['clock.json', 'cpr-secret', 'token-secret']));
    expect(seen.some((name) => name.endsWith('.db'))).toBe(true);
  });
});

describe('the clock', () => {
  it('refuses a clock move while the demo is seeded (503), /health says ready: false then, and ready: true after', async () => {
    expect(duringSeeding.health).toEqual({ status: 'ok', ready: false });
    expect(duringSeeding.clock).toBe(503);
    const health = await local.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.ready).toBe(true);
  });

  it('refuses an advance over 400 days while a workflow waits (400), and moves 1 day', async () => {
    const before = (await local.request('GET', '/local/clock')).body.now;
    const far = await local.request('POST', '/local/clock', { body: { advance: 'P401D' } });
    expect(far.status).toBe(400);
    expect(far.body.error.code).toBe('invalid-input');
    const after = (await local.request('GET', '/local/clock')).body.now;
    expect(Date.parse(after) - Date.parse(before)).toBeLessThan(60_000); // the clock runs on, but did not move
    expect((await local.request('POST', '/local/clock', { body: { advance: 'P1D' } })).status).toBe(200);
  }, 60_000);
});

describe('paths and headers', () => {
  it('answers a malformed percent-escape in a static path with 400, not 500', async () => {
    const res = await fetch(`${local.url}/%E0%A4%A.js`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('invalid-input');
  });

  it('answers an unknown API path with the contract’s 404 JSON, not the web page', async () => {
    for (const path of ['/no-such-route', '/programmes/x/nothing', '/borger/1']) {
      const res = await fetch(`${local.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(((await res.json()) as any).error.code, path).toBe('not-found');
    }
  });

  it('sends the web page with the CSP CloudFront sends (frame-ancestors too), nosniff and a Referrer-Policy', async () => {
    for (const path of ['/', '/app.js']) {
      const res = await fetch(`${local.url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toBe(contentSecurityPolicy()); // the one CloudFront sends, with the API on this origin
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer'); // as CloudFront
    }
  });

  it('sends Cache-Control: no-store on API responses, answered or refused', async () => {
    const me = await local.as('lise.leder').get('/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const refused = await local.request('GET', '/me');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${local.url}/templates`)).headers.get('cache-control')).toBe('no-store');
  });
});
