import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_WAIT_SECONDS, nextTimer } from '../../../../functions/domain/step-clock.js';
import { brugForAlle } from '../../../../functions/domain/templates/brug-for-alle.js';
import { calendar, deadline } from '../../../../functions/domain/templates/clocks.js';
import { TEMPLATES, latestTemplate, rulesOf, settingsDescription, type Period, type Template } from '../../../../functions/domain/templates/index.js';

/** Every setting at the top of its allowed range: the longest waits a programme can ask for. */
function extremes(template: Template): Record<string, unknown> {
  const described = settingsDescription(template);
  return { ...template.settings.parse({}), ...Object.fromEntries(Object.entries(described).flatMap(([k, d]) => (d.max === undefined ? [] : [[k, d.max]]))) };
}

const periodsOf = (t: Template): Period[] =>
  t.tracks.flatMap((track) =>
    track.stages.flatMap((s) => (s.clock.kind === 'deadline' ? [s.clock.after, s.clock.reminders.every] : s.clock.kind === 'rhythm' ? [s.clock.every] : [])),
  );

describe.each(TEMPLATES.map((t) => [`${t.id} v${t.version}`, t] as const))('template %s', (_, template) => {
  it('has unique ids: tracks, and stages within each track', () => {
    const tracks = template.tracks.map((t) => t.id);
    expect(new Set(tracks).size).toBe(tracks.length);
    for (const track of template.tracks) expect(new Set(track.stages.map((s) => s.id)).size).toBe(track.stages.length);
  });

  it('reaches every stage of every track from its start, by paths between its own stages', () => {
    for (const track of template.tracks) {
      const ids = new Set(track.stages.map((s) => s.id));
      for (const p of track.paths) expect(ids.has(p.from) && ids.has(p.to), `${track.id}: ${p.from} → ${p.to}`).toBe(true);
      const reached = new Set([track.start]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of track.paths) if (reached.has(p.from) && !reached.has(p.to)) grew = Boolean(reached.add(p.to));
      }
      expect([...reached].sort(), track.id).toEqual([...ids].sort());
    }
  });

  it('gives every stage an actor (but a final one) and a clock or a stated reason why not', () => {
    for (const stage of template.tracks.flatMap((t) => t.stages)) {
      if (!stage.final) expect(stage.actors.length, stage.id).toBeGreaterThan(0);
      if (stage.clock.kind === 'none') expect(stage.clock.why.length, stage.id).toBeGreaterThan(10);
    }
  });

  it('reads every clock from a numeric setting with a range that reminds at most daily', () => {
    const described = settingsDescription(template);
    for (const period of periodsOf(template)) {
      expect(described[period.setting], period.setting).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
      expect(described[period.setting]!.min).toBeGreaterThanOrEqual(1);
    }
  });

  it('never waits longer than the timer limit, whatever the settings, at any stage', () => {
    const rules = { template, settings: extremes(template) };
    const entered = new Date('2026-12-18T09:00:00+01:00');
    for (const track of template.tracks) {
      for (const stage of track.stages) {
        for (let day = 0; day < 400; day += 11) {
          const timer = nextTimer(stage.id, entered, rules, new Date(entered.getTime() + day * 86_400_000), null, track.id);
          expect(timer.seconds, `${track.id}/${stage.id} day ${day}`).toBeLessThanOrEqual(MAX_WAIT_SECONDS);
        }
      }
    }
  });

  it('has settings whose defaults are within their own ranges', () => {
    expect(() => template.settings.parse({})).not.toThrow();
  });
});

describe('template registry', () => {
  it('ships one version per template so far, Brug for alle, Gennem Job til Uddannelse and youth coordination available, IBBU with three tracks', () => {
    expect(TEMPLATES.map((t) => `${t.id}@${t.version}`)).toEqual(['brug-for-alle@1', 'ibbu@1', 'job-til-uddannelse@1', 'youth-coordination@1']);
    expect(TEMPLATES.filter((t) => t.available).map((t) => t.id)).toEqual(['brug-for-alle', 'job-til-uddannelse', 'youth-coordination']);
    expect(latestTemplate('ibbu').tracks.map((t) => t.id)).toEqual(['education-employment', 'treatment', 'coordination']);
  });

  it('describes settings with defaults and ranges', () => {
    expect(settingsDescription(brugForAlle)['screeningDeadlineWorkingDays']).toEqual({ default: 10, min: 1, max: 60 });
  });
});

/** A test-only version 2 of Brug for alle: screening due after 5 working days, the intake counted in calendar days. */
const brugForAlleV2: Template = {
  ...brugForAlle,
  version: 2,
  settings: (brugForAlle.settings as z.ZodObject).extend({ screeningDeadlineWorkingDays: z.int().min(1).max(60).default(5) }),
  tracks: brugForAlle.tracks.map((track) => ({
    ...track,
    stages: track.stages.map((s) => (s.id === 'intake' ? { ...s, clock: deadline(calendar('intakeDeadlineWorkingDays')) } : s)),
  })),
};

describe('two versions side by side', () => {
  const among = [...TEMPLATES, brugForAlleV2];
  const entered = new Date('2026-03-30T09:00:00+02:00');
  const programmeOn = (version: number) => {
    const template = among.find((t) => t.id === 'brug-for-alle' && t.version === version)!;
    return { template: 'brug-for-alle' as const, templateVersion: version, settings: template.settings.parse({}) as Record<string, unknown> };
  };

  it('picks the latest version when none is named', () => {
    expect(latestTemplate('brug-for-alle', among).version).toBe(2);
  });

  it('keeps each journey on the rules of the version it was enrolled under', () => {
    const v1 = rulesOf(programmeOn(1) as never, { template: 'brug-for-alle', templateVersion: 1 }, among);
    const v2 = rulesOf(programmeOn(2) as never, { template: 'brug-for-alle', templateVersion: 2 }, among);
    expect(nextTimer('screening', entered, v1, entered, null).dueAt).toBe('2026-04-16T07:00:00.000Z');
    expect(nextTimer('screening', entered, v2, entered, null).dueAt).toBe('2026-04-09T07:00:00.000Z');
    // The intake: ten working days (after Easter) in v1, ten calendar days in v2.
    expect(nextTimer('intake', entered, v1, entered, null).dueAt).toBe('2026-04-16T07:00:00.000Z');
    expect(nextTimer('intake', entered, v2, entered, null).dueAt).toBe('2026-04-09T07:00:00.000Z');
  });

  it('reads a journey stored before templates, on a programme that has moved on, as version 1', () => {
    const old = rulesOf(programmeOn(2) as never, { template: 'brug-for-alle', templateVersion: 1 }, among);
    expect(old.template.version).toBe(1);
  });
});
