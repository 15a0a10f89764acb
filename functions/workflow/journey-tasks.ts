import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { stepFunctions } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { journeyClock, journeyPosition } from '../app/journey-workflow.js';
import { logger } from '../platform/logger.js';
import { Stage } from '../contract/schemas.js';
import { recipientsOf } from '../domain/recipients.js';
import { getJourney, readJourneyItems, type StoredJourney } from '../store/journeys.js';
import { latestAmong } from '../store/plans.js';
import { Appointment } from '../contract/appointments.js';
import { interventionsNotStarted } from '../domain/follow-up.js';
import { storeJourneyWaitToken } from '../store/waits.js';
import { handledTickOf, markTickHandled, notifyOnce, notifyTick } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
import { rulesOf } from '../domain/templates/index.js';
import { listUsers } from '../store/users.js';

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

const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('read-journey'), enrolmentId: z.string(), generation: z.int(), executionStartedAt: z.string() }),
  z.object({
    action: z.literal('await-step'),
    enrolmentId: z.string(),
    step: Stage,
    taskToken: z.string(),
    enteredAt: z.string().optional(),
    readAt: z.string().optional(),
  }),
  // `enteredAt` (the visit the timer was set for) came later: without it, the stored visit of the step.
  z.object({ action: z.literal('timer-fired'), enrolmentId: z.string(), step: Stage, enteredAt: z.string().optional(), timer: Timer }),
]);

async function journeyOrFail(enrolmentId: string): Promise<StoredJourney> {
  const journey = await getJourney(enrolmentId);
  if (!journey) throw Object.assign(new Error('journey not found'), { name: 'JourneyNotFound' });
  return journey;
}

async function readJourney(input: { enrolmentId: string; generation: number; executionStartedAt: string }) {
  const journey = await journeyOrFail(input.enrolmentId);
  const [programme, handledDueAt] = await Promise.all([
    getProgramme(journey.programmeId),
    journey.stage === 'closed' ? null : handledTickOf(journeyClock(journey.id, journey.stage, journey.stageEnteredAt)),
  ]);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  return journeyPosition(journey, rulesOf(programme, journey), { generation: input.generation, startedAt: new Date(input.executionStartedAt) }, now(), handledDueAt);
}

/**
 * A position older than this is read again before waiting: its timer would fire late. It happens when the
 * local runtime resumes an execution after a restart from the position its enrolment gave.
 */
const POSITION_FRESH_MS = 60_000;

/**
 * Stores the waiting step's task token unless the visit read just before was left meanwhile (see
 * `storeJourneyWaitToken`). If it was left, or the position is stale, the step signals itself so the journey
 * reads its stored stage again at once.
 */
async function awaitStep(input: { enrolmentId: string; step: Stage; taskToken: string; enteredAt?: string | undefined; readAt?: string | undefined }) {
  // An input from before `enteredAt` existed goes round through ReadJourney once more, which supplies it.
  const fresh = input.readAt === undefined || now().getTime() - Date.parse(input.readAt) <= POSITION_FRESH_MS;
  const waiting = fresh && input.enteredAt !== undefined && (await storeJourneyWaitToken({ ...input, enteredAt: input.enteredAt }));
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
 * A step's timer fired: send what fell due, once, if the journey still awaits that visit of the step; then
 * record the tick handled, so the next timer counts from it (a tick missed meanwhile comes next, late).
 */
async function timerFired(input: { enrolmentId: string; step: Stage; enteredAt?: string | undefined; timer: z.infer<typeof Timer> }) {
  const journey = await journeyOrFail(input.enrolmentId);
  const tick = input.timer.tick;
  const enteredAt = input.enteredAt ?? journey.stageEnteredAt;
  if (journey.stage !== input.step || journey.stageEnteredAt !== enteredAt || !tick) return { sent: 0 };
  // One read of the staff list serves every notification of this tick.
  const users = await listUsers();
  let sent = await notifyTick({ enrolmentId: journey.id, tick, users, context: journey });
  if (input.step === 'follow-up') sent += await flagInterventionsNotStarted(journey, users);
  await markTickHandled(journeyClock(journey.id, input.step, enteredAt), tick.dueAt);
  logger.info('step timer fired', { enrolmentId: journey.id, step: input.step, tick: tick.index, sent });
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
