import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { stepFunctions } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { logger } from '../platform/logger.js';
import type { Timer } from '../domain/step-clock.js';
import { nextWatchTimer, type WatchKind } from '../domain/watch-clock.js';
import { getAppointmentIn, getInstrument } from '../store/appointments.js';
import { getJourney } from '../store/journeys.js';
import { storeWatchToken } from '../store/waits.js';
import { handledTickOf, markTickHandled, notifyTick, type TickedClock } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
import { listUsers } from '../store/users.js';

/**
 * The tasks of the watch state machines (workflows/watch.ts). Versioned inputs: a field added later must be
 * optional, so executions in flight keep working after a deployment.
 */
const Common = { watch: z.enum(['attendance', 'safety']), enrolmentId: z.string(), watchId: z.string(), revision: z.int() };
const Timer = z.object({
  seconds: z.int(),
  dueAt: z.string(),
  tick: z
    .object({
      index: z.int(),
      dueAt: z.string(),
      notifications: z.array(z.object({ kind: z.string(), audience: z.enum(['leads', 'tovholder', 'owner', 'safety-team']) })),
    })
    .nullable(),
});

const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('read-watch'), ...Common }),
  z.object({ action: z.literal('await-change'), ...Common, taskToken: z.string() }),
  z.object({ action: z.literal('timer-fired'), ...Common, timer: Timer }),
]);
type Watched = { watch: WatchKind; enrolmentId: string; watchId: string; revision: number };

type State =
  | { done: true; why: string }
  | { done: false; from: Date; owner?: string; journey: NonNullable<Awaited<ReturnType<typeof getJourney>>> };

/** What the watch watches, now: done (and why), or still open and from when its clock counts. */
async function stateOf(w: Watched): Promise<State> {
  const journey = await getJourney(w.enrolmentId);
  if (!journey || journey.stage === 'closed') return { done: true, why: 'journey-closed' };
  if (w.watch === 'attendance') {
    const appointment = await getAppointmentIn(w.enrolmentId, w.watchId);
    if (!appointment) return { done: true, why: 'no-appointment' };
    if (appointment.version !== w.revision) return { done: true, why: 'superseded' };
    if (appointment.attendance) return { done: true, why: 'registered' };
    return { done: false, from: new Date(appointment.endsAt), owner: appointment.owner, journey };
  }
  const instrument = await getInstrument(w.enrolmentId, w.watchId);
  if (!instrument?.safety) return { done: true, why: 'no-flag' };
  if (instrument.safety.followUp) return { done: true, why: 'followed-up' };
  return { done: false, from: new Date(instrument.recordedAt), journey };
}

async function settingsOf(programmeId: string) {
  const programme = await getProgramme(programmeId);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  return programme.settings;
}

/** A watch's waiting clock, counting for this version of what it watches and the time its clock counts from. */
const watchClock = (w: Watched, from: Date): TickedClock => ({ enrolmentId: w.enrolmentId, clock: `${w.watch}#${w.watchId}`, visit: `v${w.revision}@${from.toISOString()}` });

async function readWatch(w: Watched): Promise<{ done: boolean; timer: Timer | null }> {
  const state = await stateOf(w);
  if (state.done) return { done: true, timer: null };
  const [settings, handledDueAt] = await Promise.all([settingsOf(state.journey.programmeId), handledTickOf(watchClock(w, state.from))]);
  const timer = nextWatchTimer(w.watch, state.from, settings, now(), handledDueAt);
  return { done: timer === null, timer };
}

/**
 * Stores the waiting token, then looks again: if what is watched changed between reading and waiting (the
 * API's signal found no token, or the old one), the watch signals itself and reads again at once.
 */
async function awaitChange(w: Watched & { taskToken: string }) {
  await storeWatchToken({ enrolmentId: w.enrolmentId, kind: w.watch, watchId: w.watchId, revision: w.revision, taskToken: w.taskToken });
  const state = await stateOf(w);
  if (state.done) await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: w.taskToken, output: JSON.stringify({ signalled: state.why }) }));
  return {};
}

/** The due time came: send what fell due, once per due time, if what is watched is still open; record it handled. */
async function timerFired(w: Watched & { timer: z.infer<typeof Timer> }) {
  const tick = w.timer.tick;
  if (!tick) return { sent: 0 };
  const state = await stateOf(w);
  if (state.done) return { sent: 0 };
  const users = await listUsers();
  const sent = await notifyTick({ enrolmentId: w.enrolmentId, tick, users, context: { ...state.journey, owner: state.owner }, subject: `${w.watch}:${w.watchId}` });
  await markTickHandled(watchClock(w, state.from), tick.dueAt);
  logger.info('watch timer fired', { watch: w.watch, enrolmentId: w.enrolmentId, tick: tick.index, sent });
  return { sent };
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  switch (input.action) {
    case 'read-watch':
      return readWatch(input);
    case 'await-change':
      return awaitChange(input);
    case 'timer-fired':
      return timerFired(input);
  }
};
