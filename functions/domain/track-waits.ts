import { nextTimer, type Timer } from './step-clock.js';
import { stageOf, type Rules, type Template } from './templates/index.js';

/*
 * Which steps of which tracks a journey waits at, and when each is due: what the one generic `journey` state
 * machine needs of any template. The execution waits on one callback at a time, with the timer of the step due
 * first over all tracks; its token sits on every waiting step's wait item, so recording any of them wakes it
 * and it reads again (IBBU's three tracks in parallel need no state machine of their own).
 */

/** Where one track of a journey stands: its stage and when it entered it. */
export interface TrackPosition {
  track: string;
  stage: string;
  enteredAt: string;
}

/** A journey as far as its waits go: the stage of a one-track template's journey, or each track's position. */
export interface JourneyTracks {
  stage: string;
  stageEnteredAt: string;
  /** A journey of a template with several tracks: where each stands (a one-track journey names its stage only). */
  tracks?: TrackPosition[];
}

export interface WaitingStep extends TrackPosition {
  timer: Timer;
}

/**
 * The track a wait item or a clock is keyed by: none for a one-track template, whose items keep the keys
 * from before tracks (`WAIT#{step}`), so executions already waiting are still signalled.
 */
export const waitTrack = (template: Template, track: string): string | undefined => (template.tracks.length === 1 ? undefined : track);

/** Every track's position: a one-track template's journey stands in its stage. */
export function trackPositions(template: Template, journey: JourneyTracks): TrackPosition[] {
  if (template.tracks.length === 1) return [{ track: template.tracks[0]!.id, stage: journey.stage, enteredAt: journey.stageEnteredAt }];
  return journey.tracks ?? [];
}

/** Where `track` stands (a one-track journey's stage when none is named: see `waitTrack`). */
export function positionOf(journey: JourneyTracks, track?: string): Pick<TrackPosition, 'stage' | 'enteredAt'> | undefined {
  return track === undefined ? { stage: journey.stage, enteredAt: journey.stageEnteredAt } : journey.tracks?.find((p) => p.track === track);
}

/**
 * The waiting step of each track not at a final stage, with its next timer (after the last tick of that visit
 * handled, as `handledDueAt` gives it per track; a stage without a clock re-checks at the longest wait).
 */
export function waitingSteps(positions: TrackPosition[], rules: Rules, at: Date, handledDueAt: (track: string) => string | null): WaitingStep[] {
  return positions
    .filter((p) => !stageOf(rules.template, p.track, p.stage)?.final)
    .map((p) => ({ ...p, timer: nextTimer(p.stage, new Date(p.enteredAt), rules, at, handledDueAt(p.track), p.track) }));
}

/** The step whose timer falls due first (the earlier track on a tie); none when no track waits. */
export function earliestDue(steps: WaitingStep[]): WaitingStep | undefined {
  return steps.reduce<WaitingStep | undefined>((first, step) => (!first || Date.parse(step.timer.dueAt) < Date.parse(first.timer.dueAt) ? step : first), undefined);
}
