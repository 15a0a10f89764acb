import type { z } from 'zod';
import type { AppointmentKind, AttendanceStatus } from '../contract/appointments.js';
import type { Colour, ExitReason, Outcome, PersonRef, Screening, Stage, TimelineEvent } from '../contract/schemas.js';
import type { Competence, WeekHours } from '../contract/internships.js';
import type { CoordinationState } from '../contract/coordination.js';
import { attendanceEffect } from './appointments.js';
import { internshipEffect, type InternshipFacts } from './internships.js';
import { decideOutcome } from './journey.js';
import { refusal, type Decision, type Refusal } from './refusal.js';
import { trackOf, type Audience, type CommandKind, type NotificationKind, type Path, type Template } from './templates/template.js';

/*
 * The one decision point of a journey (issue 11): a command, checked against the journey's template version
 * (its paths, per group) and the detailed rules of the command, gives the journey's new state and what follows
 * from it (timeline events, notifications, workflow signals), or a Refusal. Pure: the handlers store and send.
 */

/** What decide reads and changes of a journey (the stored journey has more; it is kept as it is). */
export interface JourneyState {
  stage: string;
  stageEnteredAt: string;
  updatedAt: string;
  colour: Colour | null;
  /** The journey's track of a template with several (the first one when absent). */
  track?: string;
  screening?: z.infer<typeof Screening> | null;
  baseline?: z.infer<typeof Screening> | null;
  exitReason?: z.infer<typeof ExitReason> | null;
  outcome?: z.infer<typeof Outcome> | null;
  needsTovholderSince?: string | null;
  /** Gennem Job til Uddannelse: who gets the journey's reminders, the mentors of its internships, its youth ambassador. */
  contactPerson?: z.infer<typeof PersonRef> | null;
  mentors?: string[];
  ambassadorId?: string | null;
  /** Youth coordination: the time on the lists and the Praktik-generator. */
  coordination?: CoordinationState | null;
}

type Outcomes = z.infer<typeof Outcome>['outcome'];

/**
 * The commands that move a journey; `by` is the acting user's username. `to` chooses among several paths of a
 * template whose commands follow their paths only (Brug for alle's own rules choose there).
 */
export type Command = { by: string; to?: string } & (
  | { kind: 'screening'; colour: Colour; reason: string; exitReason?: z.infer<typeof ExitReason> | null }
  | { kind: 'attendance'; appointment: { id: string; kind: AppointmentKind; endsAt: string }; status: AttendanceStatus }
  | { kind: 'preparatory-form'; version: number }
  | { kind: 'meeting-item'; meetingStartsAt: string; withCitizen: boolean; citizenPresent: boolean; recommendations: number }
  | { kind: 'plan'; version: number; interventions: number }
  | { kind: 'outcome'; outcome: Outcomes; date: string; note?: string | null }
  | { kind: 'tovholder-left'; username: string }
  // Gennem Job til Uddannelse (domain/internships.ts): `existing` are the young person's other internships.
  | { kind: 'internship'; internship: Pick<InternshipFacts, 'id' | 'company' | 'startDate' | 'endDate' | 'jobBroker' | 'mentor'>; existing: Pick<InternshipFacts, 'startDate' | 'endDate'>[] }
  | { kind: 'internship-ended'; internship: Pick<InternshipFacts, 'company' | 'endDate'> }
  | { kind: 'hours'; internship: InternshipFacts; entry: WeekHours }
  | { kind: 'learning-certificate'; company: string; phase: 'start' | 'progress' | 'end'; competences: z.infer<typeof Competence>[] }
  | { kind: 'contact-person'; contactPerson: z.infer<typeof PersonRef> }
  | { kind: 'ambassador'; ambassador: { id: string; name: string } }
  /** The other templates' commands, built in later issues. */
  | { kind: 'track-update' | 'contact' | 'activity-offered' }
);

export interface DecidedNotification {
  kind: NotificationKind;
  audience: Audience;
  dueAt: string;
  /** What it is about, so that it is sent once (see notifyOnce). */
  subject?: string;
  /** The user the audience `owner` means (an internship's job broker). */
  owner?: string;
}

/** A workflow signal: the waiting step of `stage` ended (the journey moved on, or its stage's clock starts again). */
export interface Signal {
  kind: 'stage-ended';
  stage: string;
}

export interface Decided<J extends JourneyState> {
  journey: J;
  events: z.infer<typeof TimelineEvent>[];
  notifications: DecidedNotification[];
  signals: Signal[];
}

/** What a command's own rules make of it: the path it takes among those the template offers, and its effects. */
export interface Effect<J extends JourneyState> {
  pick: (paths: Path[]) => Path | undefined;
  /** The journey's other changes (besides its stage and clock). */
  changes?: Partial<J>;
  events: (to: string) => { kind: string; summary: string }[];
  notifications?: (Omit<DecidedNotification, 'dueAt'> & { dueAt?: string })[];
  /** The stage's clock starts again though the stage stays. */
  restartsClock?: boolean;
}

