import type { Colour, Stage } from '../contract/schemas.js';

/*
 * The journey's path rules (shared/domain.md, "Paths per colour"), as plain functions.
 * green:  caseworker's intake → team consultation without the citizen → plan → follow-up → outcome
 * orange: tovholder's intake → preparatory form → team meeting with the citizen → plan → follow-up → outcome
 * blue:   team consultation → (after STU) plan → follow-up → outcome
 * red:    no course; closed with its exit reason
 */

export const OPEN_STAGES = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare'] as const;

/** The stage a journey moves to when it is screened while still awaiting screening. */
export function stageAfterScreening(colour: Colour): Stage {
  switch (colour) {
    case 'red':
      return 'closed';
    case 'green':
    case 'orange':
      return 'intake';
    case 'blue':
      return 'team-meeting';
  }
}

export type ScreeningDecision =
  | { ok: true; stage: Stage; isBaseline: boolean }
  | { ok: false; rule: string; why: string };

/**
 * Screening a journey: the first screening is the evaluation baseline and moves the journey on; a later
 * re-screening changes the colour and keeps the stage (the path already taken), except red, which closes.
 */
export function decideScreening(current: { stage: Stage; colour: Colour | null }, colour: Colour): ScreeningDecision {
  if (current.stage === 'closed') return { ok: false, rule: 'journey-closed', why: 'the journey is closed' };
  const isBaseline = current.colour === null;
  if (current.stage === 'screening') return { ok: true, stage: stageAfterScreening(colour), isBaseline };
  return { ok: true, stage: colour === 'red' ? 'closed' : current.stage, isBaseline };
}

/** Who holds the intake conversation: the job-centre caseworker for green, the tovholders for orange. */
export function intakeOwnerRole(colour: Colour | null): 'caseworker' | 'tovholder' {
  return colour === 'green' ? 'caseworker' : 'tovholder';
}
