import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { Reply } from './system.js';

/**
 * `npm start`'s entry (local/main.ts) as a separate process on a DATA_DIR, with the API calls of
 * test/support/system.ts against it. It can be stopped as a user does (SIGTERM) or killed as a crash does
 * (SIGKILL to it and to DynamoDB Local, its child, which would be orphaned otherwise).
 */
export class NpmStart {
  /** Everything the process printed, across its restarts. */
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly dataDir: string,
    private readonly port: number,
    /** More environment (HOST, LOCAL_TOKENS, SEED_DEMO), over the defaults. */
    private readonly env: Record<string, string> = {},
  ) {}

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, SEED_DEMO: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.tokens.clear();
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (chunk.toString().includes('Forløb kører på')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${this.output.join('').slice(-2000)}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }

  /** `kill -9` of the process and of the processes it started, as a crash of the machine would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await exited;
    this.child = undefined;
  }

  async request(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  }

  as(username: string) {
    const call = async (method: string, path: string, body?: unknown, extra: { raw?: string | Uint8Array; contentType?: string } = {}) => {
      let token = this.tokens.get(username);
      if (!token) {
        token = (await this.request('POST', '/local/token', { body: { username } })).body.token as string;
        this.tokens.set(username, token);
      }
      if (extra.raw === undefined) return this.request(method, path, { token, body });
      const res = await fetch(`${this.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': extra.contentType ?? 'text/plain' }, body: extra.raw as BodyInit });
      return { status: res.status, body: (await res.json()) as any, headers: res.headers };
    };
    return {
      get: (path: string) => call('GET', path),
      post: (path: string, body?: unknown, extra?: { raw?: string | Uint8Array; contentType?: string }) => call('POST', path, body, extra),
      put: (path: string, body?: unknown) => call('PUT', path, body),
      patch: (path: string, body?: unknown) => call('PATCH', path, body),
    };
  }

  async advance(duration: string): Promise<string> {
    const reply = await this.request('POST', '/local/clock', { body: { advance: duration } });
    if (reply.status !== 200) throw new Error(`clock: ${reply.status}`);
    return reply.body.now;
  }
}
