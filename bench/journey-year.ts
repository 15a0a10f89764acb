import { estimatedHistoryEvents, type LocalStepFunctions } from '../local/step-functions.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../test/support/system.js';

/*
 * `npm run bench:journey-year`: simulates journey-years on the local system with the controllable clock and
 * prints what Step Functions and Lambda would bill for them (state transitions, task Lambda invocations) and
 * the history events AWS would record (estimated per state type). Two journeys, one year each:
 *   idle      — nobody acts: the screening step is overdue all year (reminders every 3 working days, one
 *               escalation): the upper bound of a single journey's timers;
 *   active    — screened in week 1, intake attended in week 2, then a monthly appointment all year (one
 *               no-show), and one PHQ-9 safety flag followed up the next day. Its journey then waits in the
 *               preparatory-form step, reminding like the idle one.
 */
const MACHINES = ['forlob-journey', 'forlob-attendance-watch', 'forlob-safety-watch'];

/** What the executions of one enrolment cost, per state machine (every execution's input names its enrolment). */
function costOf(sfn: LocalStepFunctions, enrolmentId: string) {
  const mine = sfn.listExecutions().filter((e) => (e.input as { enrolmentId?: string }).enrolmentId === enrolmentId);
  return Object.fromEntries(
    MACHINES.map((machine) => {
      const of = mine.filter((e) => e.stateMachineArn.endsWith(`:stateMachine:${machine}`));
      const enteredByType: Record<string, number> = {};
      for (const e of of) for (const [k, n] of Object.entries(e.enteredByType)) enteredByType[k] = (enteredByType[k] ?? 0) + n;
      return [
        machine,
        {
          executions: of.length,
          stateTransitions: of.reduce((n, e) => n + e.transitions, 0),
          taskLambdaInvocations: of.reduce((n, e) => n + e.invocations, 0),
          estimatedAwsHistoryEvents: estimatedHistoryEvents(enteredByType, of.length),
          largestExecutionHistoryEvents: Math.max(0, ...of.map((e) => estimatedHistoryEvents(e.enteredByType, 1))),
        },
      ];
    }),
  );
}

const progress = (step: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${step}\n`);

async function main() {
  const started = Date.now();
  progress('starting the local system');
  const system = await startSystem();
  await system.request('POST', '/local/clock', { body: { now: '2031-01-06T09:00:00+01:00' } });
  const { programme } = await givenProgrammeWithStaff(system);
  await system.as('admin').post('/users', { username: 'cm.ishoj', name: 'CM', email: 'cm@example.org', roles: ['care-manager'], municipalities: ['0183'], programmes: [programme.id] });
  const lead = system.as('lead.both');
  const tov = system.as('tov.ishoj');
  const clock = async () => Date.parse((await system.request('GET', '/local/clock')).body.now);
  const at = (t: number, hours: number) => new Date(t + hours * 3_600_000).toISOString();

  progress('idle journey-year');
  const idleId = (await lead.post(`/programmes/${programme.id}/enrolments`, { cpr: '0101901111', name: 'Bench Idle', municipality: '0183' })).body.id;
  await system.advance('P365D');
  const idle = { apiLambdaInvocations: 1, ...costOf(system.runtime.stepFunctions, idleId) };

  progress('active journey-year');
  let activeId = '';
  const activeCalls = await (async () => {
    let calls = 0;
    const call = async <T>(p: Promise<T>) => (calls++, p);
    const id = (activeId = (await call(lead.post(`/programmes/${programme.id}/enrolments`, { cpr: '0101902222', name: 'Bench Active', municipality: '0183' }))).body.id);
    let elapsedDays = 0;
    const advanceDays = async (d: number) => ((elapsedDays += d), system.advance(`P${d}D`));
    await advanceDays(4);
    await call(lead.post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Bench' }));
    let t = await clock();
    const intake = (await call(tov.post(`/enrolments/${id}/appointments`, { kind: 'intake', startsAt: at(t, 72), endsAt: at(t, 73), owner: 'tov.ishoj' }))).body;
    await advanceDays(4);
    await call(tov.post(`/appointments/${intake.id}/attendance`, { status: 'attended' }));
    t = await clock();
    const flagged = (await call(system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], takenAt: new Date(t).toISOString() }))).body;
    await advanceDays(1);
    await call(system.as('cm.ishoj').post(`/enrolments/${id}/instruments/${flagged.id}/safety-follow-up`, { note: 'Bench' }));
    for (let month = 0; month < 12; month++) {
      progress(`month ${month + 1}`);
      t = await clock();
      const appointment = (await call(tov.post(`/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: at(t, 24), endsAt: at(t, 25), owner: 'tov.ishoj' }))).body;
      await advanceDays(2);
      await call(tov.post(`/appointments/${appointment.id}/attendance`, { status: month === 5 ? 'no-show' : 'attended' }));
      await advanceDays(26);
    }
    await advanceDays(365 - elapsedDays);
    return calls;
  })();
  await system.runtime.stepFunctions.settled();
  const active = { apiLambdaInvocations: activeCalls, ...costOf(system.runtime.stepFunctions, activeId) };

  const seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ simulated: 'one journey-year each', idle, active, wallClockSeconds: Math.round(seconds) }, null, 2));
  await system.stop();
}

// Open SDK sockets would keep the process alive after the system stopped.
await main();
process.exit(0);
