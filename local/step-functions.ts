import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import type { ControllableClock } from './clock.js';
import type { LocalStateMachine } from './cloud-template.js';

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
const withResolvers = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
};
(Promise as any).withResolvers ??= withResolvers;

/** The interpreter times a task out after TimeoutSeconds of real time; its timers stop at ~24.8 days. */
const INTERPRETER_MAX_SECONDS = 2_147_483;
const TOKEN_PLACEHOLDER = 'LOCAL-TASK-TOKEN-PLACEHOLDER';
const LOCAL_TIMEOUT_FIELD = '__localTimeoutSeconds';
const LOCAL_WAIT_SECONDS = '__localWaitSeconds';
const LOCAL_WAIT_UNTIL = '__localWaitUntil';
const CLOCK_START_TIME = 'ClockStartTime';
const CLOCK_WAIT_RESOURCE = 'arn:aws:lambda:eu-north-1:000000000000:function:LocalClockWait';

export type Invoke = (functionArn: string, payload: unknown) => Promise<unknown>;

export class StepFunctionsError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function statesError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

interface Execution {
  arn: string;
  name: string;
  stateMachineArn: string;
  input: unknown;
  startDate: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  output?: unknown;
  error?: string;
  transitions: number;
  /** Lambda invocations of its tasks (retries included), for the cost model. */
  invocations: number;
  /** States entered, by type (Task, Choice, Succeed, …), to estimate the history events AWS would record. */
  enteredByType: Record<string, number>;
  /** How many of its waits are pending: it counts as idle, not busy, while one is. */
  idle: number;
  abort?: () => void;
  /** Settles every task it is waiting in, so the interpreter clears its real-time task timers. */
  release?: () => void;
}

interface PersistedExecution {
  stateMachineArn: string;
  name: string;
  input: unknown;
  startDate: string;
}

/** A line of the executions journal in DATA_DIR. */
type JournalLine = { started: PersistedExecution } | { ended: string };

/** A state machine made runnable once, with what every execution of it needs. */
interface Runnable {
  machine: LocalStateMachine;
  runnable: StateMachine;
  /** The states the runner runs itself: tasks and waits. */
  localTasks: [string, any][];
  kindOf: Map<string, string>;
  retryPauses: Record<string, number>;
}

interface Waiter {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the state machines of the synthesized template with aws-local-stepfunctions, mechanically adapted
 * for local runs only:
 * - every Lambda task goes to the very handler module CDK bundles (through `invoke`);
 * - `.waitForTaskToken` tasks get a fresh token per task and wait for a local SendTaskSuccess/Failure,
 *   raced against their timeout on the controllable clock (a `States.Timeout` the definition catches);
 * - `Wait` states and the execution timeout sleep on the controllable clock, not real time;
 * - `states:startExecution` starts a local execution.
 * Running executions are kept in DATA_DIR; after a restart each is run again from its input (the
 * definitions begin by reading the stored stage, and a journey given its position at enrolment reads it
 * again before waiting, that position being old by then: so that resumes them).
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, Runnable>();
  private readonly executions = new Map<string, Execution>();
  private readonly waiters = new Map<string, Waiter>();
  private busy = 0;
  private stopped = false;
  private journal: number | undefined;

  constructor(
    machines: LocalStateMachine[],
    private readonly invoke: Invoke,
    private readonly clock: ControllableClock,
    private readonly dataDir: string,
  ) {
    for (const machine of machines) {
      const runnable = new StateMachine(localDefinition(machine.definition) as any, { validationOptions: { checkPaths: true, checkArn: true } });
      const states = allStates(machine.definition);
      const entry: Runnable = {
        machine,
        runnable,
        localTasks: states.filter(([, state]) => state.Type === 'Task' || state.Type === 'Wait'),
        kindOf: new Map(states.map(([name, state]) => [name, stateKind(state)])),
        retryPauses: retryPauses(machine.definition),
      };
      for (const arn of [machine.arn, ...machine.aliasArns]) this.machines.set(arn, entry);
    }
  }

