/**
 * P5, cost: AWS cost per citizen-year at eu-north-1 list prices, from the operations counted while simulated
 * journey-years run (bench/journey-year.ts) — per template that can run and has scenarios, per scenario and per
 * service. Each scenario runs on its own fresh system in its own process (the handlers' clients are made once
 * per process), so nothing of another citizen is counted. Goal ≤ $0.01 for each scenario.
 *
 * Counted: Step Functions state transitions, Lambda invocations and their handler time (at the configured
 * memory), API requests, DynamoDB read and write units as DynamoDB Local reports them, e-mails sent. Modelled
 * (stated below): log bytes per invocation, KMS requests, Cognito users, Scheduler and S3.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestTemplates } from '../functions/domain/templates/index.js';
import { startSystem } from '../test/support/system.js';
import { meterDynamo } from './dynamo-meter.js';
import { executionsOf, SCENARIOS } from './journey-year.js';
import { type Figure, limited, type Part, progress, runAlone } from './results.js';

/*
 * List prices, USD, eu-north-1 (Stockholm) unless said, as read from the AWS pricing pages
 * (aws.amazon.com/<service>/pricing) on 2 December 2026; no free tier counted. Where the Stockholm price was
 * not at hand the us-east-1 price is used and marked so: check these before quoting them outside this bench.
 */
export const PRICES = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1000,
  /** Lambda, per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda on arm64, per GB-second (first tier). */
  lambdaArmGbSecond: 0.0000133334,
  /** API Gateway HTTP API, per request (first 300 million a month; us-east-1 $1.00 per million). */
  httpApiRequest: 1.0 / 1e6,
  /** DynamoDB on demand, per write request unit and per read request unit (after the November 2024 price cut). */
  dynamoWriteUnit: 0.6875 / 1e6,
  dynamoReadUnit: 0.1375 / 1e6,
  /** KMS, per request ($0.03 per 10,000). */
  kmsRequest: 0.03 / 10_000,
  /** CloudWatch Logs, per GB ingested (standard class). */
  logsGbIngested: 0.5,
  /** Cognito Plus tier (the stack's feature plan), per monthly active user. */
  cognitoPlusMau: 0.02,
  /** SES, per e-mail sent ($0.10 per 1,000). */
  sesEmail: 0.1 / 1000,
  /** EventBridge Scheduler, per invocation ($1.00 per million). */
  schedulerInvocation: 1.0 / 1e6,
  /** S3 Standard, per GET and per PUT request (us-east-1: $0.0004 and $0.005 per 1,000). */
  s3Get: 0.0004 / 1000,
  s3Put: 0.005 / 1000,
};

/*
 * Modelled, not counted locally:
 * - logs: Lambda's START/END/REPORT lines (~350 bytes) and one INFO line (~250 bytes) per invocation, one API
 *   access-log line (~300 bytes) per request;
 * - KMS: DynamoDB keeps a table's key material for minutes per connection, so its KMS calls do not grow with
 *   requests; counted as one Decrypt per 100 Lambda invocations (a cold start each, reading two tables), which
 *   overstates it for warm traffic;
 * - Cognito: staff sign in, citizens do not: one active staff member per 40 active citizens, every month;
 * - Scheduler: the stack's daily schedules (retention), shared by all citizens: 365 a year over 150,000;
 * - S3: the web app's files (about 10 GETs a sign-in, a sign-in per staff member a working day) per citizen.
 */
const LOG_BYTES_PER_INVOCATION = 600;
const ACCESS_LOG_BYTES = 300;
const KMS_PER_INVOCATION = 1 / 100;
const CITIZENS_PER_STAFF = 40;
const SCHEDULES_A_YEAR = 365;
const NATIONAL_CITIZENS = 150_000;
const S3_GETS_PER_STAFF_DAY = 10;
const WORKING_DAYS = 250;
const LAMBDA_GB = 0.5; // infra/constructs/forlob-function.ts: memorySize 512

interface Counted {
  apiCalls: number;
  stateTransitions: number;
  lambdaInvocations: number;
  lambdaMs: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  emails: number;
  executions: Record<string, unknown>;
}

