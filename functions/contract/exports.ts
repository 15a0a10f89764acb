import { z } from 'zod';
import { Id, Instant, MunicipalityCode, Month, Username } from './primitives.js';

/*
 * Evaluation exports and the steering dashboard (shared/api.md v2 "Evaluation exports and the steering
 * dashboard").
 */

export const ExportKind = z.enum(['panel', 'indicators']);
export type ExportKind = z.infer<typeof ExportKind>;
export const ExportFormat = z.enum(['csv', 'xlsx', 'parquet']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const fromNotAfterTo = <T extends { from?: string | undefined; to?: string | undefined }>(r: T) => r.from === undefined || r.to === undefined || r.from <= r.to;
const fromNotAfterToIssue = { path: ['to'], message: 'must not be before from' };

export const ExportInput = z
  .object({ kind: ExportKind, format: ExportFormat, from: Month.optional(), to: Month.optional() })
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type ExportInput = z.infer<typeof ExportInput>;

export const ExportStatus = z.enum(['running', 'done', 'failed']);
export const ExportFile = z.object({ name: z.string(), bytes: z.int(), sha256: z.string() });
export type ExportFile = z.infer<typeof ExportFile>;

export const Export = z.object({
  id: Id,
  programmeId: Id,
  kind: ExportKind,
  format: ExportFormat,
  from: Month.nullable(),
  /** The last month exported: the month it was started in when not given. */
  to: Month,
  status: ExportStatus,
  progress: z.object({ done: z.int(), total: z.int() }),
  files: z.array(ExportFile),
  /** Who started it; `schedule` for a monthly run. */
  by: z.union([Username, z.literal('schedule')]),
  /** The municipalities it covers: the programme's, within those of the user who started or scheduled it. */
  municipalities: z.array(MunicipalityCode),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
});
export type Export = z.infer<typeof Export>;
export const ExportAccepted = z.object({ id: Id, status: ExportStatus });
export const ExportList = z.object({ items: z.array(Export) });

export const ExportScheduleInput = z.object({ kind: ExportKind, format: ExportFormat, dayOfMonth: z.int().min(1).max(28) });
export const ExportSchedule = ExportScheduleInput.extend({
  programmeId: Id,
  /** The month of the last run it started, if any. */
  lastRunMonth: Month.nullable(),
  by: Username,
  municipalities: z.array(MunicipalityCode),
  at: Instant,
});
export type ExportSchedule = z.infer<typeof ExportSchedule>;

export const IndicatorsQuery = z.object({ from: Month.optional(), to: Month.optional() }).refine(fromNotAfterTo, fromNotAfterToIssue);

export const IndicatorColumn = z.object({
  column: z.string(),
  kind: z.enum(['count', 'rate', 'goal']),
  unit: z.string(),
  da: z.string(),
  en: z.string(),
});
export const IndicatorRow = z.object({
  municipality: z.string().describe('a municipality code, or "alle" for the whole programme'),
  month: Month,
  values: z.record(z.string(), z.number().nullable()),
  suppressed: z.array(z.string()),
});
export const Indicators = z.object({
  programmeId: Id,
  template: z.string(),
  /** The programme's goal: the share of citizens with an outcome who are in job or education (0–1). */
  goal: z.number(),
  columns: z.array(IndicatorColumn),
  rows: z.array(IndicatorRow),
});
export type Indicators = z.infer<typeof Indicators>;

/** `as=link`: the presigned URL as JSON `{ url }` instead of the redirect (a browser page navigates to it itself). */
export const ExportFileQuery = z.object({ as: z.enum(['link']).optional() });
export const ExportFileLink = z.object({ url: z.string() });