  /** Resolves once no execution is busy (each waits on the clock or a callback, or has ended). */
  async settled(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((r) => setTimeout(r, this.busy === 0 ? 2 : 5));
      quiet = this.busy === 0 ? quiet + 1 : 0;
    }
  }

  /** Counts of what ran, for the cost model; `machine` (a name) limits them to one state machine. */
  stats(machine?: string): { executions: number; transitions: number; invocations: number; enteredByType: Record<string, number> } {
    let transitions = 0;
    let invocations = 0;
    let executions = 0;
    const enteredByType: Record<string, number> = {};
    for (const e of this.executions.values()) {
      if (machine && !e.stateMachineArn.endsWith(`:stateMachine:${machine}`)) continue;
      executions++;
      transitions += e.transitions;
      invocations += e.invocations;
      for (const [type, n] of Object.entries(e.enteredByType)) enteredByType[type] = (enteredByType[type] ?? 0) + n;
    }
    return { executions, transitions, invocations, enteredByType };
  }

  describeExecution(executionArn: string): Execution | undefined {
    return this.executions.get(executionArn);
  }

  listExecutions(): Execution[] {
    return [...this.executions.values()];
  }

  startExecution(
    stateMachineArn: string,
    name: string | undefined,
    input: unknown,
    startDate?: string,
    options: { resumed?: boolean } = {},
  ): { executionArn: string; startDate: string } {
    const entry = this.machines.get(stateMachineArn);
    if (!entry) throw new StepFunctionsError('StateMachineDoesNotExist', 'state machine does not exist');
    const executionName = name ?? randomUUID();
    const executionArn = `${entry.machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As on AWS: the same name with the same input is idempotent; another input is refused.
      if (JSON.stringify(existing.input) === JSON.stringify(input)) return { executionArn, startDate: existing.startDate };
      throw new StepFunctionsError('ExecutionAlreadyExists', 'execution already exists');
    }
    const execution: Execution = {
      arn: executionArn,
      name: executionName,
      stateMachineArn: entry.machine.arn,
      input,
      startDate: startDate ?? this.clock.now().toISOString(),
      status: 'RUNNING',
      transitions: 0,
      invocations: 0,
      enteredByType: {},
      idle: 0,
    };
    this.executions.set(executionArn, execution);
    if (!options.resumed) this.record({ started: { stateMachineArn: execution.stateMachineArn, name: executionName, input, startDate: execution.startDate } });
    this.run(entry, execution);
    return { executionArn, startDate: execution.startDate };
  }

  sendTaskSuccess(token: string, output: unknown): void {
    const waiter = this.takeWaiter(token);
    waiter.resolve(output);
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): void {
    const waiter = this.takeWaiter(token);
    waiter.reject(statesError(error ?? 'States.TaskFailed', cause ?? ''));
  }

  private takeWaiter(token: string): Waiter {
    const waiter = this.waiters.get(token);
    if (!waiter) throw new StepFunctionsError(token.startsWith('local-') ? 'TaskTimedOut' : 'InvalidToken', 'task timed out or was already completed');
    this.waiters.delete(token);
    return waiter;
  }

  /**
   * Runs every execution that was running when the runtime last stopped. The journal holds one line per
   * start and per end (appending keeps a start cheap with thousands waiting); it is compacted here.
   */
  resume(): number {
    const file = this.journalFile();
    if (!existsSync(file)) return 0;
    const running = new Map<string, PersistedExecution>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line) as JournalLine;
      if ('started' in entry) running.set(`${entry.started.stateMachineArn}|${entry.started.name}`, entry.started);
      else running.delete(entry.ended);
    }
    writeFileSync(file, [...running.values()].map((started) => JSON.stringify({ started }) + '\n').join(''), { mode: 0o600 });
    for (const e of running.values()) this.startExecution(e.stateMachineArn, e.name, e.input, e.startDate, { resumed: true });
    return running.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.journal !== undefined) closeSync(this.journal);
    this.journal = undefined;
    for (const execution of this.executions.values()) {
      execution.abort?.();
      execution.release?.();
    }
  }

  private journalFile(): string {
    return join(this.dataDir, 'executions.jsonl');
  }

  private record(line: JournalLine): void {
    if (this.stopped) return;
    // Kept open: one write per line, not an open, a write and a close (10,000 of them in a large import).
    this.journal ??= openSync(this.journalFile(), 'a', 0o600);
    writeSync(this.journal, JSON.stringify(line) + '\n');
  }

  /** Marks the execution idle while `wait` is pending; busy again the moment it settles. */
  private idleWhile<T>(execution: Execution, wait: (settle: { resolve: (v: T) => void; reject: (e: Error) => void }) => void): Promise<T> {
    const { promise, resolve, reject } = withResolvers<T>();
    let done = false;
    this.busy--;
    execution.idle++;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      this.busy++;
      execution.idle--;
      f();
    };
    wait({ resolve: (v) => finish(() => resolve(v)), reject: (e) => finish(() => reject(e)) });
    return promise;
  }

  private sleepOnClock(execution: Execution, untilMs: number): Promise<void> {
    return this.idleWhile<void>(execution, ({ resolve }) => this.clock.sleepUntil(untilMs, () => resolve()));
  }

  private run({ machine, runnable, localTasks, kindOf, retryPauses }: Runnable, execution: Execution): void {
    // The interpreter keeps a real timer for each task until the task settles; a stopped runtime settles
    // them all, or those timers (weeks long for a waiting step) would keep the process from exiting.
    const { promise: released, reject: release } = withResolvers<never>();
    released.catch(() => undefined);
    execution.release = () => release(statesError('Local.Stopped', 'the local runtime stopped'));
    const handlers: Record<string, (input: any) => Promise<unknown>> = {};
    for (const [stateName, state] of localTasks) {
      handlers[stateName] = (input) => Promise.race([this.runTask(execution, state, input), released]);
    }
    this.busy++;
    const context = {
      Execution: { Id: execution.arn, Name: execution.name, [CLOCK_START_TIME]: execution.startDate, Input: execution.input },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: { Token: TOKEN_PLACEHOLDER },
    };
    const run = runnable.run(execution.input as any, {
      overrides: { taskResourceLocalHandlers: handlers as any, retryIntervalOverrides: retryPauses },
      context: context as any,
      noThrowOnAbort: true,
    });
    execution.abort = run.abort;
    let timeout: { cancel: () => void } | undefined;
    if (typeof machine.definition.TimeoutSeconds === 'number') {
      timeout = this.clock.sleepUntil(Date.parse(execution.startDate) + machine.definition.TimeoutSeconds * 1000, () => {
        execution.status = 'TIMED_OUT';
        run.abort();
      });
    }
    void (async () => {
      for await (const event of run.eventLogs) {
        if (event.type !== 'StateEntered') continue;
        execution.transitions++;
        const type = kindOf.get((event as { state?: { name?: string } }).state?.name ?? '') ?? 'Unknown';
        execution.enteredByType[type] = (execution.enteredByType[type] ?? 0) + 1;
      }
    })().catch(() => undefined);
    run.result
      .then((output) => {
        if (execution.status === 'RUNNING') {
          execution.status = this.stopped ? 'ABORTED' : 'SUCCEEDED';
          execution.output = output;
        }
      })
      .catch((error: Error) => {
        execution.status = 'FAILED';
        execution.error = error.name;
        console.error(JSON.stringify({ level: 'ERROR', message: 'execution failed', execution: execution.name, error: error.name }));
      })
      .finally(() => {
        timeout?.cancel();
        // An execution aborted while it waited was already counted idle.
        this.busy -= 1 - execution.idle;
        if (execution.status !== 'ABORTED') this.record({ ended: `${execution.stateMachineArn}|${execution.name}` });
      });
  }

  private async runTask(execution: Execution, original: any, input: any): Promise<unknown> {
    const resource: string = original.Resource;
    if (original.Type === 'Wait') {
      const until = input[LOCAL_WAIT_UNTIL] !== undefined ? Date.parse(input[LOCAL_WAIT_UNTIL]) : this.clock.nowMs() + Number(input[LOCAL_WAIT_SECONDS]) * 1000;
      await this.sleepOnClock(execution, until);
      return {};
    }
    if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
      const { [LOCAL_TIMEOUT_FIELD]: timeoutSeconds, ...params } = input;
      execution.invocations++;
      if (resource.endsWith('.waitForTaskToken')) return this.runCallbackTask(execution, params, timeoutSeconds);
      return { Payload: await this.invoke(params.FunctionName, params.Payload), StatusCode: 200 };
    }
    if (resource.startsWith('arn:aws:states:::states:startExecution')) {
      const out = this.startExecution(input.StateMachineArn, input.Name, typeof input.Input === 'string' ? JSON.parse(input.Input) : input.Input);
      return { ExecutionArn: out.executionArn, StartDate: out.startDate };
    }
    if (resource.startsWith('arn:aws:lambda:')) {
      execution.invocations++;
      return this.invoke(resource, input);
    }
    throw statesError('States.Runtime', `the local runtime does not run the resource ${resource}`);
  }

  private async runCallbackTask(execution: Execution, params: any, timeoutSeconds: number | undefined): Promise<unknown> {
    const token = `local-${randomUUID()}`;
    const payload = JSON.parse(JSON.stringify(params.Payload).split(TOKEN_PLACEHOLDER).join(token));
    const outcome = this.idleWhile<unknown>(execution, ({ resolve, reject }) => {
      let timer: { cancel: () => void } | undefined;
      this.waiters.set(token, {
        executionArn: execution.arn,
        resolve: (v) => (timer?.cancel(), resolve(v)),
        reject: (e) => (timer?.cancel(), reject(e)),
      });
      if (timeoutSeconds !== undefined) {
        timer = this.clock.sleepUntil(this.clock.nowMs() + Number(timeoutSeconds) * 1000, () => {
          this.waiters.delete(token);
          reject(statesError('States.Timeout', 'the task timed out'));
        });
      }
    });
    // The handler is invoked while the token is already registered, so it may signal itself.
    this.busy++;
    try {
      await this.invoke(params.FunctionName, payload);
    } catch (error) {
      this.waiters.get(token)?.reject(error as Error);
    } finally {
      this.busy--;
    }
    return outcome;
  }
}

/** A state's type for the cost model; tasks split by how they run, as AWS records them differently. */
export function stateKind(state: any): string {
  if (state.Type !== 'Task') return String(state.Type);
  const resource = String(state.Resource);
  if (resource.endsWith('.waitForTaskToken')) return 'Task.callback';
  if (resource.startsWith('arn:aws:states:::states:')) return 'Task.startExecution';
  return 'Task.lambda';
}

/**
 * History events AWS records per state entered (Standard workflows): entered + exited for every state, plus
 * scheduled/started/succeeded for a Lambda task, and submitted for a callback or a started execution; two per
 * execution (started, succeeded). An estimate for the 25,000-event budget: retries add a few more.
 */
export const AWS_EVENTS_PER_STATE: Record<string, number> = { 'Task.lambda': 5, 'Task.callback': 6, 'Task.startExecution': 6, Choice: 2, Succeed: 2, Pass: 2, Wait: 2, Fail: 2 };

export function estimatedHistoryEvents(enteredByType: Record<string, number>, executions: number): number {
  return Object.entries(enteredByType).reduce((sum, [kind, n]) => sum + n * (AWS_EVENTS_PER_STATE[kind] ?? 5), 2 * executions);
}

/** Every state of a definition, nested ones (Map, Parallel) included. Overrides are keyed by state name. */
export function allStates(definition: any): [string, any][] {
  return Object.entries<any>(definition.States).flatMap(([name, state]) => [
    [name, state] as [string, any],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
    ...(state.Iterator ? allStates(state.Iterator) : []),
    ...(state.Branches ?? []).flatMap((branch: any) => allStates(branch)),
  ]);
}

/** Retry pauses of seconds are kept short locally; they are about the machine, not the citizen's days. */
function retryPauses(definition: any): Record<string, number> {
  return Object.fromEntries(
    allStates(definition)
      .filter(([, s]) => Array.isArray(s.Retry))
      .map(([name]) => [name, 20]),
  );
}

/**
 * The mechanical, local-only rewrite of a definition (see the class comment). The definition's own Catch
 * and Retry stay as they are.
 */
export function localDefinition(definition: any): any {
  // The interpreter stamps Execution.StartTime with real time; the execution started on the clock.
  const copy = JSON.parse(JSON.stringify(definition).split('$$.Execution.StartTime').join(`$$.Execution.${CLOCK_START_TIME}`));
  delete copy.TimeoutSeconds;
  for (const [name, state] of Object.entries<any>(copy.States)) {
    if (state.Type === 'Wait') {
      const parameters: Record<string, unknown> = {};
      if (state.Seconds !== undefined) parameters[LOCAL_WAIT_SECONDS] = state.Seconds;
      if (state.SecondsPath) parameters[`${LOCAL_WAIT_SECONDS}.$`] = state.SecondsPath;
      if (state.Timestamp) parameters[LOCAL_WAIT_UNTIL] = state.Timestamp;
      if (state.TimestampPath) parameters[`${LOCAL_WAIT_UNTIL}.$`] = state.TimestampPath;
      copy.States[name] = {
        Type: 'Task',
        Resource: CLOCK_WAIT_RESOURCE,
        ...(state.InputPath !== undefined ? { InputPath: state.InputPath } : {}),
        ...(state.OutputPath !== undefined ? { OutputPath: state.OutputPath } : {}),
        Parameters: parameters,
        ResultPath: null,
        TimeoutSeconds: INTERPRETER_MAX_SECONDS,
        ...(state.Next ? { Next: state.Next } : { End: true }),
      };
      continue;
    }
    if (state.Type === 'Task' && Array.isArray(state.Retry)) {
      // On AWS `States.TaskFailed` never matches `States.Timeout`; the interpreter knows that only for its own
      // timeout errors. A leading retrier that never retries keeps a clock timeout out of the others.
      state.Retry = [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 0 }, ...state.Retry];
    }
    if (state.Type === 'Task' && String(state.Resource).endsWith('.waitForTaskToken')) {
      if (state.TimeoutSeconds !== undefined) state.Parameters[LOCAL_TIMEOUT_FIELD] = state.TimeoutSeconds;
      if (state.TimeoutSecondsPath) state.Parameters[`${LOCAL_TIMEOUT_FIELD}.$`] = state.TimeoutSecondsPath;
      delete state.TimeoutSecondsPath;
      state.TimeoutSeconds = INTERPRETER_MAX_SECONDS;
    } else if (state.Type === 'Task') {
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds ?? 60, INTERPRETER_MAX_SECONDS);
    }
    if (state.Type === 'Map' && state.ItemProcessor) state.ItemProcessor = localDefinition(state.ItemProcessor);
    if (state.Type === 'Map' && state.Iterator) state.Iterator = localDefinition(state.Iterator);
    if (state.Type === 'Parallel') state.Branches = state.Branches.map(localDefinition);
  }
  return copy;
}