function priced(c: Counted): Record<string, number> {
  const logBytes = c.lambdaInvocations * LOG_BYTES_PER_INVOCATION + c.apiCalls * ACCESS_LOG_BYTES;
  return {
    'Step Functions': c.stateTransitions * PRICES.stateTransition,
    'Lambda requests': c.lambdaInvocations * PRICES.lambdaRequest,
    'Lambda GB-seconds': (c.lambdaMs / 1000) * LAMBDA_GB * PRICES.lambdaArmGbSecond,
    'API Gateway': c.apiCalls * PRICES.httpApiRequest,
    'DynamoDB reads': c.dynamoReadUnits * PRICES.dynamoReadUnit,
    'DynamoDB writes': c.dynamoWriteUnits * PRICES.dynamoWriteUnit,
    KMS: c.lambdaInvocations * KMS_PER_INVOCATION * PRICES.kmsRequest,
    'CloudWatch Logs': (logBytes / 1e9) * PRICES.logsGbIngested,
    Cognito: (12 * PRICES.cognitoPlusMau) / CITIZENS_PER_STAFF,
    SES: c.emails * PRICES.sesEmail,
    Scheduler: (SCHEDULES_A_YEAR / NATIONAL_CITIZENS) * PRICES.schedulerInvocation,
    S3: ((S3_GETS_PER_STAFF_DAY * WORKING_DAYS) / CITIZENS_PER_STAFF) * PRICES.s3Get,
  };
}

const outboxCount = (dir: string) => {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
};

/** One scenario on a fresh system (the child process's work). */
async function countScenario(template: string, scenario: string): Promise<Counted> {
  const system = await startSystem();
  try {
    const meter = await meterDynamo();
    const outbox = join(system.runtime.dataDir, 'outbox');
    let before = { invocations: {} as Record<string, { count: number; ms: number }>, emails: 0 };
    const { enrolmentId, apiCalls } = await SCENARIOS[template]![scenario]!(system, {
      progress,
      begin: () => {
        meter.reset();
        before = { invocations: structuredClone(system.runtime.invocations()), emails: outboxCount(outbox) };
      },
    });
    await system.runtime.stepFunctions.settled();
    const executions = executionsOf(system.runtime.stepFunctions, enrolmentId);
    let lambdaInvocations = 0;
    let lambdaMs = 0;
    for (const [fn, stats] of Object.entries(system.runtime.invocations())) {
      lambdaInvocations += stats.count - (before.invocations[fn]?.count ?? 0);
      lambdaMs += stats.ms - (before.invocations[fn]?.ms ?? 0);
    }
    return {
      apiCalls,
      stateTransitions: Object.values(executions).reduce((n, e) => n + e.stateTransitions, 0),
      lambdaInvocations,
      lambdaMs,
      dynamoReadUnits: meter.readUnits,
      dynamoWriteUnits: meter.writeUnits,
      emails: outboxCount(outbox) - before.emails,
      executions,
    };
  } finally {
    await system.stop();
  }
}

export const cost: Part = {
  name: 'cost',
  async run() {
    const figures: Figure[] = [];
    const detail: Record<string, unknown> = { prices: PRICES };
    for (const template of latestTemplates().filter((t) => t.available)) {
      const scenarios = SCENARIOS[template.id];
      if (!scenarios) {
        figures.push({ part: 'P5', figure: `${template.id}: no journey-year scenario yet (bench/journey-year.ts)`, value: null, unit: '' });
        continue;
      }
      for (const scenario of Object.keys(scenarios)) {
        progress(`${template.id} ${scenario} journey-year`);
        const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!.replace(/[^/]+$/, 'cost.ts'), '--scenario', template.id, scenario], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 1 << 26,
        });
        const counted = JSON.parse(out.slice(out.lastIndexOf('\n{') + 1)) as Counted;
        const byService = priced(counted);
        const total = Object.values(byService).reduce((a, b) => a + b, 0);
        detail[`${template.id}/${scenario}`] = { counted, usdByService: byService, usdTotal: total };
        figures.push(limited('P5', `${template.id} ${scenario}: cost per citizen-year`, total, 'USD', 0.01));
        for (const [service, usd] of Object.entries(byService)) figures.push({ part: 'P5', figure: `  ${template.id} ${scenario}: ${service}`, value: usd, unit: 'USD' });
      }
    }
    return { figures, detail };
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--scenario');
  if (at > 0) {
    const counted = await countScenario(process.argv[at + 1]!, process.argv[at + 2]!);
    process.stdout.write(`\n${JSON.stringify(counted)}\n`);
    process.exit(0);
  }
  await runAlone(cost);
}
