import { describe, expect, it } from 'vitest';
import { decide, type Command, type JourneyState } from '../../../functions/domain/decide.js';
import { brugForAlle } from '../../../functions/domain/templates/brug-for-alle.js';
import type { InternshipFacts } from '../../../functions/domain/internships.js';
import { TEMPLATES, type CommandKind, type Template, type Track } from '../../../functions/domain/templates/index.js';

const NOW = new Date('2026-11-02T10:00:00.000Z');
const BEFORE = '2026-10-01T08:00:00.000Z';
const COLOURS = ['green', 'orange', 'red', 'blue'] as const;
const KINDS: CommandKind[] = [
  'screening', 'attendance', 'preparatory-form', 'meeting-item', 'plan', 'outcome', 'tovholder-left', 'track-update', 'internship', 'contact', 'activity-offered',
  'internship-ended', 'hours', 'learning-certificate', 'contact-person', 'ambassador',
];
const OUTCOMES = ['job', 'education', 'match-improved', 'still-passive', 'permanent-support', 'exited'] as const;

/** Gennem Job til Uddannelse's commands as its handlers give them (its rules, domain/internships.ts, choose the path). */
const broker = { username: 'jb', name: 'Job Broker' };
const running: InternshipFacts = { id: 'i1', company: 'Firma', startDate: '2026-10-05', endDate: null, goal: { kind: 'paid-hours', hours: 100 }, jobBroker: broker, mentor: null, hours: [], goalReachedAt: null, createdAt: BEFORE };
function internshipCommands(kind: CommandKind): Command[] {
  const by = 'tov';
  switch (kind) {
    case 'internship':
      return [{ by, kind, internship: running, existing: [] }];
    case 'internship-ended':
      return [{ by, kind, internship: { company: 'Firma', endDate: '2026-10-30' } }];
    case 'hours':
      return [{ by, kind, internship: running, entry: { week: '2026-W44', paidHours: 10, unpaidHours: 2, by, at: BEFORE } }];
    case 'learning-certificate':
      return [{ by, kind, company: 'Firma', phase: 'end', competences: [{ kind: 'personal', text: 'p' }, { kind: 'professional', text: 'f' }] }];
    case 'contact-person':
      return [{ by, kind, contactPerson: { username: 'mentor', name: 'Mentor' } }];
    case 'ambassador':
      return [{ by, kind, ambassador: { id: 'a1', name: 'Ambassadør' } }];
    case 'outcome':
      return OUTCOMES.map((outcome) => ({ by, kind, outcome, date: '2026-11-01' }));
    default:
      return [{ by, kind } as Command];
  }
}

/** Where Gennem Job til Uddannelse's rules send a command from `stage` (the path must exist too). */
function internshipTarget(command: Command, stage: string): string {
  if (command.kind === 'internship') return 'internship';
  if (command.kind === 'internship-ended') return 'follow-up';
  if (command.kind === 'outcome') return stage === 'aftercare' ? 'closed' : ['job', 'education', 'match-improved'].includes(command.outcome) ? 'aftercare' : 'closed';
  return stage;
}

const journeyAt = (stage: string, colour: JourneyState['colour'], track?: string): JourneyState => ({
  stage,
  colour,
  track,
  stageEnteredAt: BEFORE,
  updatedAt: BEFORE,
  screening: colour ? { colour, reason: 'r', exitReason: null, by: 'lead', at: BEFORE } : null,
  baseline: null,
  exitReason: null,
  outcome: null,
  needsTovholderSince: null,
});

/** Every variant of a command: its detailed fields for Brug for alle, each path's `to` for the other templates. */
function variants(template: Template, track: Track, kind: CommandKind, stage: string): Command[] {
  const by = 'tov';
  if (template.id === 'job-til-uddannelse') return internshipCommands(kind);
  if (template.id !== 'brug-for-alle') {
    const tos = [...new Set(track.paths.filter((p) => p.on === kind && p.from === stage).map((p) => p.to))];
    return [undefined, ...tos, 'nowhere'].map((to) => ({ by, kind, to }) as Command);
  }
  switch (kind) {
    case 'screening':
      return COLOURS.map((colour) => ({ by, kind, colour, reason: 'r' }));
    case 'attendance':
      return (['intake', 'follow-up', 'intervention'] as const).flatMap((k) =>
        (['attended', 'no-show', 'cancelled'] as const).map((status) => ({ by, kind, status, appointment: { id: 'a1', kind: k, endsAt: BEFORE } })),
      );
    case 'preparatory-form':
      return [{ by, kind, version: 1 }];
    case 'meeting-item':
      return [{ by, kind, meetingStartsAt: BEFORE, withCitizen: true, citizenPresent: true, recommendations: 2 }];
    case 'plan':
      return [{ by, kind, version: 1, interventions: 3 }];
    case 'outcome':
      return OUTCOMES.map((outcome) => ({ by, kind, outcome, date: '2026-11-01' }));
    case 'tovholder-left':
      return [{ by, kind, username: 'old.tov' }];
    default:
      return [{ by, kind } as Command];
  }
}

