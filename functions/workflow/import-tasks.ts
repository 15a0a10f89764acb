import { z } from 'zod';
import { enrolChunk, startJourneys } from '../app/enrolment.js';
import { logger } from '../platform/logger.js';
import { rulesOf, type Rules } from '../domain/templates/index.js';
import { chunkOutcomeItems, deleteImportLines, getImport, importChunk, markChunkStarted, markImportFailed, writtenChunk } from '../store/imports.js';
import { getJourney, OutcomeRefused, type StoredJourney } from '../store/journeys.js';
import { getProgramme } from '../store/programmes.js';
import { writeEntryChunk } from '../store/coordination-lists.js';

/**
 * The `import` state machine's tasks (`workflows/import.ts`). Versioned inputs: a field added later must be
 * optional, so executions in flight keep working after a deployment.
 */
const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('make-chunks'), importId: z.string() }),
  z.object({ action: z.literal('mark-failed'), importId: z.string() }),
]);

/**
 * Journeys one import starts a second. Step Functions' StartExecution quota for Standard workflows (outside
 * the largest regions: a bucket of 800, refilled at 150 a second) is shared with single enrolments,
 * continuations and watches, so an import keeps to two thirds of the refill.
 */
export const IMPORT_STARTS_PER_SECOND = 100;
/** One invocation takes no new chunk after this long: a chunk takes well under a second, the timeout is 15 s. */
export const PASS_MILLISECONDS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the journeys started since `since` no longer run ahead of IMPORT_STARTS_PER_SECOND. */
async function keepToRate(starts: number, since: number): Promise<void> {
  const ahead = (starts / IMPORT_STARTS_PER_SECOND) * 1000 - (Date.now() - since);
  if (ahead > 0) await sleep(ahead);
}

async function makeChunks(importId: string): Promise<{ finished: boolean }> {
  const passStarted = Date.now();
  const found = await getImport(importId);
  if (!found) throw Object.assign(new Error('import not found'), { name: 'ImportNotFound' });
  // Done or failed (a repeat, or a crash after the last chunk): its lines go, if they are still there.
  if (found.status !== 'running') {
    await deleteImportLines(importId, found.chunks);
    return { finished: true };
  }
  const programme = await getProgramme(found.programmeId);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  let starts = 0;
  let chunk = found.chunksStarted;
  while (chunk < found.chunks && Date.now() - passStarted < PASS_MILLISECONDS) {
    await keepToRate(starts, passStarted);
    starts += found.kind === 'coordination-list' ? await writeEntryChunk(importId, chunk, await importChunk(importId, chunk)).then(() => 0) : await makeChunk(importId, chunk, rulesOf(programme));
    await markChunkStarted(importId, chunk, chunk === found.chunks - 1);
    chunk++;
  }
  // The pass ends no sooner than its starts allow, so the next pass (a new invocation, counting from zero)
  // cannot run ahead of the rate either: the rate holds across passes, not only within one.
  await keepToRate(starts, passStarted);
  logger.info('import chunks made', { importId, chunksStarted: chunk, chunks: found.chunks, journeysStarted: starts });
  if (chunk < found.chunks) return { finished: false };
  await deleteImportLines(importId, found.chunks);
  return { finished: true };
}

/**
 * Makes one chunk, whatever happened to it before: written once (its outcome is conditional in the
 * transaction of its journeys), and its journeys' workflows started after (idempotent by name). A chunk
 * written by an attempt that stopped before starting them all has them started as each journey stands now.
 * Returns how many journeys it started.
 */
async function makeChunk(importId: string, chunk: number, rules: Rules): Promise<number> {
  const written = await writtenChunk(importId, chunk);
  if (written) {
    const journeys = (await Promise.all(written.map((id) => getJourney(id)))).filter((j): j is StoredJourney => j !== undefined);
    if ((await startJourneys(journeys, rules)).length > 0) throw new Error('journeys of the chunk could not be started');
    return journeys.length;
  }
  const lines = await importChunk(importId, chunk);
  const batch = lines.filter((line) => 'journey' in line);
  try {
    const result = await enrolChunk(batch, rules, (created, alreadyEnrolled) => chunkOutcomeItems(importId, chunk, lines, created, alreadyEnrolled));
    // The chunk is written: the task's retry starts the rest.
    if (result.notStarted.length > 0) throw new Error('journeys of the chunk could not be started');
    return result.created.length;
  } catch (error) {
    // Another attempt wrote it meanwhile (a retry while the first still ran).
    if (error instanceof OutcomeRefused) return makeChunk(importId, chunk, rules);
    throw error;
  }
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  if (input.action === 'make-chunks') return makeChunks(input.importId);
  logger.error('import failed', { importId: input.importId });
  await markImportFailed(input.importId);
  // A failed import is not resumed (its lines are imported again, as a new import): its lines go too.
  const found = await getImport(input.importId);
  if (found) await deleteImportLines(input.importId, found.chunks);
  return {};
};
