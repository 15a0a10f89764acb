import { randomUUID } from 'node:crypto';
import type { Programme } from '../contract/schemas.js';
import { maskCpr } from '../contract/cpr.js';
import { overdueFrom } from '../domain/step-clock.js';
import { rulesOf, trackOf, type Rules } from '../domain/templates/index.js';
import { createJourneys, type ChunkOutcome, type NewJourney, type StoredJourney } from '../store/journeys.js';
import { cprLookupHash, encryptCpr } from '../platform/cpr-vault.js';
import { startJourney } from './journey-workflow.js';

/**
 * Enrolment, one way for all: a single citizen, an import that answers at once, and the chunks of the
 * `import` workflow all prepare journeys with `newJourney` and make them with `enrolChunk`.
 */
export interface Citizen {
  cpr: string;
  birthDate: string;
  name: string;
  municipality: string;
  phone?: string;
  email?: string;
}

/** A journey ready to be created: its id, its encrypted CPR and its lookup hash are fixed here. */
export async function newJourney(programme: Programme, enrolledBy: string, citizen: Citizen, at: string): Promise<NewJourney> {
  const rules = rulesOf(programme);
  // A journey starts where its template's (first) track starts: Brug for alle's screening, another's own.
  const start = trackOf(rules.template).start;
  return {
    cprHash: await cprLookupHash(citizen.cpr),
    journey: {
      id: randomUUID(),
      programmeId: programme.id,
      // The journey keeps the template version it is enrolled under, whatever its programme pins later.
      template: programme.template,
      templateVersion: programme.templateVersion,
      municipality: citizen.municipality,
      name: citizen.name,
      cprEncrypted: await encryptCpr(citizen.cpr),
      cprMasked: maskCpr(citizen.cpr),
      birthDate: citizen.birthDate,
      phone: citizen.phone ?? null,
      email: citizen.email ?? null,
      colour: null,
      stage: start,
      stageEnteredAt: at,
      baseline: null,
      screening: null,
      exitReason: null,
      primaryTovholder: null,
      secondaryTovholder: null,
      needsTovholderSince: null,
      deadlineAt: overdueFrom(start, new Date(at), rules),
      outcome: null,
      enrolledBy,
      legalHold: null,
      contactPerson: null,
      mentors: [],
      ambassadorId: null,
      guardians: [],
      coordination: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
  };
}

/** Why a citizen of `municipality` cannot be enrolled by this caller: not the programme's, or not the caller's. */
export function municipalityProblem(programme: Programme, caller: { user: { municipalities: string[] } }, municipality: string): 'not-in-programme' | 'not-assigned' | null {
  if (!programme.municipalities.includes(municipality)) return 'not-in-programme';
  if (!caller.user.municipalities.includes(municipality)) return 'not-assigned';
  return null;
}

/** A CSV line refused for its municipality (not the programme's, or not the caller's), or null when it may stay. */
export function municipalityRejection(programme: Programme, caller: { user: { municipalities: string[] } }, row: { line: number; municipality: string }): { line: number; reason: string } | null {
  const problem = municipalityProblem(programme, caller, row.municipality);
  if (problem === 'not-in-programme') return { line: row.line, reason: `Municipality ${row.municipality} is not part of this programme.` };
  if (problem === 'not-assigned') return { line: row.line, reason: `You are not assigned to municipality ${row.municipality}.` };
  return null;
}

const WORKFLOW_STARTS_AT_ONCE = 8;

/**
 * Creates a chunk of journeys (with their audit entries, and `outcome` if an import records one) in one
 * transaction, then starts each created journey's workflow. Returns what was created, what was refused as
 * already enrolled, and the created journeys whose workflow did not start (the caller undoes or retries them).
 */
export async function enrolChunk(batch: NewJourney[], rules: Rules, outcome?: ChunkOutcome) {
  const { created, alreadyEnrolled } = await createJourneys(batch, outcome);
  const notStarted = new Set(await startJourneys(created.map((made) => made.journey), rules));
  return { created, alreadyEnrolled, notStarted: created.filter((made) => notStarted.has(made.journey)) };
}

/** Starts each journey's workflow (idempotent: the execution's name is the journey's); returns those that failed. */
export async function startJourneys(journeys: StoredJourney[], rules: Rules): Promise<StoredJourney[]> {
  const failed: StoredJourney[] = [];
  await inParallel(journeys, WORKFLOW_STARTS_AT_ONCE, async (journey) => {
    await startJourney(journey, rules).catch(() => failed.push(journey));
  });
  return failed;
}

/** Runs `work` on every item, `lanes` at a time; after a failure no lane takes another item, and it throws once all stopped. */
export async function inParallel<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      await work(items[next++]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const ended = await Promise.allSettled(Array.from({ length: Math.min(lanes, items.length) }, lane));
  const failure = ended.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failure) throw failure.reason;
}
