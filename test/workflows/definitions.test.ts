import { describe, expect, it } from 'vitest';
import { BrugForAlleSettings } from '../../functions/contract/schemas.js';
import { MAX_WAIT_SECONDS, nextTimer } from '../../functions/domain/step-clock.js';
import { OPEN_STAGES } from '../../functions/domain/journey.js';
import { brugForAlle } from '../../functions/domain/templates/brug-for-alle.js';
import { nextWatchTimer } from '../../functions/domain/watch-clock.js';
import { synthesizeTemplate, TemplateModel } from '../../local/cloud-template.js';
import { allStates, localDefinition } from '../../local/step-functions.js';

/*
 * Guards on the state machine definitions as CDK synthesises them: nothing the local interpreter gets
 * silently wrong, and no wait or timeout longer than 20 days — from the definition or from any programme
 * setting that feeds one.
 */
const machines = new TemplateModel(synthesizeTemplate()).stateMachines();
const TWENTY_DAYS = 20 * 24 * 3600;

describe.each(machines.map((m) => [m.name, m] as const))('state machine %s', (_name, machine) => {
  const text = JSON.stringify(machine.definition);

  it('uses no JSONata, no Assign, no $$.State.Name and no type test given false', () => {
    expect(machine.definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/"QueryLanguage"\s*:\s*"JSONata"/);
    expect(text).not.toContain('"Assign"');
    expect(text).not.toContain('{%');
    expect(text).not.toContain('$$.State.Name');
    // aws-local-stepfunctions 3 never matches a type test given false (`IsNull: false`, `IsPresent: false`, …): use `Not`.
    expect(text).not.toMatch(/"Is(Null|Present|Numeric|String|Boolean|Timestamp)"\s*:\s*false/);
  });

  it('has no wait or task timeout over 20 days, and an execution timeout under a year', () => {
    for (const [name, state] of allStates(machine.definition)) {
      if (state.Type === 'Wait') {
        expect(state.Seconds ?? 0, name).toBeLessThanOrEqual(TWENTY_DAYS);
        expect(state.Timestamp, `${name}: an absolute timestamp cannot be bounded`).toBeUndefined();
      }
      expect(state.TimeoutSeconds ?? 0, name).toBeLessThanOrEqual(TWENTY_DAYS);
      expect(state.HeartbeatSeconds ?? 0, name).toBeLessThanOrEqual(TWENTY_DAYS);
      if (String(state.Resource).endsWith('.waitForTaskToken')) {
        expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, `${name}: every callback has a timeout`).toBeDefined();
      }
    }
    expect(machine.definition.TimeoutSeconds).toBeGreaterThan(0);
    expect(machine.definition.TimeoutSeconds).toBeLessThan(365 * 24 * 3600);
  });

  it('resolves every substitution and runs only resources the local runner knows', () => {
    expect(text).not.toContain('${');
    for (const [name, state] of allStates(localDefinition(machine.definition))) {
      if (state.Type !== 'Task') continue;
      expect(String(state.Resource), name).toMatch(/^arn:aws:(lambda:[\w-]+:\d{12}:function:\w+|states:::(lambda:invoke(\.waitForTaskToken)?|states:startExecution))$/);
    }
  });
});

describe('waits fed by programme settings', () => {
  const extremes = BrugForAlleSettings.parse({
    screeningDeadlineWorkingDays: 60,
    intakeDeadlineWorkingDays: 60,
    planDeadlineWorkingDays: 60,
    reminderIntervalWorkingDays: 20,
    remindersBeforeEscalation: 10,
    teamMeetingCadenceDays: 90,
    followUpIntervalDays: 180,
    attendanceGraceHours: 240,
  });

  it('never waits longer than 20 days, however long the settings, at any stage', () => {
    const entered = new Date('2026-12-18T09:00:00+01:00');
    for (const stage of OPEN_STAGES) {
      for (let day = 0; day < 400; day += 7) {
        const timer = nextTimer(stage, entered, { template: brugForAlle, settings: extremes }, new Date(entered.getTime() + day * 86_400_000), null);
        expect(timer.seconds, `${stage} day ${day}`).toBeLessThanOrEqual(MAX_WAIT_SECONDS);
        expect(timer.seconds).toBeGreaterThanOrEqual(1);
      }
    }
    expect(MAX_WAIT_SECONDS).toBeLessThanOrEqual(TWENTY_DAYS);
  });

  it('never lets a watch wait longer than 20 days either', () => {
    const from = new Date('2026-12-18T09:00:00+01:00');
    for (const kind of ['attendance', 'safety'] as const) {
      for (let day = -300; day < 120; day += 3) {
        const timer = nextWatchTimer(kind, from, extremes, new Date(from.getTime() + day * 86_400_000), null);
        if (!timer) continue;
        expect(timer.seconds, `${kind} day ${day}`).toBeLessThanOrEqual(MAX_WAIT_SECONDS);
        expect(timer.seconds).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('refuses settings beyond their bounds', () => {
    expect(BrugForAlleSettings.safeParse({ reminderIntervalWorkingDays: 21 }).success).toBe(false);
    expect(BrugForAlleSettings.safeParse({ followUpIntervalDays: 0 }).success).toBe(false);
  });
});
