import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { authenticated, inProgrammeScope, requireRole, type Caller } from '../commons/access.js';
import { now } from '../commons/clock.js';
import { cprLookupHash, encryptCpr } from '../commons/cpr-vault.js';
import { ApiError, conflict, forbidden, notFound } from '../commons/errors.js';
import { apiHandler } from '../commons/http.js';
import { startJourney } from '../commons/journey-workflow.js';
import { journeyView } from '../commons/journey-view.js';
import { EnrolmentInput, OverviewQuery, type Programme, ProgrammeInput, ProgrammeSettings } from '../contract/schemas.js';
import { maskCpr, parseCpr } from '../domain/cpr.js';
import { parseEnrolmentCsv } from '../domain/enrolment-csv.js';
import { deadlinesOf, overdueFrom } from '../domain/step-clock.js';
import { audit, auditEach } from '../store/audit.js';
import { createJourneys, findEnrolmentIdByCpr, JOURNEYS_PER_TRANSACTION, type NewJourney, getJourney, queryOverview, readCounts, removeJourney, type StoredJourney } from '../store/journeys.js';
import { createProgramme, getProgramme, listProgrammes } from '../store/programmes.js';

const BUILT_TEMPLATES = new Set(['brug-for-alle']);
const OVERVIEW_ROLES = ['lead', 'tovholder', 'caseworker', 'care-manager'] as const;

/** The programme if the caller is assigned to it (admins manage every programme); 404 otherwise. */
async function visibleProgramme(caller: Caller, id: string): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !(caller.has('admin') || inProgrammeScope(caller, id))) throw notFound('programme');
  return programme;
}

const WORKFLOW_STARTS_AT_ONCE = 8;
/**
 * An import makes this many batches at once, so DynamoDB always has one to write while the others' workflows
 * start: one batch at a time left the import waiting on DynamoDB for most of its time. Their transactions all
 * update the programme's counts: see `transactWrite`.
 */
const IMPORT_BATCHES_AT_ONCE = 4;

type MunicipalityProblem = 'not-in-programme' | 'not-assigned' | null;

function municipalityProblem(programme: Programme, caller: Caller, municipality: string): MunicipalityProblem {
  if (!programme.municipalities.includes(municipality)) return 'not-in-programme';
  if (!caller.user.municipalities.includes(municipality)) return 'not-assigned';
  return null;
}

interface Citizen {
  cpr: string;
  birthDate: string;
  name: string;
  municipality: string;
  phone?: string;
  email?: string;
}

