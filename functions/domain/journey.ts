import type { Colour, Stage } from '../contract/schemas.js';
import { refusal, type Decision } from './refusal.js';

/*
 * The journey's rules (shared/domain.md, "Paths per colour"). The paths themselves are data now
 * (templates/brug-for-alle.ts) and domain/decide.ts takes them; what is left here are the rules beside them.
 * green:  caseworker's intake → team consultation without the citizen → plan → follow-up → outcome
 * orange: tovholder's intake → preparatory form → team meeting with the citizen → plan → follow-up → outcome
 * blue:   team consultation → (after STU) plan → follow-up → outcome
 * red:    no course; closed with its exit reason
 */

export const OPEN_STAGES = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare'] as const;

/** Who holds the intake conversation: the job-centre caseworker for green, the tovholders for orange. */
export function intakeOwnerRole(colour: Colour | null): 'caseworker' | 'tovholder' {
  return colour === 'green' ? 'caseworker' : 'tovholder';
}

export type Outcome = 'job' | 'education' | 'match-improved' | 'still-passive' | 'permanent-support' | 'exited';

/**
 * Recording an outcome (a closed journey is refused before, by its template: its final stage takes none). A
 * citizen who got a job or an education, or moved to match group 2, gets aftercare; still passive,
 * recommended for permanent support or exited ends the course. An outcome recorded during aftercare ends it.
 * A journey must be screened first.
 */
export function decideOutcome(current: { stage: Stage; colour: Colour | null }, outcome: Outcome): Decision<{ stage: 'aftercare' | 'closed' }> {
  if (current.stage === 'screening' || current.colour === null) {
    return refusal('rule-violated', 'screening-first', 'screen the citizen before recording an outcome');
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
  roles: readonly string[] = ['tovholder', 'lead'],
): string | null {
  // A user of another programme (another tenant) is answered as an unknown one: neither they nor their role show.
  if (!candidate || !candidate.active || !candidate.programmes.includes(journey.programmeId)) return 'no active user by that name';
  if (!roles.some((r) => candidate.roles.includes(r))) return `a tovholder must have one of the roles ${roles.join(', ')}`;
  if (!candidate.municipalities.includes(journey.municipality)) {
    return "not assigned to this citizen's programme and municipality";
  }
  return null;
}