/** What the template alone says of a (stage, command, group): refused with which code and rule, or the stages it may reach. */
function expected(template: Template, track: Track, stage: string, command: Command, group: string) {
  const onCommand = track.paths.filter((p) => p.on === command.kind);
  if (onCommand.length === 0) return { code: 'not-in-template', rule: 'not-in-template' } as const;
  const from = onCommand.filter((p) => p.from === stage);
  if (track.stages.find((s) => s.id === stage)!.final && from.length === 0) {
    return { code: 'rule-violated', rule: template.tracks.length === 1 ? 'journey-closed' : 'track-ended' } as const;
  }
  // Brug for alle's own rule: an outcome needs a screening first.
  if (template.id === 'brug-for-alle' && command.kind === 'outcome' && (stage === 'screening' || group === 'unscreened')) {
    return { code: 'rule-violated', rule: 'screening-first' } as const;
  }
  const open = from.filter((p) => !p.groups || p.groups.includes(command.kind === 'screening' ? command.colour : group));
  if (open.length === 0) return { code: 'conflict', rule: 'step-out-of-order' } as const;
  const tos = open.map((p) => p.to);
  if (template.id === 'job-til-uddannelse') {
    const chosen = tos.filter((t) => t === internshipTarget(command, stage));
    return chosen.length ? { to: chosen } : ({ code: 'not-in-template', rule: 'not-in-template' } as const);
  }
  if (template.id !== 'brug-for-alle') {
    const chosen = command.to === undefined ? (tos.length === 1 ? tos : []) : tos.filter((t) => t === command.to);
    if (chosen.length === 0) return { code: 'not-in-template', rule: 'not-in-template' } as const;
    return { to: chosen };
  }
  return { to: tos };
}

/**
 * The groups a journey can be in at a stage: a Brug for alle journey leaves screening only screened, and red
 * closes it (a re-screening changes the colour anywhere else). The other templates' paths name no groups.
 */
function groupsAt(template: Template, stage: string): string[] {
  if (template.id !== 'brug-for-alle') return template.groups;
  if (stage === 'screening') return ['unscreened'];
  return stage === 'closed' ? template.groups : ['green', 'orange', 'blue'];
}

const rows = TEMPLATES.flatMap((template) =>
  template.tracks.flatMap((track) =>
    track.stages.flatMap((stage) =>
      groupsAt(template, stage.id).flatMap((group) =>
        KINDS.flatMap((kind) =>
          variants(template, track, kind, stage.id).map((command) => ({ template, track, stage: stage.id, group, command })),
        ),
      ),
    ),
  ),
);

describe('decide over every (stage, group, command) of every template', () => {
  it(`covers every (track, stage, command) of every template (${rows.length} rows)`, () => {
    const pairs = new Set(rows.map((r) => `${r.template.id}/${r.track.id}/${r.stage}/${r.command.kind}`));
    const all = TEMPLATES.flatMap((t) => t.tracks.flatMap((track) => track.stages.flatMap((stage) => KINDS.map((kind) => `${t.id}/${track.id}/${stage.id}/${kind}`))));
    expect([...pairs].sort()).toEqual(all.sort());
    expect([pairs.size, rows.length]).toEqual([432, 2862]);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s: moves as its paths say, refuses the rest with the code the template implies', (_, template) => {
    const seen = new Set<string>();
    for (const { track, stage, group, command } of rows.filter((r) => r.template === template)) {
      const colour = template.id === 'brug-for-alle' && group !== 'unscreened' ? (group as JourneyState['colour']) : null;
      const journey = journeyAt(stage, colour, template.tracks.length > 1 ? track.id : undefined);
      const label = `${track.id}/${stage}/${group}: ${JSON.stringify(command)}`;
      const want = expected(template, track, stage, command, template.id === 'brug-for-alle' ? (colour ?? 'unscreened') : 'unscreened');
      const got = decide(template, journey, command, NOW);
      seen.add(want.code ?? 'moved');
      if ('code' in want) {
        expect(got, label).toMatchObject({ ok: false, code: want.code, rule: want.rule });
        continue;
      }
      expect(got.ok, label).toBe(true);
      if (!got.ok) continue;
      expect(want.to, label).toContain(got.journey.stage);
      expect(got.events.length, label).toBeGreaterThan(0);
      const moved = got.journey.stage !== stage;
      if (moved) expect(got.signals, label).toEqual([{ kind: 'stage-ended', stage }]);
      expect(got.journey.stageEnteredAt, label).toBe(got.signals.length ? NOW.toISOString() : BEFORE);
      expect(got.journey.updatedAt, label).toBe(NOW.toISOString());
    }
    // Each template's table both moves journeys and refuses out of order and unknown commands.
    expect([...seen]).toEqual(expect.arrayContaining(['moved', 'conflict', 'not-in-template']));
  });
});

