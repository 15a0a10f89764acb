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
