import { OPEN_STAGES } from '../functions/domain/journey.js';
import { TEMPLATES } from '../functions/domain/templates/index.js';
import { lambdaRetry as lambdaRetryFor } from './lambda-retry.js';

/**
 * The `journey` state machine: one execution per enrolment. It begins with a choice on the stored stage
 * (read first unless the enrolment gave the new journey's position), so an execution can start at any
 * stage — that is how it continues as a new execution before the one-year limit and how the local runtime
 * resumes waiting journeys after a restart. Each stage waits for the caseworker's action (a callback whose
 * token is stored in DynamoDB) with a timeout at the step's next due time; when it passes, the timer task
 * sends the reminder or escalation and the step waits again.
 *
 * `${JourneyTasksArn}` is substituted by CDK (DefinitionSubstitutions) and by the local runner alike.
 * Names of states are part of the contract with executions in flight: keep them stable.
 */

/**
 * The stages a journey of a one-track template waits at, each with its pair of states: Brug for alle's first (in
 * the order their states came), then those of the other one-track templates that it lacks.
 */
export const WAITING_STAGES: readonly string[] = [
  ...new Set([...OPEN_STAGES, ...TEMPLATES.filter((t) => t.tracks.length === 1).flatMap((t) => t.tracks[0]!.stages.filter((s) => !s.final).map((s) => s.id))]),
];

const stateName = (stage: string) => stage.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
export const awaitStateName = (stage: string) => `Await${stateName(stage)}`;
export const timerStateName = (stage: string) => `${stateName(stage)}TimerFired`;

const lambdaRetry = lambdaRetryFor();

/**
 * A step's pair of states: the callback that waits for it, and its timer. `step` is the payload's fields that
 * name the step: a stage of the one-track template's state (its name is constant), or, for a journey of
 * several tracks, the step due first with its track and every waiting step, read from the position.
 */
function waitStates(await_: string, timer: string, what: { waits: string; fired: string }, step: Record<string, string>, waiting: Record<string, string> = {}): Record<string, unknown> {
  return {
    [await_]: {
      Type: 'Task',
      Comment: `Waits for ${what.waits} to be recorded; times out at its next reminder.`,
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${JourneyTasksArn}',
        Payload: { action: 'await-step', ...step, ...waiting, 'enrolmentId.$': '$.enrolmentId', 'enteredAt.$': '$.journey.enteredAt', 'readAt.$': '$.journey.readAt', 'taskToken.$': '$$.Task.Token' },
      },
      TimeoutSecondsPath: '$.journey.timer.seconds',
      ResultPath: '$.signal',
      Retry: lambdaRetry,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: timer }],
      Next: 'ReadJourney',
    },
    [timer]: {
      Type: 'Task',
      Comment: `${what.fired} fired: remind or escalate, once per due time.`,
      Resource: '${JourneyTasksArn}',
      Parameters: { action: 'timer-fired', ...step, 'enrolmentId.$': '$.enrolmentId', 'enteredAt.$': '$.journey.enteredAt', 'timer.$': '$.journey.timer' },
      ResultPath: null,
      Retry: lambdaRetry,
      Next: 'ReadJourney',
    },
  };
}

const stageStates = (stage: string) => waitStates(awaitStateName(stage), timerStateName(stage), { waits: `the ${stage} step`, fired: `The ${stage} step's timer` }, { step: stage });

/** The states of a journey of several tracks (IBBU): one pair for every template, whatever its tracks. */
const trackStates = waitStates('AwaitTrackStep', 'TrackStepTimerFired', { waits: 'any waiting step of the tracks', fired: 'The timer of the step due first' }, { 'track.$': '$.journey.track', 'step.$': '$.journey.stage' }, { 'waiting.$': '$.journey.waiting' });

export const journeyDefinition = {
  Comment: "A citizen's journey through an integrated programme (Forløb).",
  StartAt: 'RouteByStage',
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: {
    ReadJourney: {
      Type: 'Task',
      Comment: 'Reads the stored stage and computes the waiting step’s next timer.',
      Resource: '${JourneyTasksArn}',
      Parameters: {
        action: 'read-journey',
        'enrolmentId.$': '$.enrolmentId',
        'generation.$': '$.generation',
        'executionStartedAt.$': '$$.Execution.StartTime',
      },
      ResultPath: '$.journey',
      Retry: lambdaRetry,
      Next: 'RouteByStage',
    },
    RouteByStage: {
      Type: 'Choice',
      Comment:
        'Reads the journey unless the enrolment gave where it stands; continues as a new execution when it is time; otherwise goes to the stage: one state, one transition.',
      Choices: [
        { Not: { Variable: '$.journey', IsPresent: true }, Next: 'ReadJourney' },
        { Variable: '$.journey.continueAsNew', BooleanEquals: true, Next: 'ContinueAsNewExecution' },
        // A journey of several tracks names them (`waiting`): done when no track waits (no timer), else it waits.
        { And: [{ Variable: '$.journey.waiting', IsPresent: true }, { Variable: '$.journey.timer', IsNull: true }], Next: 'JourneyClosed' },
        { Variable: '$.journey.waiting', IsPresent: true, Next: 'AwaitTrackStep' },
        ...WAITING_STAGES.map((stage) => ({ Variable: '$.journey.stage', StringEquals: stage, Next: awaitStateName(stage) })),
      ],
      Default: 'JourneyClosed',
    },
    ...Object.assign({}, ...WAITING_STAGES.map(stageStates)),
    ...trackStates,
    ContinueAsNewExecution: {
      Type: 'Task',
      Comment: 'Continues the journey as a new execution with the next generation; the stored stage carries the state.',
      Resource: 'arn:aws:states:::states:startExecution',
      Parameters: {
        'StateMachineArn.$': '$$.StateMachine.Id',
        'Name.$': '$.journey.nextExecutionName',
        Input: { 'enrolmentId.$': '$.enrolmentId', 'generation.$': '$.journey.nextGeneration' },
      },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2 }],
      Next: 'ContinuedAsNew',
    },
    ContinuedAsNew: { Type: 'Succeed' },
    JourneyClosed: { Type: 'Succeed' },
  },
};
