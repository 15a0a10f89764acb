import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, stepFunctions } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';
import { journeyExecutionName } from '../commons/journey-workflow.js';
import { logger } from '../commons/logger.js';
import { Stage } from '../contract/schemas.js';
import { recipientsOf } from '../domain/recipients.js';
import { nextTimer } from '../domain/step-clock.js';
import { getJourney, readJourneyItems, type StoredJourney } from '../store/journeys.js';
import { latestAmong } from '../store/plans.js';
import { Appointment } from '../contract/appointments.js';
import { interventionsNotStarted } from '../domain/follow-up.js';
import { journeyKey, waitKey } from '../store/keys.js';
import { notifyOnce, notifyTick } from '../store/notifications.js';
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
  z.object({ action: z.literal('await-step'), enrolmentId: z.string(), step: Stage, taskToken: z.string() }),
  z.object({ action: z.literal('timer-fired'), enrolmentId: z.string(), step: Stage, timer: Timer }),
]);

/** Continue as a new execution well before Step Functions' one-year limit. */
const CONTINUE_AFTER_DAYS = 300;

async function journeyOrFail(enrolmentId: string): Promise<StoredJourney> {
  const journey = await getJourney(enrolmentId);
  if (!journey) throw Object.assign(new Error('journey not found'), { name: 'JourneyNotFound' });
  return journey;
}

async function readJourney(input: { enrolmentId: string; generation: number; executionStartedAt: string }) {
  const journey = await journeyOrFail(input.enrolmentId);
  const at = now();
  const ageDays = (at.getTime() - Date.parse(input.executionStartedAt)) / 86_400_000;
  const base = {
    stage: journey.stage,
    colour: journey.colour,
    continueAsNew: ageDays >= CONTINUE_AFTER_DAYS && journey.stage !== 'closed',
    nextGeneration: input.generation + 1,
    nextExecutionName: journeyExecutionName(input.enrolmentId, input.generation + 1),
  };
  if (journey.stage === 'closed') return { ...base, timer: null };
  const programme = await getProgramme(journey.programmeId);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  return { ...base, timer: nextTimer(journey.stage, new Date(journey.stageEnteredAt), programme.settings, at) };
}

/**
 * Stores the waiting step's task token, on the condition that the journey still awaits that step. If it
 * moved on between reading and waiting, the step signals itself so the journey goes on at once.
 */
async function awaitStep(input: { enrolmentId: string; step: Stage; taskToken: string }) {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: config.dataTable,
              Key: journeyKey(input.enrolmentId),
              ConditionExpression: 'stage = :step',
              ExpressionAttributeValues: { ':step': input.step },
            },
          },
          {
            Put: {
              TableName: config.dataTable,
              Item: { ...waitKey(input.enrolmentId, input.step), type: 'wait', step: input.step, taskToken: input.taskToken, since: now().toISOString() },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: input.taskToken, output: JSON.stringify({ signalled: 'stage-moved' }) }));
  }
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

/** A step's timer fired: send what fell due, once, if the journey still awaits that step. */
async function timerFired(input: { enrolmentId: string; step: Stage; timer: z.infer<typeof Timer> }) {
  const journey = await journeyOrFail(input.enrolmentId);
  const tick = input.timer.tick;
  if (journey.stage !== input.step || !tick) return { sent: 0 };
  // One read of the staff list serves every notification of this tick.
  const users = await listUsers();
  let sent = await notifyTick({ enrolmentId: journey.id, tick, users, context: journey });
  if (input.step === 'follow-up') sent += await flagInterventionsNotStarted(journey, users);
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
