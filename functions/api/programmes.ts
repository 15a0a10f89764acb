import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { authenticated, inProgrammeScope, requireRole, type Caller } from '../commons/access.js';
import { now } from '../commons/clock.js';
import { cprLookupHash, encryptCpr } from '../commons/cpr-vault.js';
import { ApiError, forbidden, notFound } from '../commons/errors.js';
import { apiHandler } from '../commons/http.js';
import { startJourney } from '../commons/journey-workflow.js';
import { journeyView } from '../commons/journey-view.js';
import { EnrolmentInput, OverviewQuery, type Programme, ProgrammeInput, ProgrammeSettings } from '../contract/schemas.js';
import { maskCpr, parseCpr } from '../domain/cpr.js';
import { audit } from '../store/audit.js';
import { createJourney, findEnrolmentIdByCpr, getJourney, queryOverview, readCounts, removeJourney, type StoredJourney } from '../store/journeys.js';
import { createProgramme, getProgramme, listProgrammes } from '../store/programmes.js';

const BUILT_TEMPLATES = new Set(['brug-for-alle']);
const OVERVIEW_ROLES = ['lead', 'tovholder', 'caseworker', 'care-manager'] as const;

/** The programme if the caller is assigned to it (admins manage every programme); 404 otherwise. */
async function visibleProgramme(caller: Caller, id: string): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !(caller.has('admin') || inProgrammeScope(caller, id))) throw notFound('programme');
  return programme;
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
    if (!programme.municipalities.includes(input.municipality)) {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'municipality', message: 'not a municipality of this programme' }]);
    }
    if (!caller.user.municipalities.includes(input.municipality)) throw forbidden('you are not assigned to that municipality');

    const at = now().toISOString();
    const hash = await cprLookupHash(cpr.cpr);
    const journey: StoredJourney = {
      id: randomUUID(),
      programmeId: programme.id,
      municipality: input.municipality,
      name: input.name,
      cprEncrypted: await encryptCpr(cpr.cpr),
      cprMasked: maskCpr(cpr.cpr),
      birthDate: cpr.birthDate,
      phone: input.phone ?? null,
      email: input.email ?? null,
      colour: null,
      stage: 'screening',
      stageEnteredAt: at,
      baseline: null,
      screening: null,
      exitReason: null,
      primaryTovholder: null,
      secondaryTovholder: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await createJourney(journey, hash, { at, kind: 'enrolled', by: caller.user.username, summary: 'Enrolled in the programme' });
    try {
      await startJourney(journey.id);
    } catch (error) {
      await removeJourney(journey, hash);
      throw error;
    }
    await audit({ actor: caller.user.username, action: 'enrol', outcome: 'allowed', enrolmentIds: [journey.id] });
    return { body: await journeyView(journey.id) };
  }),

  'GET /programmes/{id}/enrolments': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params['id'] ?? '');
    requireRole(caller, ...OVERVIEW_ROLES);
    const query = request.query as z.output<typeof OverviewQuery>;
    const municipalities = programme.municipalities.filter(
      (m) => caller.user.municipalities.includes(m) && (!query.municipality || query.municipality === m),
    );
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
      const page = await queryOverview(programme.id, { municipalities, colour: query.colour, stage: query.stage }, query.cursor);
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
      nextDeadline: null,
      overdue: [],
    }));
    const shown = query.overdue === 'true' ? items.filter((i) => i.overdue.length > 0) : items;
    await audit({ actor: caller.user.username, action: 'overview', outcome: 'allowed', enrolmentIds: shown.map((i) => i.id) });
    return { body: { items: shown, counts, cursor } };
  }),
});
