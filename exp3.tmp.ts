import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { BUNDLE_BANNER } from './infra/constructs/forlob-function.js';
const stub = { name: 'stub', setup(b: any) { b.onResolve({ filter: /^@aws-sdk\/client-(sfn|sesv2)$/ }, (a: any) => ({ path: a.path, namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export class SFNClient { send(){} } export class SESv2Client { send(){} } export class StartExecutionCommand {} export class SendTaskSuccessCommand {} export class SendEmailCommand {} export class SendTaskFailureCommand {} export class ExecutionAlreadyExists extends Error {} export class TaskTimedOut extends Error {} export class TaskDoesNotExist extends Error {} export class InvalidToken extends Error {} export class StopExecutionCommand {} export class DescribeExecutionCommand {} export class ExecutionDoesNotExist extends Error {}', loader: 'js' })); } };
const entries: Record<string, any> = {
  offersStub: { entryPoints: ['functions/api/offers.ts'], plugins: [stub] },
  journeyTasksStub: { entryPoints: ['functions/workflow/journey-tasks.ts'], plugins: [stub] },
  floor: { stdin: { contents: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; import {z} from 'zod'; import { Logger } from '@aws-lambda-powertools/logger'; export const l = new Logger(); export const s = z.object({a: z.string()}); export const d = DynamoDBDocumentClient.from(new DynamoDBClient({}));", resolveDir: '.' } },
  zod1: { stdin: { contents: "import {z} from 'zod'; export const s = z.object({a: z.string()})", resolveDir: '.' } },
  ddb: { stdin: { contents: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const d = DynamoDBDocumentClient.from(new DynamoDBClient({}))", resolveDir: '.' } },
  sfn: { stdin: { contents: "import { SFNClient } from '@aws-sdk/client-sfn'; export const d = new SFNClient({})", resolveDir: '.' } },
  ses: { stdin: { contents: "import { SESv2Client } from '@aws-sdk/client-sesv2'; export const d = new SESv2Client({})", resolveDir: '.' } },
  /*schemas: { entryPoints: ['functions/contract/schemas.ts'] },
  routes: { entryPoints: ['functions/contract/routes.ts'] },
  http: { entryPoints: ['functions/platform/http.ts'] },
*/  offers: { entryPoints: ['functions/api/offers.ts'] },
  journeyTasks: { entryPoints: ['functions/workflow/journey-tasks.ts'] },
};
const files: Record<string, string> = {};
for (const [k, e] of Object.entries(entries)) {
  files[k] = `/tmp/exp3-${k}.mjs`;
  await build({ ...e, outfile: files[k], bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true, mainFields: ['module', 'main'], banner: { js: BUNDLE_BANNER }, logLevel: 'error' });
}
const ts: Record<string, number[]> = {};
for (let i = 0; i < 9; i++) for (const [k, f] of Object.entries(files)) (ts[k] ??= []).push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); await import('${f}'); process.stdout.write(String(performance.now()-t))`], { env: { ...process.env, AWS_REGION: 'eu-north-1' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString()));
for (const [k, v] of Object.entries(ts)) { v.sort((a, b) => a - b); console.log(k, Math.round(v[4]!), (await import('node:fs')).statSync(files[k]!).size); }