const only = (paths: Path[]) => (paths.length === 1 ? paths[0] : undefined);
const moving = (stage: string) => (paths: Path[]) => paths.find((p) => p.to !== stage);
const to = (stage: string) => (paths: Path[]) => paths.find((p) => p.to === stage);

/** The path a command names (`to`), or the only one there is. */
const named = (command: Command) => (paths: Path[]) => (command.to === undefined ? only(paths) : to(command.to)(paths));

const stepOutOfOrder = (stage: string): Refusal => refusal('conflict', 'step-out-of-order', `step-out-of-order: the journey is at ${stage}; this step comes later`);

/** The group a path is chosen by: the colour screened into for a screening, else the journey's own. */
function groupOf(journey: JourneyState, command: Command): string {
  if (command.kind === 'screening') return command.colour;
  return journey.colour ?? 'unscreened';
}

/** The detailed rules of each command: a refusal, or the effect it has. */
function effectOf<J extends JourneyState>(journey: J, command: Command, now: Date): Effect<J> | Refusal {
  const at = now.toISOString();
  const stage = journey.stage;
  switch (command.kind) {
    case 'screening': {
      // The first screening is the evaluation baseline; a later one changes the colour (its path the template's).
      const isBaseline = journey.colour === null;
      const screening = { colour: command.colour, reason: command.reason, exitReason: command.exitReason ?? null, by: command.by, at };
      return {
        pick: only,
        changes: {
          colour: command.colour,
          screening,
          baseline: isBaseline ? screening : journey.baseline,
          exitReason: command.exitReason ?? journey.exitReason,
        } as Partial<J>,
        events: () => [
          isBaseline
            ? { kind: 'screened', summary: `Screened ${command.colour} (baseline)` }
            : { kind: 'colour-changed', summary: `Colour changed to ${command.colour}` },
        ],
      };
    }
    case 'attendance': {
      const effect = attendanceEffect({ stage: stage as Stage, colour: journey.colour }, command.appointment.kind, command.status);
      const subject = `appointment:${command.appointment.id}`;
      const events = [{ kind: `attendance-${command.status}`, summary: `Attendance registered: ${command.status} (${command.appointment.kind})` }];
      if (effect.colourChanged) events.push({ kind: 'colour-changed', summary: `Colour changed to ${effect.colour} (missed the intake); the intake goes to the tovholders` });
      return {
        pick: effect.stage === stage ? to(stage) : moving(stage),
        changes: {
          colour: effect.colour,
          ...(effect.colourChanged && journey.screening && effect.colour
            ? { screening: { ...journey.screening, colour: effect.colour, reason: 'missed the intake conversation', by: command.by, at } }
            : {}),
        } as Partial<J>,
        events: () => events,
        restartsClock: effect.restartsStageClock,
        notifications: [
          ...(effect.tellTovholderMissed ? [{ kind: 'missed-attendance' as const, audience: 'tovholder' as const, dueAt: command.appointment.endsAt, subject }] : []),
          ...(effect.colourChanged ? [{ kind: 'colour-changed' as const, audience: 'tovholder' as const, subject }] : []),
        ],
      };
    }
    case 'preparatory-form':
      return { pick: only, events: () => [{ kind: 'preparatory-form', summary: `Preparatory form saved (version ${command.version})` }] };
    case 'meeting-item':
      if (now.getTime() < Date.parse(command.meetingStartsAt)) return refusal('rule-violated', 'meeting-not-started', 'an item is recorded at or after the meeting');
      return {
        pick: only,
        events: () => [
          {
            kind: 'team-meeting',
            summary: `Team meeting ${command.withCitizen ? (command.citizenPresent ? 'with the citizen' : 'held without the citizen, who did not come') : '(consultation without the citizen)'}: ${command.recommendations} recommendation(s)`,
          },
        ],
      };
    case 'plan':
      return { pick: only, events: () => [{ kind: 'plan', summary: `Action plan version ${command.version} (${command.interventions} interventions)` }] };
    case 'outcome': {
      const decision = decideOutcome({ stage: stage as Stage, colour: journey.colour }, command.outcome);
      if (!decision.ok) return decision;
      const outcome = { outcome: command.outcome, date: command.date, note: command.note ?? null, by: command.by, at };
      return {
        pick: to(decision.stage),
        changes: { outcome } as Partial<J>,
        events: (next) => [{ kind: 'outcome', summary: `Outcome: ${command.outcome}; ${next === 'closed' ? 'journey closed' : 'aftercare'}` }],
      };
    }
    case 'tovholder-left':
      return {
        pick: to(stage),
        changes: { needsTovholderSince: at } as Partial<J>,
        events: () => [{ kind: 'needs-tovholder', summary: `Tovholder ${command.username} left; a new tovholder is needed` }],
        notifications: [{ kind: 'needs-tovholder', audience: 'leads' }],
      };
    default:
      return pathOnly(command, stage);
  }
}

