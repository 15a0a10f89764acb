import type { Stage } from '../contract/primitives.js';

/*
 * Rules shared by the versioned sub-resources of a journey (preparatory form, action plan): every change
 * names the revision it was made from, so two people editing at once cannot overwrite each other.
 */

export type RevisionDecision = { ok: true; version: number } | { ok: false; why: string };

/**
 * The version a change gets, given the latest stored revision (null: none yet) and the version the client
 * sent (undefined: "create"). A second create, a stale version or a version of nothing is a conflict.
 */
export function nextRevision(latest: number | null, given: number | undefined): RevisionDecision {
  if (given === undefined) {
    return latest === null ? { ok: true, version: 1 } : { ok: false, why: `it already exists (version ${latest}); send the version you changed` };
  }
  if (latest === null) return { ok: false, why: 'there is nothing to change yet; omit version to create it' };
  if (given !== latest) return { ok: false, why: `version ${given} is stale; the latest is ${latest}` };
  return { ok: true, version: latest + 1 };
}

export type StepDecision =
  | { ok: true; stage: Stage }
  | { ok: false; status: 'conflict' | 'rule-violated'; rule: string; why: string };

/**
 * Saving a step's record: allowed while the journey awaits one of `awaiting` (and then it moves to `next`)
 * or has moved past them (a revision, stage kept); before them it is out of order; a closed journey is final.
 */
export function decideStep(stage: Stage, awaiting: readonly Stage[], next: Stage, later: readonly Stage[]): StepDecision {
  if (stage === 'closed') return { ok: false, status: 'rule-violated', rule: 'journey-closed', why: 'the journey is closed' };
  if (awaiting.includes(stage)) return { ok: true, stage: next };
  if (later.includes(stage)) return { ok: true, stage };
  return { ok: false, status: 'conflict', rule: 'step-out-of-order', why: `the journey is at ${stage}; this step comes later` };
}
