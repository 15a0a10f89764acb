import { randomUUID } from 'node:crypto';
import { adminManages, authenticated, inProgrammeScope, isMentorOf, requireRole, type Caller } from '../app/access.js';
import { now } from '../platform/clock.js';
import { cprLookupHash } from '../platform/cpr-vault.js';
import { enrolChunk, inParallel, municipalityProblem, municipalityRejection, newJourney } from '../app/enrolment.js';
import { config } from '../platform/env.js';
import { ApiError, conflict, forbidden, notFound } from '../platform/errors.js';
import { apiHandler, zodDetails } from '../platform/http.js';
import { startImport } from '../app/import-workflow.js';
import { journeyView } from '../app/journey-view.js';
import { type Programme, ProgrammeSettings } from '../contract/schemas.js';
import { parseEnrolmentCsv } from '../domain/enrolment-csv.js';
import { isRepeater } from '../domain/coordination.js';
import { copenhagenDate } from '../domain/working-days.js';
import { deadlinesOf } from '../domain/step-clock.js';
import { effectiveSettings, findTemplate, latestTemplate, latestTemplates, rulesOf, settingsDescription, stageIds, templateOf } from '../domain/templates/index.js';
import { auditEach } from '../store/audit.js';
import { ALREADY_ENROLLED, getImport, importRejections, storeImport, type ImportLine } from '../store/imports.js';
import { findJourneyByCpr, JOURNEYS_PER_TRANSACTION, queryOverview, readCounts, removeJourney, type StoredJourney } from '../store/journeys.js';
import { createProgramme, getProgramme, listProgrammes } from '../store/programmes.js';


/** The programme if the caller is assigned to it or manages it as an admin (see `adminManages`); 404 (as `what`) otherwise. */
async function visibleProgramme(caller: Caller, id: string, what = 'programme'): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !(adminManages(caller, programme.municipalities) || inProgrammeScope(caller, id))) throw notFound(what);
  return programme;
}

/**
 * An import that answers at once makes this many chunks at once, so DynamoDB always has one to write while
 * the others' workflows start. Their transactions all update the programme's counts: see `transactWrite`.
 */
const IMPORT_BATCHES_AT_ONCE = 4;

/**
 * Enrols the journeys of one chunk (`enrolChunk`) at once; a journey whose workflow cannot start is removed
 * again, so nothing is left half-made, and its line reported.
 */
async function enrolNow(programme: Programme, lines: ImportLine[]): Promise<{ created: number; rejected: { line: number; reason: string }[] }> {
  const batch = lines.filter((line) => 'journey' in line);
  const result = await enrolChunk(batch, rulesOf(programme));
  for (const made of result.notStarted) await removeJourney(made.journey, made.cprHash);
  const lineOf = (made: { journey: { id: string } }) => batch.find((line) => line.journey.id === made.journey.id)!.line;
  return {
    created: result.created.length - result.notStarted.length,
    rejected: [
      ...result.alreadyEnrolled.map((made) => ({ line: lineOf(made), reason: ALREADY_ENROLLED })),
      ...result.notStarted.map((made) => ({ line: lineOf(made), reason: 'The journey could not be started; import this line again.' })),
    ],
  };
}