describe('decide on Brug for alle', () => {
  const by = 'tov';

  it('screens an unscreened citizen onto the colour path, the first screening being the baseline', () => {
    const got = decide(brugForAlle, journeyAt('screening', null), { by, kind: 'screening', colour: 'blue', reason: 'STU' }, NOW);
    expect(got).toMatchObject({ ok: true, journey: { stage: 'team-meeting', colour: 'blue', baseline: { colour: 'blue' } }, events: [{ kind: 'screened' }] });
  });

  it('turns a green no-show at the intake orange, restarting the intake and telling the tovholder twice', () => {
    const command: Command = { by, kind: 'attendance', status: 'no-show', appointment: { id: 'a1', kind: 'intake', endsAt: BEFORE } };
    const got = decide(brugForAlle, journeyAt('intake', 'green'), command, NOW);
    expect(got).toMatchObject({
      ok: true,
      journey: { stage: 'intake', colour: 'orange', stageEnteredAt: NOW.toISOString(), screening: { colour: 'orange', reason: 'missed the intake conversation' } },
      events: [{ kind: 'attendance-no-show' }, { kind: 'colour-changed' }],
      notifications: [
        { kind: 'missed-attendance', audience: 'tovholder', dueAt: BEFORE, subject: 'appointment:a1' },
        { kind: 'colour-changed', audience: 'tovholder', dueAt: NOW.toISOString(), subject: 'appointment:a1' },
      ],
      signals: [{ kind: 'stage-ended', stage: 'intake' }],
    });
  });

  it('records an item only once the meeting has begun', () => {
    const command: Command = { by, kind: 'meeting-item', meetingStartsAt: '2026-11-02T11:00:00.000Z', withCitizen: false, citizenPresent: false, recommendations: 0 };
    expect(decide(brugForAlle, journeyAt('team-meeting', 'green'), command, NOW)).toMatchObject({ ok: false, code: 'rule-violated', rule: 'meeting-not-started' });
  });

  it('flags a journey whose tovholder left, telling the leads, and keeps its stage', () => {
    const got = decide(brugForAlle, journeyAt('plan', 'orange'), { by: 'admin', kind: 'tovholder-left', username: 'old.tov' }, NOW);
    expect(got).toMatchObject({ ok: true, journey: { stage: 'plan', needsTovholderSince: NOW.toISOString() }, notifications: [{ kind: 'needs-tovholder', audience: 'leads' }], signals: [] });
  });

  const form: Command = { by, kind: 'preparatory-form', version: 2 };
  it.each([
    ['intake', 'team-meeting'],
    ['preparatory-form', 'team-meeting'],
    ['team-meeting', 'team-meeting'],
    ['follow-up', 'follow-up'],
  ] as const)('takes the preparatory form at %s, moving to %s', (stage, next) => {
    expect(decide(brugForAlle, journeyAt(stage, 'orange'), form, NOW)).toMatchObject({ ok: true, journey: { stage: next }, events: [{ kind: 'preparatory-form', summary: 'Preparatory form saved (version 2)' }] });
  });

  it('refuses the form before the intake (409) and on a closed journey (422)', () => {
    expect(decide(brugForAlle, journeyAt('screening', null), form, NOW)).toMatchObject({ ok: false, code: 'conflict', rule: 'step-out-of-order' });
    expect(decide(brugForAlle, journeyAt('closed', 'red'), form, NOW)).toMatchObject({ ok: false, code: 'rule-violated', rule: 'journey-closed' });
  });

  it('moves the first plan to follow-up, keeps later stages, refuses earlier ones and closed', () => {
    const plan: Command = { by, kind: 'plan', version: 1, interventions: 2 };
    expect(decide(brugForAlle, journeyAt('plan', 'green'), plan, NOW)).toMatchObject({ ok: true, journey: { stage: 'follow-up' }, signals: [{ kind: 'stage-ended', stage: 'plan' }] });
    expect(decide(brugForAlle, journeyAt('aftercare', 'green'), plan, NOW)).toMatchObject({ ok: true, journey: { stage: 'aftercare', stageEnteredAt: BEFORE }, signals: [] });
    expect(decide(brugForAlle, journeyAt('team-meeting', 'green'), plan, NOW)).toMatchObject({ ok: false, code: 'conflict' });
    expect(decide(brugForAlle, journeyAt('closed', 'green'), plan, NOW)).toMatchObject({ ok: false, code: 'rule-violated' });
  });

  it('keeps the message of a step out of order', () => {
    expect(decide(brugForAlle, journeyAt('intake', 'green'), { by, kind: 'plan', version: 1, interventions: 1 }, NOW)).toEqual({
      ok: false,
      code: 'conflict',
      rule: 'step-out-of-order',
      message: 'step-out-of-order: the journey is at intake; this step comes later',
    });
  });
});
