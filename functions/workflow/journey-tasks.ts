import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { stepFunctions } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { journeyClock, journeyPosition } from '../app/journey-workflow.js';
import { logger } from '../platform/logger.js';
import { recipientsOf } from '../domain/recipients.js';
import { getJourney, readJourneyItems, type StoredJourney } from '../store/journeys.js';
import { latestAmong } from '../store/plans.js';
import { Appointment } from '../contract/appointments.js';
import { interventionsNotStarted } from '../domain/follow-up.js';
import { storeJourneyWaitToken } from '../store/waits.js';
import { handledTickOf, markTickHandled, notifyOnce, notifyTick } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
import { rulesOf, stageOf, templateOf } from '../domain/templates/index.js';
import { positionOf, trackPositions, waitTrack } from '../domain/track-waits.js';
import { listUsers } from '../store/users.js';
import { remindHoursNotRegistered } from '../app/internships.js';

/**
 * The journey state machine's tasks. Versioned inputs: a field added later must be optional, so executions
 * in flight keep working after a deployment.
 */
const Timer = z.object({
  seconds: z.int(),
  dueAt: z.string(),
  tick: z
    .object({
      index: z.int(),
      dueAt: z.string(),
      notifications: z.array(z.object({ kind: z.string(), audience: z.enum(['leads', 'tovholder']) })),
    })
    .nullable(),
});

/** A waiting step of a journey of several tracks (`journeyPosition`'s `waiting`). */
const WaitingStep = z.object({ track: z.string(), step: z.string(), enteredAt: z.string() });

const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('read-journey'), enrolmentId: z.string(), generation: z.int(), executionStartedAt: z.string() }),
  // `track` and `waiting` came with templates of several tracks: without them, the one track's step.
  z.object({
    action: z.literal('await-step'),
    enrolmentId: z.string(),
    track: z.string().optional(),
    step: z.string(),
    waiting: z.array(WaitingStep).optional(),
    taskToken: z.string(),
    enteredAt: z.string().optional(),
    readAt: z.string().optional(),
  }),
  // `enteredAt` (the visit the timer was set for) came later: without it, the stored visit of the step.
  z.object({ action: z.literal('timer-fired'), enrolmentId: z.string(), track: z.string().optional(), step: z.string(), enteredAt: z.string().optional(), timer: Timer }),
]);
type TaskInput = z.infer<typeof TaskInput>;

async function journeyOrFail(enrolmentId: string): Promise<StoredJourney> {
  const journey = await getJourney(enrolmentId);
  if (!journey) throw Object.assign(new Error('journey not found'), { name: 'JourneyNotFound' });
  return journey;
}

async function readJourney(input: { enrolmentId: string; generation: number; executionStartedAt: string }) {
  const journey = await journeyOrFail(input.enrolmentId);
  // The journey names its template version; only the settings come from the programme, read beside the ticks.
  const template = templateOf(journey);
  const open = trackPositions(template, journey).filter((p) => !stageOf(template, p.track, p.stage)?.final);
  // The last tick handled of each waiting step's visit: its next timer counts from it.
  const [programme, handled] = await Promise.all([
    getProgramme(journey.programmeId),
    Promise.all(open.map((p) => handledTickOf(journeyClock(journey.id, p.stage, p.enteredAt, waitTrack(template, p.track))))),
  ]);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  const rules = rulesOf(programme, journey);
  const handledDueAt = Object.fromEntries(open.flatMap((p, i) => (handled[i] ? [[p.track, handled[i]]] : [])));
  return journeyPosition(journey, rules, { generation: input.generation, startedAt: new Date(input.executionStartedAt) }, now(), handledDueAt);
}

/**
 * A position older than this is read again before waiting: its timer would fire late. It happens when the
 * local runtime resumes an execution after a restart from the position its enrolment gave.
 */
const POSITION_FRESH_MS = 60_000;

/**
 * Stores the execution's task token on the wait item of every step it waits at (the one track's step, or each
 * of `waiting`), unless the visit read just before was left meanwhile (see `storeJourneyWaitToken`). If one
 * was left, or the position is stale, the step signals itself so the journey reads its stored stage again.
 */
async function awaitStep(input: Extract<TaskInput, { action: 'await-step' }>) {
  // An input from before `enteredAt` existed goes round through ReadJourney once more, which supplies it.
  const fresh = input.readAt === undefined || now().getTime() - Date.parse(input.readAt) <= POSITION_FRESH_MS;
  const steps = input.waiting ?? (input.enteredAt === undefined ? [] : [{ track: undefined, step: input.step, enteredAt: input.enteredAt }]);
  const stored = fresh && steps.length > 0 && (await Promise.all(steps.map((s) => storeJourneyWaitToken({ enrolmentId: input.enrolmentId, taskToken: input.taskToken, ...s }))));
  const waiting = stored !== false && stored.every(Boolean);
  if (!waiting) await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: input.taskToken, output: JSON.stringify({ signalled: 'stage-moved' }) }));
  return {};
}

/**
 * At each follow-up, the tovholder is told of every plan intervention whose start month passed without an
 * attended session: once per intervention (its due time is the month after its start month).
 */
async function flagInterventionsNotStarted(journey: StoredJourney, users: Awaited<ReturnType<typeof listUsers>>): Promise<number> {
  const items = await readJourneyItems(journey.id);
  const plan = latestAmong(items, 'PLAN');
  if (!plan) return 0;
  const appointments = items.filter((item) => item.type === 'appointment').map((item) => Appointment.parse(item));
  let sent = 0;
  for (const flag of interventionsNotStarted(plan.interventions, appointments, now())) {
    const to = recipientsOf(users, journey, 'tovholder');
    if (await notifyOnce({ enrolmentId: journey.id, kind: 'intervention-not-started', dueAt: flag.dueAt, recipients: to, subject: flag.interventionId })) sent++;
  }
  return sent;
}

/**
 * A step's timer fired: send what fell due, once, if the journey still awaits that visit of the step (of its
 * track, for a template of several tracks); then record the tick handled, so the next timer counts from it (a
 * tick missed meanwhile comes next, late).
 */
async function timerFired(input: Extract<TaskInput, { action: 'timer-fired' }>) {
  const journey = await journeyOrFail(input.enrolmentId);
  const tick = input.timer.tick;
  const position = positionOf(journey, input.track);
  const enteredAt = input.enteredAt ?? position?.enteredAt;
  if (!position || position.stage !== input.step || position.enteredAt !== enteredAt || !tick) return { sent: 0 };
  // One read of the staff list serves every notification of this tick.
  const users = await listUsers();
  // A weekly hours tick is due only for the internships that ran that week without hours (app/internships.ts).
  const hoursTick = tick.notifications.some((n) => n.kind === 'hours-not-registered');
  let sent = hoursTick ? await remindHoursNotRegistered(journey, tick, users) : await notifyTick({ enrolmentId: journey.id, tick, users, context: journey });
  if (input.step === 'follow-up') sent += await flagInterventionsNotStarted(journey, users);
  await markTickHandled(journeyClock(journey.id, input.step, enteredAt, input.track), tick.dueAt);
  logger.info('step timer fired', { enrolmentId: journey.id, track: input.track, step: input.step, tick: tick.index, sent });
  return { sent };
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  switch (input.action) {
    case 'read-journey':
      return readJourney(input);
    case 'await-step':
      return awaitStep(input);
    case 'timer-fired':
      return timerFired(input);
  }
};