export const handler = apiHandler({
  'POST /programmes': authenticated(async (request, caller) => {
    const input = request.body;
    if (!adminManages(caller, input.municipalities)) throw forbidden('you manage programmes of your own municipalities only');
    const template = input.templateVersion === undefined ? latestTemplate(input.template) : findTemplate(input.template, input.templateVersion);
    if (!template) throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'templateVersion', message: 'no such version of this template' }]);
    if (!template.available) {
      throw new ApiError('template-not-available', `template-not-available: the ${input.template} template is not built yet`);
    }
    const settings = effectiveSettings(template, input.settings);
    if (!settings.success) {
      throw new ApiError('invalid-input', 'the request is not valid', zodDetails(settings.error).map((d) => ({ ...d, path: `settings.${d.path}` })));
    }
    const programme: Programme = {
      id: randomUUID(),
      name: input.name,
      template: input.template,
      templateVersion: template.version,
      municipalities: [...new Set(input.municipalities)],
      settings: ProgrammeSettings.parse(settings.data),
      createdAt: now().toISOString(),
    };
    await createProgramme(programme);
    return { body: programme };
  }),

  'GET /programmes': authenticated(async (_request, caller) => {
    const all = await listProgrammes();
    return { body: { items: all.filter((p) => adminManages(caller, p.municipalities) || inProgrammeScope(caller, p.id)) } };
  }),

  // Every signed-in role may read the templates: they hold no citizen data.
  'GET /templates': authenticated(async () => ({
    body: {
      items: latestTemplates().map((t) => ({
        id: t.id,
        version: t.version,
        name: t.name,
        roles: t.roles,
        tracks: t.tracks.map((track) => ({ id: track.id, stages: track.stages.map((s) => s.id) })),
        groups: t.groups,
        settings: settingsDescription(t),
      })),
    },
  })),

  'GET /programmes/{id}': authenticated(async (request, caller) => ({
    body: await visibleProgramme(caller, request.params.id),
  })),

  'POST /programmes/{id}/enrolments': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const input = request.body;
    const problem = municipalityProblem(programme, caller, input.municipality);
    if (problem === 'not-in-programme') {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'municipality', message: 'not a municipality of this programme' }]);
    }
    if (problem === 'not-assigned') throw forbidden('you are not assigned to that municipality');
    const made = await newJourney(programme, caller.user.username, { ...input, cpr: input.cpr.cpr, birthDate: input.cpr.birthDate }, now().toISOString());
    const result = await enrolNow(programme, [{ line: 1, ...made }]);
    if (result.rejected[0]?.reason === ALREADY_ENROLLED) throw conflict('this citizen is already enrolled in the programme');
    if (result.created === 0) throw new Error('the journey workflow could not start');
    return { body: await journeyView(made.journey.id) };
  }),

  'POST /programmes/{id}/enrolments/import': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const parsed = parseEnrolmentCsv(request.rawBody);
    if (!parsed.ok) throw new ApiError('invalid-input', parsed.error, [{ path: '(body)', message: parsed.error }]);
    const at = now().toISOString();
    const lines = await Promise.all(
      [...parsed.rejected, ...parsed.rows]
        .sort((a, b) => a.line - b.line)
        .map(async (row): Promise<ImportLine> => {
          if (!('cpr' in row)) return row;
          const refused = municipalityRejection(programme, caller, row);
          if (refused) return refused;
          return { line: row.line, ...(await newJourney(programme, caller.user.username, row, at)) };
        }),
    );
    const chunks: ImportLine[][] = [];
    for (let i = 0; i < lines.length; i += JOURNEYS_PER_TRANSACTION) chunks.push(lines.slice(i, i + JOURNEYS_PER_TRANSACTION));

    if (lines.length > config.importSyncMaxLines) {
      const importId = randomUUID();
      const profile = { id: importId, programmeId: programme.id, by: caller.user.username, status: 'running' as const, total: lines.length, done: 0, created: 0, chunks: chunks.length, chunksStarted: 0, createdAt: at };
      await storeImport(profile, chunks);
      await startImport(importId);
      return { status: 202, body: { importId } };
    }

    let created = 0;
    const rejected = lines.flatMap((line) => ('reason' in line ? [line] : []));
    await inParallel(chunks, IMPORT_BATCHES_AT_ONCE, async (chunk) => {
      const result = await enrolNow(programme, chunk);
      created += result.created;
      rejected.push(...result.rejected);
    });
    rejected.sort((a, b) => a.line - b.line);
    return { body: { created, rejected } };
  }),

  'GET /imports/{id}': authenticated(async (request, caller) => {
    const id = request.params.id;
    const found = await getImport(id);
    if (!found) throw notFound('import');
    await visibleProgramme(caller, found.programmeId, 'import');
    return { body: { status: found.status, total: found.total, done: found.done, created: found.created, rejected: await importRejections(id) } };
  }),

  'GET /programmes/{id}/enrolments': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const query = request.query;
    const municipalities = programme.municipalities.filter(
      (m) => caller.user.municipalities.includes(m) && (!query.municipality || query.municipality === m),
    );
    const template = templateOf(programme);
    if (query.stage !== undefined && !stageIds(template).includes(query.stage)) {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'stage', message: `no stage ${query.stage} in the ${template.id} template` }]);
    }
    const at = now();
    const counts = await readCounts(programme.id, municipalities, template.groups);
    let journeys: StoredJourney[] = [];
    let cursor: string | null = null;
    if (query.cpr !== undefined) {
      const found = (await findJourneyByCpr(programme.id, await cprLookupHash(query.cpr.cpr))).journey;
      if (found && municipalities.includes(found.municipality)) journeys = [found];
    } else if (municipalities.length > 0) {
      const overdueAt = query.overdue === 'true' ? at.toISOString() : undefined;
      const page = await queryOverview(programme.id, { municipalities, colour: query.colour, stage: query.stage, overdueAt }, query.cursor);
      journeys = page.items;
      cursor = page.cursor;
    }
    // A mentor's overview lists their young people only (unless another role of theirs lists all).
    if (!caller.has(...request.route.roles.filter((r) => r !== 'mentor'))) journeys = journeys.filter((j) => isMentorOf(caller, j));
    const items = journeys.map((j) => ({
      id: j.id,
      name: j.name,
      cprMasked: j.cprMasked,
      municipality: j.municipality,
      template: j.template,
      colour: j.colour,
      stage: j.stage,
      primaryTovholder: j.primaryTovholder,
      contactPerson: j.contactPerson,
      ...deadlinesOf(j, rulesOf(programme, j), at),
      ...(j.coordination ? { repeater: isRepeater(j.coordination, copenhagenDate(at).slice(0, 7)) } : {}),
    }));
    const shown = query.overdue === 'true' ? items.filter((i) => i.overdue.length > 0) : items;
    // One entry per citizen listed, so the read shows in each citizen's own audit.
    await auditEach({ actor: caller.user.username, action: request.route.audit, outcome: 'allowed' }, shown.map((i) => i.id));
    return { body: { items: shown, counts, cursor } };
  }),
});