/** A command of a template without detailed rules yet: it takes the path it names, or the only one there is. */
function pathOnly<J extends JourneyState>(command: Command, stage: string): Effect<J> {
  return {
    pick: named(command),
    events: (next) => [{ kind: command.kind, summary: next === stage ? `${command.kind} recorded` : `${command.kind}: ${stage} → ${next}` }],
  };
}

/**
 * Youth coordination's rules: the first reached contact attempt moves the journey on; a plan offers the
 * activity; an outcome closes the journey and ends the Praktik-generator's place. Undefined: the path only.
 */
function youthEffectOf<J extends JourneyState>(journey: J, command: Command, now: Date): Effect<J> | Refusal | undefined {
  const at = now.toISOString();
  switch (command.kind) {
    case 'contact':
      return { pick: named(command), events: () => [{ kind: 'first-contact', summary: 'First contact made' }] };
    case 'plan':
      return { pick: named(command), events: (next) => [{ kind: 'plan', summary: `Plan version ${command.version} (${command.interventions} activities)${next !== journey.stage ? ': an activity is offered' : ''}` }] };
    case 'outcome': {
      const praktik = journey.coordination?.praktik;
      const coordination = journey.coordination && praktik?.confirmedAt && !praktik.endedAt ? { ...journey.coordination, praktik: { ...praktik, endedAt: at } } : journey.coordination;
      return {
        pick: named(command),
        changes: { outcome: { outcome: command.outcome, date: command.date, note: command.note ?? null, by: command.by, at }, coordination } as Partial<J>,
        events: () => [{ kind: 'outcome', summary: `Outcome: ${command.outcome}; journey closed` }],
      };
    }
    case 'tovholder-left': {
      // Brug for alle's rule (the leads are told a new responsible is needed), on the path the command names.
      const effect = effectOf(journey, command, now);
      return 'ok' in effect ? effect : { ...effect, pick: named(command) };
    }
    default:
      return undefined;
  }
}

/** Templates whose commands run through the detailed rules above; the others' commands follow their paths only. */
const DETAILED: readonly Template['id'][] = ['brug-for-alle'];
/** Templates whose commands have rules in a module of their own (undefined there: the command follows its path only). */
const OWN_RULES: Partial<Record<Template['id'], <J extends JourneyState>(journey: J, command: Command, now: Date) => Effect<J> | Refusal | undefined>> = {
  'job-til-uddannelse': internshipEffect,
  'youth-coordination': youthEffectOf,
};
const DETAILED_COMMANDS: readonly CommandKind[] = ['screening', 'attendance', 'preparatory-form', 'meeting-item', 'plan', 'outcome', 'tovholder-left'];

/**
 * Decides a command on a journey: refused `not-in-template` (422) when its track has no path on that command,
 * `journey-closed` (422) at a final stage, the command's own rule when that says no, and `step-out-of-order`
 * (409) when the template has the command but not from the journey's stage (or group). Otherwise the journey
 * moves as the path the command takes says.
 */
export function decide<J extends JourneyState>(template: Template, journey: J, command: Command, now: Date): Decision<Decided<J>> {
  const track = trackOf(template, journey.track);
  const onCommand = track.paths.filter((p) => p.on === command.kind);
  if (onCommand.length === 0) return refusal('not-in-template', 'not-in-template', `this programme's template has no ${command.kind} step here`);
  const current = track.stages.find((s) => s.id === journey.stage);
  const from = onCommand.filter((p) => p.from === journey.stage);
  if (current?.final && from.length === 0) {
    return template.tracks.length === 1
      ? refusal('rule-violated', 'journey-closed', 'the journey is closed')
      : refusal('rule-violated', 'track-ended', 'this track has ended');
  }
  const detailed = DETAILED.includes(template.id) && DETAILED_COMMANDS.includes(command.kind);
  const effect = detailed ? effectOf(journey, command, now) : (OWN_RULES[template.id]?.(journey, command, now) ?? pathOnly<J>(command, journey.stage));
  if ('ok' in effect) return effect;
  const group = groupOf(journey, command);
  const open = from.filter((p) => !p.groups || p.groups.includes(group));
  if (open.length === 0) return stepOutOfOrder(journey.stage);
  const path = effect.pick(open);
  if (!path) return refusal('not-in-template', 'not-in-template', `this programme's template has no such ${command.kind} path from this stage`);
  const at = now.toISOString();
  const moved = path.to !== journey.stage;
  const restarts = moved || effect.restartsClock === true;
  const next = {
    ...journey,
    ...effect.changes,
    stage: path.to,
    stageEnteredAt: restarts ? at : journey.stageEnteredAt,
    updatedAt: at,
  } as J;
  return {
    ok: true,
    journey: next,
    events: effect.events(path.to).map((e) => ({ at, by: command.by, ...e })),
    notifications: (effect.notifications ?? []).map((n) => ({ ...n, dueAt: n.dueAt ?? at })),
    signals: restarts ? [{ kind: 'stage-ended', stage: journey.stage }] : [],
  };
}
