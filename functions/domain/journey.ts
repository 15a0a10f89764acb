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

export type Outcome = 'job' | 'education' | 'match-improved' | 'still-passive' | 'permanent-support' | 'exited';

export type OutcomeDecision = { ok: true; stage: 'aftercare' | 'closed' } | { ok: false; rule: string; why: string };

/**
 * Recording an outcome. A citizen who got a job or an education, or moved to match group 2, gets aftercare;
 * still passive, recommended for permanent support or exited ends the course. An outcome recorded during
 * aftercare ends it. A journey must be screened first, and a closed one takes no outcome.
 */
export function decideOutcome(current: { stage: Stage; colour: Colour | null }, outcome: Outcome): OutcomeDecision {
  if (current.stage === 'closed') return { ok: false, rule: 'journey-closed', why: 'the journey is closed' };
  if (current.stage === 'screening' || current.colour === null) {
    return { ok: false, rule: 'screening-first', why: 'screen the citizen before recording an outcome' };
  }
  if (current.stage === 'aftercare') return { ok: true, stage: 'closed' };
  const aftercare = outcome === 'job' || outcome === 'education' || outcome === 'match-improved';
  return { ok: true, stage: aftercare ? 'aftercare' : 'closed' };
}

/** "Could not be contacted": how many contact attempts were made and how many did not reach the citizen. */
export function contactSummary(attempts: { kind: string; reached: boolean | null; at: string }[]) {
  const contactAttempts = attempts.filter((a) => a.kind === 'contact-attempt');
  const reached = contactAttempts.filter((a) => a.reached === true).map((a) => a.at).sort();
  return {
    attempts: contactAttempts.length,
    unreached: contactAttempts.length - reached.length,
    lastReachedAt: reached.at(-1) ?? null,
  };
}

/** Only an open journey's tovholders are assigned; they must be staff of the journey's programme and municipality. */
export function tovholderProblem(
  candidate: { active: boolean; roles: string[]; programmes: string[]; municipalities: string[] } | undefined,
  journey: { programmeId: string; municipality: string },
): string | null {
  // A user of another programme (another tenant) is answered as an unknown one: neither they nor their role show.
  if (!candidate || !candidate.active || !candidate.programmes.includes(journey.programmeId)) return 'no active user by that name';
  if (!candidate.roles.includes('tovholder') && !candidate.roles.includes('lead')) return 'a tovholder must have the tovholder or lead role';
  if (!candidate.municipalities.includes(journey.municipality)) {
    return "not assigned to this citizen's programme and municipality";
  }
  return null;
}
