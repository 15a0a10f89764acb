import { adminManages, authenticated, inProgrammeScope, requireRole, type Caller } from '../app/access.js';
import { evaluatedMunicipalities, indicatorsView, programmeIndicators, recordExport } from '../app/exports.js';
import type { Export } from '../contract/exports.js';
import type { Programme } from '../contract/schemas.js';
import { monthOf } from '../domain/exports/panel.js';
import { dueMonth } from '../domain/exports/schedule.js';
import { copenhagenDate } from '../domain/working-days.js';
import { now } from '../platform/clock.js';
import { exportDownload } from '../platform/export-files.js';
import { notFound } from '../platform/errors.js';
import { apiHandler, type ApiResult } from '../platform/http.js';
import { auditExport, getExport, getExportSchedule, listExports, putExportSchedule } from '../store/exports.js';
import { getProgramme } from '../store/programmes.js';

/*
 * Evaluation exports and the steering dashboard's indicators (shared/api.md v2). Evaluators and leads of the
 * programme; nothing here names or shows a citizen.
 */

type Roles = readonly Parameters<typeof requireRole>[1][];

/** The programme if the caller may see it (assigned, or its admin), 404 otherwise; then the route's roles (403). */
async function programmeFor(caller: Caller, id: string, roles: Roles, what = 'programme'): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !(inProgrammeScope(caller, id) || adminManages(caller, programme.municipalities))) throw notFound(what);
  requireRole(caller, ...roles);
  return programme;
}

/** An export of a programme the caller evaluates, covering no municipality beyond the caller's; 404 otherwise. */
async function exportFor(caller: Caller, id: string, roles: Roles): Promise<Export> {
  const found = await getExport(id);
  if (!found) throw notFound('export');
  const programme = await programmeFor(caller, found.programmeId, roles, 'export');
  const mine = evaluatedMunicipalities(caller.user, programme);
  if (!found.municipalities.every((m) => mine.includes(m))) throw notFound('export');
  return found;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
};

export const handler = apiHandler({
  'POST /programmes/{id}/exports': authenticated(async (request, caller) => {
    const programme = await programmeFor(caller, request.params.id, request.route.roles);
    const record = await recordExport(programme, request.body, caller.user.username, evaluatedMunicipalities(caller.user, programme));
    return { status: 202, body: { id: record.id, status: record.status } };
  }),

  'GET /programmes/{id}/exports': authenticated(async (request, caller) => {
    const programme = await programmeFor(caller, request.params.id, request.route.roles);
    const mine = evaluatedMunicipalities(caller.user, programme);
    return { body: { items: (await listExports(programme.id)).filter((e) => e.municipalities.every((m) => mine.includes(m))) } };
  }),

  'GET /exports/{id}': authenticated(async (request, caller) => ({ body: await exportFor(caller, request.params.id, request.route.roles) })),

  'GET /exports/{id}/files/{name}': authenticated(async (request, caller): Promise<ApiResult> => {
    const found = await exportFor(caller, request.params.id, request.route.roles);
    const file = found.status === 'done' ? found.files.find((f) => f.name === request.params.name) : undefined;
    if (!file) throw notFound('file');
    await auditExport(found.programmeId, { actor: caller.user.username, action: 'export-downloaded', outcome: 'allowed', exportId: found.id, changes: { file: file.name } });
    const download = await exportDownload(`${found.id}/${file.name}`, file.name);
    if ('redirect' in download) {
      if (request.query.as === 'link') return { body: { url: download.redirect } };
      return { status: 302, body: '', contentType: 'text/plain', headers: { location: download.redirect } };
    }
    return {
      body: '',
      bytes: download.bytes,
      contentType: CONTENT_TYPES[file.name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      headers: { 'content-disposition': `attachment; filename="${file.name}"` },
    };
  }),

  'PUT /programmes/{id}/export-schedule': authenticated(async (request, caller) => {
    const programme = await programmeFor(caller, request.params.id, request.route.roles);
    const before = await getExportSchedule(programme.id);
    // A new schedule starts with the next day it names: the month due already counts as run.
    const lastRunMonth = before?.lastRunMonth ?? dueMonth(copenhagenDate(now()), request.body.dayOfMonth);
    const schedule = { ...request.body, programmeId: programme.id, lastRunMonth, by: caller.user.username, municipalities: evaluatedMunicipalities(caller.user, programme), at: now().toISOString() };
    await putExportSchedule(schedule);
    await auditExport(programme.id, { actor: caller.user.username, action: 'export-scheduled', outcome: 'allowed', changes: { ...request.body } });
    return { body: schedule };
  }),

  'GET /programmes/{id}/indicators': authenticated(async (request, caller) => {
    const programme = await programmeFor(caller, request.params.id, request.route.roles);
    const to = request.query.to ?? monthOf(now().toISOString());
    return { body: indicatorsView(programme, await programmeIndicators(programme, evaluatedMunicipalities(caller.user, programme), to, request.query.from)) };
  }),
});
