import { randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { Appointment } from '../contract/appointments.js';
import type { Export, ExportFile, ExportFormat, ExportKind, Indicators } from '../contract/exports.js';
import { InstrumentRecord } from '../contract/instruments.js';
import { Plan } from '../contract/plan.js';
import { type Programme, TimelineEvent } from '../contract/schemas.js';
import { dictionaryCsvRows, DICTIONARY_CSV_HEADER, dictionaryOf, indicatorDictionaryColumns, PANEL_COLUMNS } from '../domain/exports/dictionary.js';
import { IndicatorAggregator, type IndicatorTable, type TemplateShape } from '../domain/exports/indicators.js';
import { monthOf, panelRows, scoresAllowed, type PanelSource } from '../domain/exports/panel.js';
import { templateOf } from '../domain/templates/index.js';
import { stepFunctions } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { openExportFile } from '../platform/export-files.js';
import { pseudonymOf } from '../platform/export-key.js';
import { logger } from '../platform/logger.js';
import { auditExport, createExport, enrolmentsForExport, type EnrolmentForExport, finishExport, getExport, setExportFiles, setExportProgress } from '../store/exports.js';
import { readCounts, StoredJourney } from '../store/journeys.js';
import { getProgramme } from '../store/programmes.js';
import { csvWriter, EXTENSION, tableWriter } from './export-writers.js';

/*
 * Evaluation exports (shared/api.md v2; design.md "Exports as a workflow"): an export is recorded, audited
 * and started as an execution of the `export` state machine, whose task pages through the programme's
 * enrolments (Query, never Scan) and streams their rows to the file, then writes the dictionary. The
 * dashboard's indicators are the same aggregation, answered at once.
 */

/** The `export` state machine's input: one export, or the day's scheduled ones (the daily schedule's `{}`). */
export interface ExportWorkflowInput {
  exportId?: string;
}

const exportStateMachineArn = () => {
  const arn = process.env['EXPORT_STATE_MACHINE_ARN'];
  if (!arn) throw new Error('environment variable EXPORT_STATE_MACHINE_ARN is not set');
  return arn;
};

/** The programme's template as the indicators are laid out by: its stages (every track's, in order) and groups. */
function shapeOf(programme: Pick<Programme, 'template' | 'templateVersion'>): TemplateShape {
  const template = templateOf(programme);
  return { template: template.id, stages: [...new Set(template.tracks.flatMap((t) => t.stages.map((s) => s.id)))], groups: template.groups };
}

/** The programme's goal as a share (the setting is per cent). */
const goalOf = (programme: Programme) => programme.settings.goalJobOrEducationPercent / 100;

/** Records an export and starts its workflow (or, `start: false`, leaves that to the caller: the scheduled run). */
export async function recordExport(
  programme: Programme,
  input: { kind: ExportKind; format: ExportFormat; from?: string; to?: string },
  by: Export['by'],
  municipalities: string[],
  start = true,
): Promise<Export> {
  const at = now();
  const record: Export = {
    id: randomUUID(),
    programmeId: programme.id,
    kind: input.kind,
    format: input.format,
    from: input.from ?? null,
    to: input.to ?? monthOf(at.toISOString()),
    status: 'running',
    progress: { done: 0, total: 0 },
    files: [],
    by,
    municipalities,
    createdAt: at.toISOString(),
    finishedAt: null,
  };
  await createExport(record);
  await auditExport(programme.id, { actor: by, action: 'export-started', outcome: 'allowed', exportId: record.id, changes: { kind: record.kind, format: record.format, from: record.from, to: record.to } });
  if (start) await startExportWorkflow({ exportId: record.id }, `export-${record.id}`);
  return record;
}

export async function startExportWorkflow(input: ExportWorkflowInput, name: string): Promise<void> {
  try {
    await stepFunctions.send(new StartExecutionCommand({ stateMachineArn: exportStateMachineArn(), name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/** What of a journey's partition the panel reads; the rest (names, CPR, notes, free text) is never taken. */
export async function panelSourceOf(programmeId: string, entry: EnrolmentForExport, pseudonymise: boolean): Promise<PanelSource | undefined> {
  const profile = entry.items.find((item) => item.sk === 'JOURNEY');
  if (!profile) return undefined;
  const journey = StoredJourney.parse(profile);
  const ofType = (type: string) => entry.items.filter((item) => item.type === type);
  const consents = ofType('consent').map((item) => ({ purpose: String(item.purpose), withdrawnAt: (item.withdrawnAt as string | null | undefined) ?? null }));
  return {
    // The indicators need no pseudonym: the API that answers them holds no export key.
    pseudonym: pseudonymise ? await pseudonymOf(programmeId, entry.cprHash) : '',
    municipality: journey.municipality,
    template: journey.template,
    templateVersion: journey.templateVersion,
    birthDate: journey.birthDate,
    createdAt: journey.createdAt,
    stage: journey.stage,
    stageEnteredAt: journey.stageEnteredAt,
    baseline: journey.baseline && { colour: journey.baseline.colour, at: journey.baseline.at },
    screening: journey.screening && { colour: journey.screening.colour, at: journey.screening.at },
    events: ofType('event').map((item) => TimelineEvent.parse(item)).map((e) => ({ kind: e.kind, at: e.at })),
    appointments: ofType('appointment').map((item) => Appointment.parse(item)).map((a) => ({ startsAt: a.startsAt, status: a.attendance?.status ?? null })),
    plans: ofType('plan').map((item) => Plan.parse(item)).map((p) => ({ at: p.at, domains: p.interventions.map((i) => i.domain) })),
    instruments: ofType('instrument').map((item) => InstrumentRecord.parse(item)).map((i) => ({ instrument: i.instrument, takenAt: i.takenAt, score: i.score })),
    outcome: journey.outcome && { outcome: journey.outcome.outcome, date: journey.outcome.date },
    scoresAllowed: scoresAllowed(consents),
  };
}

/** Every journey of a programme in `municipalities`, page by page, as panel sources; `each` sees them in the order read. */
async function forEachJourney(
  programme: Programme,
  municipalities: readonly string[],
  pseudonymise: boolean,
  each: (source: PanelSource) => Promise<void>,
  pageDone?: (done: number) => Promise<void>,
): Promise<number> {
  let cursor: Record<string, unknown> | undefined;
  let done = 0;
  do {
    const page = await enrolmentsForExport(programme.id, cursor);
    for (const entry of page.entries) {
      const source = await panelSourceOf(programme.id, entry, pseudonymise);
      if (source && municipalities.includes(source.municipality)) await each(source);
    }
    done += page.entries.length;
    cursor = page.cursor;
    await pageDone?.(done);
  } while (cursor);
  return done;
}

/** The indicators of a programme over its months up to `to`, as the dashboard and the indicators export give them. */
export async function programmeIndicators(
  programme: Programme,
  municipalities: readonly string[],
  to: string,
  from?: string,
  pageDone?: (done: number) => Promise<void>,
): Promise<IndicatorTable> {
  const aggregator = new IndicatorAggregator(shapeOf(programme), to, goalOf(programme));
  const asOf = now();
  await forEachJourney(programme, municipalities, false, async (source) => aggregator.addJourney(source, panelRows(source, to, asOf)), pageDone);
  return aggregator.table(from);
}

export const indicatorsView = (programme: Programme, table: IndicatorTable): Indicators => ({
  programmeId: programme.id,
  template: programme.template,
  goal: table.goal,
  columns: table.columns.map(({ column, kind, unit, da, en }) => ({ column, kind, unit, da, en })),
  rows: table.rows,
});

/** How often the running export's progress is written: every this many enrolments. */
const PROGRESS_EVERY = 500;

/** Writes an export's files: its data file as a stream, then the dictionary; marks it done and audits it. */
export async function writeExport(exportId: string): Promise<void> {
  const record = await getExport(exportId);
  if (!record) throw Object.assign(new Error('export not found'), { name: 'ExportNotFound' });
  if (record.status !== 'running') return;
  const programme = await getProgramme(record.programmeId);
  if (!programme) throw Object.assign(new Error('programme not found'), { name: 'ProgrammeNotFound' });
  const counts = await readCounts(programme.id, record.municipalities, templateOf(programme).groups);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  let lastWritten = 0;
  const progress = async (done: number) => {
    if (done - lastWritten < PROGRESS_EVERY && done < total) return;
    lastWritten = done;
    await setExportProgress(exportId, { done, total: Math.max(total, done) });
  };
  await setExportProgress(exportId, { done: 0, total });
  const shape = shapeOf(programme);
  const name = `${record.kind === 'panel' ? 'panel' : 'indikatorer'}.${EXTENSION[record.format]}`;
  const key = (file: string) => `${exportId}/${file}`;
  const files: ExportFile[] = [];
  let done: number;
  if (record.kind === 'panel') {
    const writer = await tableWriter(record.format, key(name), PANEL_COLUMNS, 'panel');
    const asOf = now();
    done = await forEachJourney(
      programme,
      record.municipalities,
      true,
      async (source) => {
        for (const row of panelRows(source, record.to, asOf, record.from ?? undefined)) await writer.write(PANEL_COLUMNS.map((c) => row[c.name]));
      },
      progress,
    );
    files.push({ name, ...(await writer.close()) });
  } else {
    let counted = 0;
    const table = await programmeIndicators(programme, record.municipalities, record.to, record.from ?? undefined, async (n) => progress((counted = n)));
    done = counted;
    const columns = indicatorDictionaryColumns(shape);
    const writer = await tableWriter(record.format, key(name), columns, 'indikatorer');
    for (const row of table.rows) {
      await writer.write(columns.map((c) => (c.name === 'municipality' ? row.municipality : c.name === 'month' ? row.month : c.name === 'suppressed' ? row.suppressed.join(',') : (row.values[c.name] ?? null))));
    }
    files.push({ name, ...(await writer.close()) });
  }
  const dictionary = dictionaryOf(record.kind, shape);
  const json = openExportFile(key('dictionary.json'));
  json.stream.end(JSON.stringify(dictionary, null, 2));
  files.push({ name: 'dictionary.json', ...(await json.done) });
  const csv = await csvWriter(key('dictionary.csv'), DICTIONARY_CSV_HEADER);
  for (const row of dictionaryCsvRows(dictionary)) await csv.write(row);
  files.push({ name: 'dictionary.csv', ...(await csv.close()) });

  await setExportProgress(exportId, { done, total: done });
  await setExportFiles(exportId, files);
  if (await finishExport(exportId, 'done', now().toISOString())) {
    await auditExport(programme.id, { actor: record.by, action: 'export-finished', outcome: 'allowed', exportId, changes: { files: files.map((f) => f.name), enrolments: done } });
    logger.info('export done', { exportId, enrolments: done });
  }
}

/**
 * The municipalities a user's exports and indicators cover: the programme's within the user's own. An evaluator
 * assigned to the programme without municipalities evaluates the programme as a whole.
 */
export function evaluatedMunicipalities(user: { roles: readonly string[]; municipalities: readonly string[] }, programme: Programme): string[] {
  if (user.roles.includes('evaluator') && user.municipalities.length === 0) return [...programme.municipalities];
  return programme.municipalities.filter((m) => user.municipalities.includes(m));
}

export async function failExport(exportId: string): Promise<void> {
  const record = await getExport(exportId);
  if (!record) return;
  if (await finishExport(exportId, 'failed', now().toISOString())) {
    await auditExport(record.programmeId, { actor: record.by, action: 'export-failed', outcome: 'allowed', exportId });
  }
}
