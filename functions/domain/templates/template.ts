import type { z } from 'zod';
import type { Role } from '../../contract/schemas.js';

/*
 * A programme template as data (issue 11): its tracks, their stages and the paths between them, who acts at
 * each stage, each waiting stage's clock, its groups, its settings (a zod schema with defaults and ranges),
 * instruments and notification kinds. A template never changes once shipped: a changed rule is a new version,
 * and a journey keeps the version it was enrolled under.
 */

export type NotificationKind =
  | 'missed-attendance'
  | 'attendance-not-registered'
  | 'screening-overdue'
  | 'step-overdue'
  | 'escalation'
  | 'follow-up-due'
  | 'safety-flag'
  | 'colour-changed'
  | 'needs-tovholder'
  | 'intervention-not-started'
  | 'instrument-due'
  | 'not-improving'
  | 'aftercare-check-in-due'
  | 'hours-not-registered'
  | 'paid-hours-goal-reached'
  | 'offer-proposed'
  | 'caseload-assigned';

/** Who gets a notification: the municipality's leads, the primary tovholder (the leads before one exists), the
 * appointment's owner, or the safety team (primary tovholder and the programme's care managers there). */
export type Audience = 'leads' | 'tovholder' | 'owner' | 'safety-team';

/** The roles that act in a template: the contract's roles (v2 added the other templates' own). */
export type TemplateRole = Role;

export interface Notice {
  kind: NotificationKind;
  audience: Audience;
}

/** A length of time read from a setting of the programme: so many working days, calendar days or weeks. */
export interface Period {
  setting: string;
  unit: 'working-days' | 'calendar-days' | 'weeks';
}

/**
 * How a waiting stage is timed. `deadline`: overdue after `after`, then reminded every `reminders.every` and
 * escalated together with the reminder numbered by `reminders.escalateAt`. `rhythm`: a recurring notice with no
 * deadline. `weekly`: once per ISO week from the stage's first, `grace` after the week's end (what is due then is
 * the notice's own rule: Gennem Job til Uddannelse's hours of each internship that ran that week). `none`: the
 * stage waits for no clock, and `why` says why not.
 */
export type StageClock =
  | { kind: 'deadline'; after: Period; reminders: { every: Period; escalateAt: string }; overdue: Notice; escalation: Notice }
  | { kind: 'rhythm'; every: Period; notice: Notice }
  | { kind: 'weekly'; grace: Period; notice: Notice }
  | { kind: 'none'; why: string };

/** The commands that move a journey (issue 11's decision point). */
export type CommandKind =
  | 'screening'
  | 'attendance'
  | 'preparatory-form'
  | 'meeting-item'
  | 'plan'
  | 'outcome'
  | 'tovholder-left'
  // The other templates' commands, built in later issues.
  | 'track-update'
  | 'internship'
  | 'contact'
  | 'activity-offered'
  // Gennem Job til Uddannelse's.
  | 'internship-ended'
  | 'hours'
  | 'learning-certificate'
  | 'contact-person'
  | 'ambassador';

export interface TemplateStage {
  id: string;
  /** The roles that act at this stage. */
  actors: TemplateRole[];
  /** Closed ends the track; no clock runs there. */
  final?: boolean;
  clock: StageClock;
}

/** A path between two stages of a track: taken on `on`, for the groups listed (every group when absent). */
export interface Path {
  from: string;
  to: string;
  on: CommandKind;
  groups?: string[];
}

export interface Track {
  id: string;
  /** Where a journey of this track starts. */
  start: string;
  stages: TemplateStage[];
  paths: Path[];
}

export interface Template<S extends z.ZodObject = z.ZodObject> {
  id: 'brug-for-alle' | 'ibbu' | 'job-til-uddannelse' | 'youth-coordination';
  version: number;
  name: string;
  /** Whether programmes may be created from it yet (its commands are built). */
  available: boolean;
  roles: TemplateRole[];
  tracks: Track[];
  /** What a journey is grouped by (Brug for alle: the screening colours and `unscreened`). */
  groups: string[];
  /** The group a journey counts under in the overview's counts (null: none, e.g. a closed journey); its colour, or `unscreened`, when absent. */
  group?: (journey: { colour: string | null; stage: string; outcome: string | null }) => string | null;
  /** Who may be a journey's responsible (its primary tovholder); the tovholder and lead roles when absent. */
  responsibleRoles?: TemplateRole[];
  /** The programme's settings: defaults and allowed ranges. */
  settings: S;
  instruments: string[];
  notifications: NotificationKind[];
}

export type TemplateId = Template['id'];

export function stageOf(template: Template, track: string, stage: string): TemplateStage | undefined {
  return template.tracks.find((t) => t.id === track)?.stages.find((s) => s.id === stage);
}

/** The stages of every track, in their tracks' order (a journey of a one-track template names its stage only). */
export const trackOf = (template: Template, track?: string): Track => (track ? template.tracks.find((t) => t.id === track) : template.tracks[0])!;

/** Every stage id of a template, over all its tracks. */
export const stageIds = (template: Template): string[] => [...new Set(template.tracks.flatMap((t) => t.stages.map((s) => s.id)))];

/** The group a journey counts under in its template (see `Template.group`). */
export const groupOfJourney = (template: Template, journey: { colour: string | null; stage: string; outcome: { outcome: string } | null }): string | null =>
  template.group ? template.group({ colour: journey.colour, stage: journey.stage, outcome: journey.outcome?.outcome ?? null }) : (journey.colour ?? 'unscreened');

/** Who may be a journey's responsible in this template. */
export const responsibleRolesOf = (template: Template): TemplateRole[] => template.responsibleRoles ?? ['tovholder', 'lead'];
