import { z } from 'zod';
import { failExport, recordExport, writeExport } from '../app/exports.js';
import { dueMonth } from '../domain/exports/schedule.js';
import { copenhagenDate } from '../domain/working-days.js';
import { now } from '../platform/clock.js';
import { logger } from '../platform/logger.js';
import { claimScheduledRun, listExportSchedules } from '../store/exports.js';
import { getProgramme } from '../store/programmes.js';

/**
 * The `export` state machine's tasks (`workflows/export.ts`). Versioned inputs: a field added later must be
 * optional, so executions in flight keep working after a deployment.
 */
const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plan'), input: z.object({ exportId: z.string().optional() }).loose() }),
  z.object({ action: z.literal('write'), exportId: z.string() }),
  z.object({ action: z.literal('mark-failed'), exportId: z.string() }),
]);

/**
 * The scheduled exports due today: each schedule whose month due (`dueMonth`) has not run yet, claimed once per
 * month so a repeated run starts none twice.
 */
async function scheduledExports(): Promise<string[]> {
  const today = copenhagenDate(now());
  const ids: string[] = [];
  for (const schedule of await listExportSchedules()) {
    const month = dueMonth(today, schedule.dayOfMonth);
    if (schedule.lastRunMonth !== null && schedule.lastRunMonth >= month) continue;
    const programme = await getProgramme(schedule.programmeId);
    if (!programme || !(await claimScheduledRun(schedule.programmeId, month))) continue;
    ids.push((await recordExport(programme, { kind: schedule.kind, format: schedule.format }, 'schedule', schedule.municipalities, false)).id);
  }
  return ids;
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  if (input.action === 'plan') return { exportIds: input.input.exportId ? [input.input.exportId] : await scheduledExports() };
  if (input.action === 'write') {
    await writeExport(input.exportId);
    return {};
  }
  logger.error('export failed', { exportId: input.exportId });
  await failExport(input.exportId);
  return {};
};