async function newJourney(programme: Programme, caller: Caller, citizen: Citizen, at: string): Promise<NewJourney> {
  return {
    cprHash: await cprLookupHash(citizen.cpr),
    journey: {
      id: randomUUID(),
      programmeId: programme.id,
      municipality: citizen.municipality,
      name: citizen.name,
      cprEncrypted: await encryptCpr(citizen.cpr),
      cprMasked: maskCpr(citizen.cpr),
      birthDate: citizen.birthDate,
      phone: citizen.phone ?? null,
      email: citizen.email ?? null,
      colour: null,
      stage: 'screening',
      stageEnteredAt: at,
      baseline: null,
      screening: null,
      exitReason: null,
      primaryTovholder: null,
      secondaryTovholder: null,
      needsTovholderSince: null,
      deadlineAt: overdueFrom('screening', new Date(at), programme.settings),
      outcome: null,
      enrolledBy: caller.user.username,
      legalHold: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
  };
}

/**
 * Enrols citizens: journeys, CPR lookups and counts in one transaction per batch, then each
 * journey's workflow. A journey whose workflow cannot start is removed again: nothing is left half-made.
 */
async function enrol(programme: Programme, caller: Caller, citizens: Citizen[]) {
  const at = now().toISOString();
  const batch = await Promise.all(citizens.map((citizen) => newJourney(programme, caller, citizen, at)));
  const { created, alreadyEnrolled } = await createJourneys(batch);
  const notStarted: NewJourney[] = [];
  await inParallel(created, WORKFLOW_STARTS_AT_ONCE, async (made) => {
    try {
      await startJourney(made.journey, programme.settings);
    } catch {
      await removeJourney(made.journey, made.cprHash);
      notStarted.push(made);
    }
  });
  const started = created.filter((made) => !notStarted.includes(made));
  await auditEach({ actor: caller.user.username, action: 'enrol', outcome: 'allowed' }, started.map((made) => made.journey.id));
  const indexOf = (made: NewJourney) => batch.indexOf(made);
  return { started: started.map(indexOf), alreadyEnrolled: alreadyEnrolled.map(indexOf), notStarted: notStarted.map(indexOf), ids: batch.map((b) => b.journey.id) };
}

/** Runs `work` on every item, `lanes` at a time; after a failure no lane takes another item, and it throws once all stopped. */
async function inParallel<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
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

export const handler = apiHandler({
  'POST /programmes': authenticated(async (request, caller) => {
    requireRole(caller, 'admin');
    const input = request.body as z.output<typeof ProgrammeInput>;
    if (!BUILT_TEMPLATES.has(input.template)) {
      throw new ApiError('template-not-available', `template-not-available: the ${input.template} template is not built yet`);
    }
    const programme: Programme = {
      id: randomUUID(),
      name: input.name,
      template: input.template,
      municipalities: [...new Set(input.municipalities)],
      settings: ProgrammeSettings.parse(input.settings ?? {}),
      createdAt: now().toISOString(),
    };
    await createProgramme(programme);
    return { body: programme };
  }),

  'GET /programmes': authenticated(async (_request, caller) => {
    const all = await listProgrammes();
    return { body: { items: all.filter((p) => caller.has('admin') || inProgrammeScope(caller, p.id)) } };
  }),

  'GET /programmes/{id}': authenticated(async (request, caller) => ({
    body: await visibleProgramme(caller, request.params['id'] ?? ''),
  })),

  'POST /programmes/{id}/enrolments': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params['id'] ?? '');
    requireRole(caller, 'lead');
    const input = request.body as z.output<typeof EnrolmentInput>;
    const cpr = parseCpr(input.cpr);
    if (!cpr.ok) throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'cpr', message: cpr.reason }]);
    const problem = municipalityProblem(programme, caller, input.municipality);
    if (problem === 'not-in-programme') {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'municipality', message: 'not a municipality of this programme' }]);
    }
    if (problem === 'not-assigned') throw forbidden('you are not assigned to that municipality');
    const result = await enrol(programme, caller, [{ ...input, cpr: cpr.cpr, birthDate: cpr.birthDate }]);
    if (result.alreadyEnrolled.length) throw conflict('this citizen is already enrolled in the programme');
    if (result.notStarted.length) throw new Error('the journey workflow could not start');
    return { body: await journeyView(result.ids[0]!) };
  }),

  'POST /programmes/{id}/enrolments/import': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params['id'] ?? '');
    requireRole(caller, 'lead');
    const parsed = parseEnrolmentCsv(request.rawBody);
    if (!parsed.ok) throw new ApiError('invalid-input', parsed.error, [{ path: '(body)', message: parsed.error }]);
    const rejected = [...parsed.rejected];
    const accepted = parsed.rows.filter((row) => {
      const problem = municipalityProblem(programme, caller, row.municipality);
      if (problem) rejected.push({ line: row.line, reason: problem === 'not-in-programme' ? `Municipality ${row.municipality} is not part of this programme.` : `You are not assigned to municipality ${row.municipality}.` });
      return !problem;
    });
    let created = 0;
    const batches: (typeof accepted)[] = [];
    for (let i = 0; i < accepted.length; i += JOURNEYS_PER_TRANSACTION) batches.push(accepted.slice(i, i + JOURNEYS_PER_TRANSACTION));
    await inParallel(batches, IMPORT_BATCHES_AT_ONCE, async (rows) => {
      const result = await enrol(programme, caller, rows);
      created += result.started.length;
      for (const index of result.alreadyEnrolled) rejected.push({ line: rows[index]!.line, reason: 'This citizen is already enrolled in the programme.' });
      for (const index of result.notStarted) rejected.push({ line: rows[index]!.line, reason: 'The journey could not be started; import this line again.' });
    });
    rejected.sort((a, b) => a.line - b.line);
    return { body: { created, rejected } };
  }),

  'GET /programmes/{id}/enrolments': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params['id'] ?? '');
    requireRole(caller, ...OVERVIEW_ROLES);
    const query = request.query as z.output<typeof OverviewQuery>;
    const municipalities = programme.municipalities.filter(
      (m) => caller.user.municipalities.includes(m) && (!query.municipality || query.municipality === m),
    );
    const at = now();
    const counts = await readCounts(programme.id, municipalities);
    let journeys: StoredJourney[] = [];
    let cursor: string | null = null;
    if (query.cpr !== undefined) {
      const cpr = parseCpr(query.cpr);
      if (!cpr.ok) throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'cpr', message: cpr.reason }]);
      const id = await findEnrolmentIdByCpr(programme.id, await cprLookupHash(cpr.cpr));
      const found = id ? await getJourney(id) : undefined;
      if (found && municipalities.includes(found.municipality)) journeys = [found];
    } else if (municipalities.length > 0) {
      const overdueAt = query.overdue === 'true' ? at.toISOString() : undefined;
      const page = await queryOverview(programme.id, { municipalities, colour: query.colour, stage: query.stage, overdueAt }, query.cursor);
      journeys = page.items;
      cursor = page.cursor;
    }
    const items = journeys.map((j) => ({
      id: j.id,
      name: j.name,
      cprMasked: j.cprMasked,
      municipality: j.municipality,
      colour: j.colour,
      stage: j.stage,
      primaryTovholder: j.primaryTovholder,
      ...deadlinesOf(j, programme.settings, at),
    }));
    const shown = query.overdue === 'true' ? items.filter((i) => i.overdue.length > 0) : items;
    await audit({ actor: caller.user.username, action: 'overview', outcome: 'allowed', enrolmentIds: shown.map((i) => i.id) });
    return { body: { items: shown, counts, cursor } };
  }),
});
