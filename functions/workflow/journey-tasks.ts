import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, stepFunctions } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';
import { journeyClock, journeyPosition } from '../commons/journey-workflow.js';
import { logger } from '../commons/logger.js';
import { Stage } from '../contract/schemas.js';
import { recipientsOf } from '../domain/recipients.js';
import { getJourney, readJourneyItems, type StoredJourney } from '../store/journeys.js';
import { latestAmong } from '../store/plans.js';
import { Appointment } from '../contract/appointments.js';
import { interventionsNotStarted } from '../domain/follow-up.js';
import { waitKey } from '../store/keys.js';
import { handledTickOf, markTickHandled, notifyOnce, notifyTick } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
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
  return journeyPosition(journey, programme.settings, { generation: input.generation, startedAt: new Date(input.executionStartedAt) }, now(), handledDueAt);
}

/**
 * A position older than this is read again before waiting: its timer would fire late. It happens when the
 * local runtime resumes an execution after a restart from the position its enrolment gave.
 */
const POSITION_FRESH_MS = 60_000;

/**
 * Stores the waiting step's task token, on the condition that the visit of the step read just before
 * (`enteredAt`) was not left meanwhile: `signalJourney` marks the visit it ends on the same item. If it was
 * left, or the position is stale, the step signals itself so the journey reads its stored stage again at
 * once. One conditional put, no transaction (a marker of an older visit is dropped: no execution can still
 * await that one).
 */
async function awaitStep(input: { enrolmentId: string; step: Stage; taskToken: string; enteredAt?: string | undefined; readAt?: string | undefined }) {
  // An input from before `enteredAt` existed goes round through ReadJourney once more, which supplies it.
  const fresh = input.readAt === undefined || now().getTime() - Date.parse(input.readAt) <= POSITION_FRESH_MS;
  const waiting = fresh && input.enteredAt !== undefined && (await storeToken({ ...input, enteredAt: input.enteredAt }));
  if (!waiting) await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: input.taskToken, output: JSON.stringify({ signalled: 'stage-moved' }) }));
  return {};
}

/** False when the visit was already left (the put is refused). */
async function storeToken(input: { enrolmentId: string; step: Stage; taskToken: string; enteredAt: string }): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config.dataTable,
        Item: { ...waitKey(input.enrolmentId, input.step), type: 'wait', step: input.step, taskToken: input.taskToken, enteredAt: input.enteredAt, since: now().toISOString() },
        ConditionExpression: 'attribute_not_exists(leftEnteredAt) OR leftEnteredAt <> :entered',
        ExpressionAttributeValues: { ':entered': input.enteredAt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
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
