import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ControllableClock } from './clock.js';
import { synthesizeTemplate, TemplateModel, type LocalFunction } from './cloud-template.js';
import { ensureTables, freePort, startDynamoDbLocal } from './dynamodb-local.js';
import { startHttpServer } from './http-server.js';
import { answerInProcess } from './sfn-endpoint.js';
import { LocalScheduler } from './scheduler.js';
import { LocalStepFunctions } from './step-functions.js';
import { LocalTokenIssuer } from './tokens.js';
import { REPO_ROOT } from '../infra/constructs/forlob-function.js';

export interface RuntimeOptions {
  dataDir: string;
  /** 0 takes a free port. */
  port: number;
  /** The address the HTTP server listens on; 127.0.0.1 unless given (README: HOST). */
  host?: string;
  /** Password-less tokens also when listening beyond this machine (README: LOCAL_TOKENS). */
  localTokens?: boolean;
  /** Keep DynamoDB in memory (tests); otherwise in DATA_DIR, surviving restarts. */
  inMemory?: boolean;
  /** Powertools log level of the handlers; the template's INFO unless given (tests keep it quiet). */
  logLevel?: string;
}

export interface Runtime {
  url: string;
  dataDir: string;
  clock: ControllableClock;
  stepFunctions: LocalStepFunctions;
  dynamoEndpoint: string;
  model: TemplateModel;
  fresh: boolean;
  tokens: LocalTokenIssuer;
  /** Whether the store is seeded: until then `/health` says `ready: false` and the clock is not moved by calls. */
  ready: boolean;
  /** Invocations and handler milliseconds per function so far (the benches' Lambda cost). */
  invocations(): Record<string, { count: number; ms: number }>;
  stop(): Promise<void>;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Local tokens let anyone be anyone, admin included: beyond this machine only when asked for, and loudly. */
function localTokensAllowed(host: string, asked: boolean): boolean {
  if (isLoopback(host)) return true;
  console.error(
    asked
      ? `WARNING: Forløb listens on ${host} with LOCAL_TOKENS=1: anyone who reaches this port gets a token for any user, admin included, without a password.`
      : `WARNING: Forløb listens on ${host}: POST /local/token is refused (403), since it gives any user's token without a password; LOCAL_TOKENS=1 turns it on.`,
  );
  return asked;
}

function secretFile(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return file;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * The share of task invocations (from Step Functions) that fail as Lambda's service errors arrive, for the fault
 * bench only (bench/faults.ts): half before the handler runs, half after it ran and its answer was lost.
 */
const FAULT_RATE = Number(process.env.FORLOB_FAULT_TASK_RATE ?? 0);
const lambdaServiceError = () => Object.assign(new Error('injected fault'), { name: 'Lambda.ServiceException' });

/** Each Lambda function of the template, run from the module CDK bundles for it. */
class LocalLambdas {
  private readonly byArn = new Map<string, LocalFunction>();
  private readonly byLogicalId = new Map<string, LocalFunction>();
  private readonly loaded = new Map<string, Promise<Handler>>();
  readonly invocations: Record<string, { count: number; ms: number }> = {};

  constructor(functions: LocalFunction[]) {
    for (const fn of functions) {
      this.byArn.set(fn.arn, fn);
      this.byLogicalId.set(fn.logicalId, fn);
    }
  }

  private handler(fn: LocalFunction): Promise<Handler> {
    let handler = this.loaded.get(fn.entry);
    if (!handler) {
      handler = import(pathToFileURL(join(REPO_ROOT, fn.entry)).href).then((m: { handler: Handler }) => m.handler);
      this.loaded.set(fn.entry, handler);
    }
    return handler;
  }

  private async call(fn: LocalFunction | undefined, event: unknown): Promise<unknown> {
    if (!fn) throw Object.assign(new Error('function not found'), { name: 'Lambda.ResourceNotFoundException' });
    const handler = await this.handler(fn);
    const context = { functionName: fn.logicalId, awsRequestId: randomBytes(16).toString('hex'), invokedFunctionArn: fn.arn, getRemainingTimeInMillis: () => 15_000 };
    const started = performance.now();
    try {
      // A round trip through JSON, as Lambda's payloads take.
      return JSON.parse(JSON.stringify((await handler(JSON.parse(JSON.stringify(event)), context)) ?? null));
    } finally {
      const stats = (this.invocations[fn.logicalId] ??= { count: 0, ms: 0 });
      stats.count += 1;
      stats.ms += performance.now() - started;
    }
  }

  invokeByArn = async (arn: string, payload: unknown) => {
    const fault = FAULT_RATE > 0 && Math.random() < FAULT_RATE ? (Math.random() < 0.5 ? 'before' : 'after') : null;
    if (fault === 'before') throw lambdaServiceError();
    const result = await this.call(this.byArn.get(arn.replace(/:(\$LATEST|\d+)$/, '')), payload);
    if (fault === 'after') throw lambdaServiceError();
    return result;
  };
  invokeByLogicalId = (logicalId: string, event: unknown) => this.call(this.byLogicalId.get(logicalId), event);
}

/** Sets the variables the handlers read, with the same names the cloud gives them. */
function configureEnvironment(functions: LocalFunction[], values: Record<string, string>): void {
  const merged: Record<string, string> = {};
  for (const fn of functions) {
    for (const [key, value] of Object.entries(fn.environment)) {
      if (key === 'NODE_OPTIONS') continue;
      if (merged[key] !== undefined && merged[key] !== value) throw new Error(`functions disagree on ${key}; the local runtime shares one process`);
      merged[key] = value;
    }
  }
  Object.assign(process.env, merged, values);
}

/**
 * Starts the whole system on this machine: DynamoDB Local, the Step Functions runner, the HTTP API, the
 * controllable clock. Everything it runs comes from the synthesized cloud template.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = isAbsolute(options.dataDir) ? options.dataDir : resolve(options.dataDir);
  // The store holds citizens' data: its folders are the user's only (0700), its files too (0600, where made).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const fresh = !existsSync(join(dataDir, 'clock.json')) && !existsSync(join(dataDir, 'dynamodb'));
  const model = new TemplateModel(synthesizeTemplate());

  let dbPath: string | undefined;
  if (!options.inMemory) mkdirSync((dbPath = join(dataDir, 'dynamodb')), { recursive: true, mode: 0o700 });
  const dynamo = await startDynamoDbLocal({ dbPath });
  try {
    await ensureTables(dynamo.endpoint, model.tables());
    const functions = model.functions();
    const port = options.port === 0 ? await freePort() : options.port;
    const host = options.host ?? '127.0.0.1';
    const url = `http://${isLoopback(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
    configureEnvironment(functions, {
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      // Never reached: the handlers' Step Functions client is answered in-process (below), and a name that
      // cannot resolve keeps any other client from reaching AWS.
      AWS_ENDPOINT_URL_SFN: 'http://step-functions.local.invalid',
      CPR_SECRET_ARN: pathToFileURL(secretFile(dataDir, 'cpr-secret')).href,
      // Exports: their files in DATA_DIR/exports, their pseudonyms' key in a file of its own.
      EXPORT_STORE: pathToFileURL(join(dataDir, 'exports')).href,
      EXPORT_KEY_ARN: pathToFileURL(secretFile(dataDir, 'export-key')).href,
      OUTBOX_DIR: join(dataDir, 'outbox'),
      // No user pool locally: the local token issuer stands in for Cognito (functions/platform/identities.ts).
      USER_POOL_ID: '',
      APP_URL: url,
      ...(options.logLevel ? { POWERTOOLS_LOG_LEVEL: options.logLevel } : {}),
    });
    if (!existsSync(join(dataDir, 'clock.json'))) writeFileSync(join(dataDir, 'clock.json'), JSON.stringify({ offsetMs: 0 }), { mode: 0o600 });

    if (options.logLevel) {
      // The shared logger may be loaded before the environment is set; give it the level directly too.
      const { logger } = await import('../functions/platform/logger.js');
      logger.setLogLevel(options.logLevel as 'WARN');
    }
    const lambdas = new LocalLambdas(functions);
    let stepFunctions!: LocalStepFunctions;
    const clock = new ControllableClock(dataDir, () => stepFunctions.settled());
    const { useClockSource } = await import('../functions/platform/clock.js');
    useClockSource(() => clock.now());
    stepFunctions = new LocalStepFunctions(model.stateMachines(), lambdas.invokeByArn, clock, dataDir);
    answerInProcess((await import('../functions/platform/clients.js')).stepFunctions, stepFunctions);
    const tokens = new LocalTokenIssuer(readFileSync(secretFile(dataDir, 'token-secret'), 'utf8'), `${url}/local`);
    const staticDir = join(REPO_ROOT, 'web', 'dist');
    const scheduler = new LocalScheduler(model.schedules(), clock, stepFunctions, dataDir);
    const localTokens = localTokensAllowed(host, options.localTokens === true);
    const runtime: Runtime = {
      url,
      dataDir,
      clock,
      stepFunctions,
      dynamoEndpoint: dynamo.endpoint,
      model,
      fresh,
      tokens,
      ready: false,
      invocations: () => lambdas.invocations,
      async stop() {
        clock.stop();
        scheduler.stop();
        stepFunctions.stop();
        await new Promise((r) => http.close(r));
        http.closeAllConnections?.();
        await dynamo.stop();
      },
    };
    const http: Server = await startHttpServer(
      {
        routes: model.routes(),
        invoke: lambdas.invokeByLogicalId,
        tokens,
        clock,
        staticDir: existsSync(staticDir) ? staticDir : undefined,
        ready: () => runtime.ready,
        localTokens,
      },
      port,
      host,
    );
    stepFunctions.resume();
    scheduler.start();
    clock.start();
    return runtime;
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
