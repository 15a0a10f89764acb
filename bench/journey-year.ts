import { estimatedHistoryEvents, type LocalStepFunctions } from '../local/step-functions.js';
import { givenProgrammeWithStaff, type System } from '../test/support/system.js';

/*
 * Journey-years on the local system with the controllable clock, per template (bench/cost.ts prices them). Each
 * scenario enrols one citizen and lives one year; it returns the enrolment's id and how many API calls it
 * made. A template joins the cost figures by adding its scenarios here.
 *
 * Brug for alle:
 *   idle      — nobody acts: the screening step is overdue all year (reminders every 3 working days, one
 *               escalation): the upper bound of a single journey's timers;
 *   active    — the orange path: screened in week 1, intake attended in week 2 with the preparatory form, one
 *               PHQ-9 safety flag followed up the next day, the team meeting a week later, the plan a week
 *               after; then a monthly follow-up conversation and three intervention sessions a month (one
 *               no-show of each in month 6) for the rest of the year, follow-up reminders every 30 days,
 *               and the outcome (job) at the end of the year, which moves the journey to aftercare.
 */
export const MACHINES = ['forlob-journey', 'forlob-attendance-watch', 'forlob-safety-watch'];

/** `begin` is called just before the citizen is enrolled: what came before (programme, staff) is not the citizen's. */
export interface ScenarioHooks {
  progress(step: string): void;
  begin(): void;
}
export type Scenario = (system: System, hooks: ScenarioHooks) => Promise<{ enrolmentId: string; apiCalls: number }>;

const brugForAlleIdle: Scenario = async (system, { begin }) => {
  await system.request('POST', '/local/clock', { body: { now: '2031-01-06T09:00:00+01:00' } });
  const { programme } = await givenProgrammeWithStaff(system);
  begin();
  const enrolmentId = (await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '0101901111', name: 'Bench Idle', municipality: '0183' })).body.id;
  await system.advance('P365D');
  return { enrolmentId, apiCalls: 1 };
};

const brugForAlleActive: Scenario = async (system, { progress, begin }) => {
  await system.request('POST', '/local/clock', { body: { now: '2031-01-06T09:00:00+01:00' } });
  const { programme } = await givenProgrammeWithStaff(system);
  await system.as('admin').post('/users', { username: 'cm.ishoj', name: 'CM', email: 'cm@example.org', roles: ['care-manager'], municipalities: ['0183'], programmes: [programme.id] });
  const lead = system.as('lead.both');
  const tov = system.as('tov.ishoj');
  const clock = async () => Date.parse((await system.request('GET', '/local/clock')).body.now);
  const at = (t: number, hours: number) => new Date(t + hours * 3_600_000).toISOString();
  await lead.get('/me');
  await tov.get('/me');
  await system.as('cm.ishoj').get('/me');
  begin();
  let calls = 0;
  const call = async <T>(p: Promise<T>) => (calls++, p);
  const id = (await call(lead.post(`/programmes/${programme.id}/enrolments`, { cpr: '0101902222', name: 'Bench Active', municipality: '0183' }))).body.id;
  let elapsedDays = 0;
  const advanceDays = async (d: number) => ((elapsedDays += d), system.advance(`P${d}D`));
  await advanceDays(4);
  await call(lead.post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Bench' }));
  let t = await clock();
  const intake = (await call(tov.post(`/enrolments/${id}/appointments`, { kind: 'intake', startsAt: at(t, 72), endsAt: at(t, 73), owner: 'tov.ishoj' }))).body;
  await advanceDays(4);
  await call(tov.post(`/appointments/${intake.id}/attendance`, { status: 'attended' }));
  await call(lead.put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj' }));
  await call(tov.put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [{ area: 'employment', wish: 'Et job' }] }));
  t = await clock();
  const flagged = (await call(system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], takenAt: new Date(t).toISOString() }))).body;
  await advanceDays(1);
  await call(system.as('cm.ishoj').post(`/enrolments/${id}/instruments/${flagged.id}/safety-follow-up`, { note: 'Bench' }));
  // The team meets about the citizen a week later; the plan is agreed a week after that.
  await advanceDays(6);
  t = await clock();
  const meeting = (await call(lead.post(`/programmes/${programme.id}/team-meetings`, { startsAt: at(t, 1 / 60), members: ['lead.both'] }))).body;
  await call(lead.put(`/team-meetings/${meeting.id}/agenda`, { enrolmentIds: [id] }));
  await system.advance('PT2M');
  await call(lead.post(`/team-meetings/${meeting.id}/items/${id}`, { citizenPresent: true, recommendations: [] }));
  await advanceDays(7);
  const month = new Date(await clock()).toISOString().slice(0, 7);
  const plan = (
    await call(
      tov.put(`/enrolments/${id}/plan`, {
        goal: 'Job',
        citizenAgreed: true,
        interventions: [{ domain: 'employment', title: 'Praktik', responsible: 'Jobcentret', startMonth: month, mode: 'individual', goalKind: 'outcome', goal: '10 timer' }],
      }),
    )
  ).body;
  const interventionId = plan.plan.interventions[0].id;
  // A monthly follow-up conversation and a weekly intervention session for the rest of the year (one no-show each).
  for (let m = 0; m < 11; m++) {
    progress(`month ${m + 1}`);
    for (let week = 0; week < 4; week++) {
      t = await clock();
      const kind = week === 0 ? 'follow-up' : 'intervention';
      const body = kind === 'follow-up' ? { kind, startsAt: at(t, 24), endsAt: at(t, 25), owner: 'tov.ishoj' } : { kind, interventionId, startsAt: at(t, 24), endsAt: at(t, 25), owner: 'tov.ishoj' };
      const appointment = (await call(tov.post(`/enrolments/${id}/appointments`, body))).body;
      await advanceDays(2);
      await call(tov.post(`/appointments/${appointment.id}/attendance`, { status: m === 5 && week < 2 ? 'no-show' : 'attended' }));
      await advanceDays(5);
    }
  }
  await call(tov.post(`/enrolments/${id}/outcome`, { outcome: 'job', date: new Date(await clock()).toISOString().slice(0, 10) }));
  await advanceDays(365 - elapsedDays);
  return { enrolmentId: id, apiCalls: calls };
};

/** The journey-year scenarios of each template that has them. */
export const SCENARIOS: Record<string, Record<string, Scenario>> = {
  'brug-for-alle': { idle: brugForAlleIdle, active: brugForAlleActive },
};

/** What the executions of one enrolment cost, per state machine (every execution's input names its enrolment). */
export function executionsOf(sfn: LocalStepFunctions, enrolmentId: string) {
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
