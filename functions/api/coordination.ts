import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { authenticated, inProgrammeScope, requireRole, visibleJourney, type Caller } from '../app/access.js';
import { assignResponsible, keepEntry, responsibleFor, youthSettings } from '../app/coordination.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import { municipalityRejection } from '../app/enrolment.js';
import { startImport } from '../app/import-workflow.js';
import type { CoordinationList, Guardian } from '../contract/coordination.js';
import type { Plan } from '../contract/plan.js';
import type { Programme } from '../contract/schemas.js';
import { maskCpr } from '../contract/cpr.js';
import { ageOn, ageProblem, couldNotBeContacted, goalProgress, indicatorsOf, previousMonth } from '../domain/coordination.js';
import { parseEnrolmentCsv } from '../domain/enrolment-csv.js';
import { templateOf } from '../domain/templates/index.js';
import { copenhagenDate } from '../domain/working-days.js';
import { now } from '../platform/clock.js';
import { cprLookupHash, encryptCpr } from '../platform/cpr-vault.js';
import { config } from '../platform/env.js';
import { ApiError, conflict, notFound, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { audit, auditEach } from '../store/audit.js';
import {
  contactAttemptsOf,
  createActor,
  createList,
  entryUpdate,
  listActors,
  listIdOfMonth,
  listsOf,
  newEntryId,
  previousMeetingAt,
  readList,
  recordMeeting,
  refreshListCounts,
  writeEntries,
  type StoredEntry,
  type StoredList,
} from '../store/coordination-lists.js';
import { importRejections, storeImport, type ImportLine } from '../store/imports.js';
import { getJourney, JOURNEYS_PER_TRANSACTION, journeysHeldBy, readCounts, saveJourney, tovholderPointers } from '../store/journeys.js';
import { notifyOnce } from '../store/notifications.js';
import { getOffer } from '../store/offers.js';
import { latestRevision, putRevision } from '../store/plans.js';
import { getProgramme } from '../store/programmes.js';
import { getUser } from '../store/users.js';

const NOT_IN_TEMPLATE = (what: string) => new ApiError('not-in-template', `not-in-template: this programme's template has no ${what}`);
const invalid = (path: string, message: string) => new ApiError('invalid-input', 'the request is not valid', [{ path, message }]);

/** A youth-coordination programme the caller is assigned to (404 otherwise), with one of the route's roles. */
async function coordinationProgramme(caller: Caller, id: string, roles: readonly Parameters<typeof requireRole>[1][]): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !inProgrammeScope(caller, id)) throw notFound('programme');
  requireRole(caller, ...roles);
  if (programme.template !== 'youth-coordination') throw NOT_IN_TEMPLATE('coordination lists');
  return programme;
}

/** A list of a programme the caller works in (404 for anyone else). */
async function visibleList(caller: Caller, listId: string, roles: readonly Parameters<typeof requireRole>[1][]) {
  const read = await readList(listId);
  if (!read || !inProgrammeScope(caller, read.list.programmeId)) throw notFound('coordination list');
  const programme = await coordinationProgramme(caller, read.list.programmeId, roles);
  return { ...read, programme };
}

const entryView = (e: StoredEntry) => ({
  entryId: e.entryId,
  line: e.line,
  name: e.name,
  cprMasked: e.cprMasked,
  municipality: e.municipality,
  status: e.status,
  monthsOnList: e.monthsOnList,
  repeater: e.repeater,
  responsible: e.responsible,
  enrolmentId: e.enrolmentId,
});

/** The list as the caller may see it: the entries of their municipalities; a read of kept young people is audited per journey. */
async function listView(caller: Caller, list: StoredList, entries: StoredEntry[], action: string): Promise<z.infer<typeof CoordinationList>> {
  const mine = entries.filter((e) => caller.user.municipalities.includes(e.municipality)).sort((a, b) => a.line - b.line);
  const enrolled = mine.flatMap((e) => (e.enrolmentId ? [e.enrolmentId] : []));
  if (enrolled.length) await auditEach({ actor: caller.user.username, action, outcome: 'allowed' }, enrolled);
  return {
    id: list.id,
    programmeId: list.programmeId,
    month: list.month,
    entries: mine.map(entryView),
    rejected: list.importId ? await importRejections(list.importId) : list.rejected,
    meeting: list.meeting,
    createdAt: list.createdAt,
    by: list.by,
  };
}

export const handler = apiHandler({
  'POST /programmes/{id}/coordination-lists': authenticated(async (request, caller) => {
    const programme = await coordinationProgramme(caller, request.params.id, request.route.roles);
    const { month } = request.query;
    const existing = await listIdOfMonth(programme.id, month);
    if (existing && request.query.replace !== 'true') throw conflict(`there is a list for ${month} already; send it with replace=true to replace it`);
    const parsed = parseEnrolmentCsv(request.rawBody);
    if (!parsed.ok) throw new ApiError('invalid-input', parsed.error, [{ path: '(body)', message: parsed.error }]);
    const settings = youthSettings(programme);
    // The previous month's kept entries make this month's repeaters (proposed; a kept entry counts from its journey).
    const previousId = await listIdOfMonth(programme.id, previousMonth(month));
    const previous = previousId ? await readList(previousId) : undefined;
    const keptBefore = new Map((previous?.entries ?? []).flatMap((e) => (e.status === 'kept' && e.cprHash ? [[e.cprHash, e] as const] : [])));
    const listId = randomUUID();
    const lines = await Promise.all(
      [...parsed.rejected, ...parsed.rows]
        .sort((a, b) => a.line - b.line)
        .map(async (row): Promise<ImportLine> => {
          if (!('cpr' in row)) return row;
          const refused = municipalityRejection(programme, caller, row);
          if (refused) return refused;
          const tooOld = ageProblem(row.birthDate, month, settings);
          if (tooOld) return { line: row.line, reason: tooOld };
          const cprHash = await cprLookupHash(row.cpr);
          const before = keptBefore.get(cprHash);
          const entry: StoredEntry = {
            listId,
            entryId: newEntryId(),
            line: row.line,
            municipality: row.municipality,
            status: 'proposed',
            name: row.name,
            cprEncrypted: await encryptCpr(row.cpr),
            cprHash,
            cprMasked: maskCpr(row.cpr),
            birthDate: row.birthDate,
            monthsOnList: before ? before.monthsOnList + 1 : 1,
            repeater: before !== undefined,
            responsible: null,
            enrolmentId: null,
            couldNotBeContacted: false,
          };
          return { line: row.line, entry };
        }),
    );
    const at = now().toISOString();
    const by = { username: caller.user.username, name: caller.user.name };
    const rejected = lines.flatMap((l) => ('reason' in l ? [{ line: l.line, reason: l.reason }] : []));
    const entries = lines.flatMap((l) => ('entry' in l ? [l.entry] : []));
    const dataLines = lines.length;
    if (dataLines > config.importSyncMaxLines) {
      // The import workflow's 202 path: the lines are stored ready, and its chunks write the entries.
      const importId = randomUUID();
      const chunks: ImportLine[][] = [];
      for (let i = 0; i < lines.length; i += JOURNEYS_PER_TRANSACTION) chunks.push(lines.slice(i, i + JOURNEYS_PER_TRANSACTION));
      await createList({ id: listId, programmeId: programme.id, month, rejected: [], importId, meeting: null, createdAt: at, by }, [], existing);
      await storeImport({ id: importId, programmeId: programme.id, kind: 'coordination-list', by: caller.user.username, status: 'running', total: lines.length, done: 0, created: 0, chunks: chunks.length, chunksStarted: 0, createdAt: at }, chunks);
      await startImport(importId);
      return { status: 202, body: { importId, listId } };
    }
    const list: StoredList = { id: listId, programmeId: programme.id, month, rejected, importId: null, meeting: null, createdAt: at, by };
    await createList(list, entries, existing);
    return { body: await listView(caller, list, entries, request.route.audit) };
  }),

  'GET /coordination-lists/{id}': authenticated(async (request, caller) => {
    const { list, entries } = await visibleList(caller, request.params.id, request.route.roles);
    return { body: await listView(caller, list, entries, request.route.audit) };
  }),

  'PATCH /coordination-lists/{id}/entries/{entryId}': authenticated(async (request, caller) => {
    const { list, entries, programme } = await visibleList(caller, request.params.id, request.route.roles);
    const entry = entries.find((e) => e.entryId === request.params.entryId && caller.user.municipalities.includes(e.municipality));
    if (!entry) throw notFound('entry');
    const input = request.body;
    if (entry.status === 'misplaced') throw conflict('the entry was found misplaced; its young person is no longer on the list');
    if (input.status === 'misplaced') {
      if (entry.status === 'kept') throw conflict('a kept entry has its journey; record its outcome there instead');
      const erased: StoredEntry = { ...entry, status: 'misplaced', name: null, cprEncrypted: null, cprHash: null, cprMasked: null, birthDate: null };
      await writeEntries([entryUpdate(entry, { status: 'misplaced' }, ['name', 'cprEncrypted', 'cprHash', 'cprMasked', 'birthDate'])]);
      await refreshListCounts(programme.id, programme.municipalities, list, entries.map((e) => (e === entry ? erased : e)));
      return { body: { ...entryView(erased), stage: null } };
    }
    if (input.responsible === undefined) throw invalid('responsible', 'a kept entry needs a responsible');
    const responsible = await responsibleFor(input.responsible, { programmeId: programme.id, municipality: entry.municipality }, programme);
    const kept = await keepEntry(programme, list, entry, responsible, caller.user.username);
    await audit({ actor: caller.user.username, action: request.route.audit, outcome: 'allowed', enrolmentIds: [kept.journey.id] });
    await refreshListCounts(programme.id, programme.municipalities, list, entries.map((e) => (e === entry ? kept.entry : e)));
    return { body: { ...entryView(kept.entry), stage: kept.journey.stage } };
  }),

  'POST /coordination-lists/{id}/meeting': authenticated(async (request, caller) => {
    const { list, entries, programme } = await visibleList(caller, request.params.id, request.route.roles);
    const input = request.body;
    if (list.meeting) throw conflict("this list's meeting is recorded already");
    const kept = entries.filter((e) => e.status === 'kept' && e.enrolmentId);
    const details = input.notReached.flatMap((id, i) => (kept.some((e) => e.entryId === id) ? [] : [{ path: `notReached.${i}`, message: 'not a kept entry of this list' }]));
    const attendees = await Promise.all(input.attendees.map((u) => getUser(u)));
    attendees.forEach((u, i) => {
      if (!u || !u.active || !u.programmes.includes(programme.id)) details.push({ path: `attendees.${i}`, message: 'no active user of this programme by that name' });
    });
    if (details.length) throw new ApiError('invalid-input', 'the request is not valid', details);
    const since = await previousMeetingAt(programme.id, list.month);
    const attempts = await Promise.all(kept.map((e) => contactAttemptsOf(e.enrolmentId!)));
    const indicators = indicatorsOf(kept.map((e, i) => ({ repeater: e.repeater, attempts: attempts[i]! })), since);
    const unreachable = kept.filter((_, i) => couldNotBeContacted(attempts[i]!, since));
    const by = { username: caller.user.username, name: caller.user.name };
    await recordMeeting(list, { heldAt: input.heldAt, attendees: attendees.map((u) => ({ username: u!.username, name: u!.name })), notReached: input.notReached, indicators, by }, unreachable);
    // The group's record that nobody could reach the young person: what a sanction assessment needs.
    for (const entryId of new Set(input.notReached)) {
      const journey = await getJourney(kept.find((e) => e.entryId === entryId)!.enrolmentId!);
      if (!journey?.coordination || journey.coordination.notReachedOn.includes(list.id)) continue;
      const at = now().toISOString();
      await saveJourney(journey, { ...journey, coordination: { ...journey.coordination, notReachedOn: [...journey.coordination.notReachedOn, list.id] }, updatedAt: at }, [
        { at, kind: 'not-reached', by: caller.user.username, summary: `The coordination group's meeting of ${list.month}: neither its members nor the outreach workers could make contact` },
      ]);
    }
    await audit({ actor: caller.user.username, action: request.route.audit, outcome: 'allowed', enrolmentIds: [] });
    await refreshListCounts(programme.id, programme.municipalities, list, entries.map((e) => (unreachable.includes(e) ? { ...e, couldNotBeContacted: true } : e)));
    return { body: { indicators } };
  }),

  'GET /programmes/{id}/coordination-lists': authenticated(async (request, caller) => {
    const programme = await coordinationProgramme(caller, request.params.id, request.route.roles);
    const lists = await listsOf(programme.id, request.query.from, request.query.to);
    const items = await Promise.all(
      lists.map(async (list) => {
        const entries = (await readList(list.id))?.entries ?? [];
        const count = (status: StoredEntry['status']) => entries.filter((e) => e.status === status).length;
        return { month: list.month, listId: list.id, kept: count('kept'), misplaced: count('misplaced'), proposed: count('proposed'), meetingHeldAt: list.meeting?.heldAt ?? null, indicators: list.meeting?.indicators ?? null };
      }),
    );
    const municipalities = programme.municipalities.filter((m) => caller.user.municipalities.includes(m));
    const counts = await readCounts(programme.id, municipalities, templateOf(programme).groups);
    const enrolled = (counts['rest-group'] ?? 0) + (counts['education-or-job'] ?? 0) + (counts['left'] ?? 0);
    return { body: { items, goal: goalProgress(enrolled, counts['education-or-job'] ?? 0, youthSettings(programme).goalJobOrEducationPercent / 100) } };
  }),

  'PUT /enrolments/{id}/guardians': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    if (journey.template !== 'youth-coordination') throw NOT_IN_TEMPLATE('guardians');
    if (journey.stage === 'closed') throw ruleViolated('journey-closed', 'the journey is closed');
    if (ageOn(journey.birthDate, copenhagenDate(now())) >= 18) {
      throw ruleViolated('guardians-under-18', 'guardians are recorded for a young person under 18');
    }
    const guardians: Guardian[] = request.body.map((g) => ({ name: g.name, phone: g.phone ?? null, email: g.email ?? null, relation: g.relation }));
    const at = now().toISOString();
    await saveJourney(journey, { ...journey, guardians, updatedAt: at }, [{ at, kind: 'guardians', by: caller.user.username, summary: `Guardians recorded (${guardians.length})` }]);
    return { body: { guardians, stage: journey.stage } };
  }),

  'POST /enrolments/{id}/praktik-generator': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    if (journey.template !== 'youth-coordination') throw NOT_IN_TEMPLATE('Praktik-generator');
    const praktik = journey.coordination?.praktik;
    if (!journey.coordination || !praktik?.proposedAt) throw ruleViolated('praktik-not-proposed', 'the young person has not been proposed for the Praktik-generator');
    if (praktik.confirmedAt) throw conflict('the Praktik-generator is on the plan already');
    const programme = (await getProgramme(journey.programmeId))!;
    const offerId = youthSettings(programme).praktikGeneratorOfferId;
    const offer = offerId ? await getOffer(offerId) : undefined;
    if (!offer) throw ruleViolated('praktik-offer-not-set', "the programme's settings name no Praktik-generator offer of the catalogue");
    const previous = await latestRevision(journey.id, 'PLAN');
    const at = now();
    const interventionId = randomUUID();
    const plan: Plan = {
      version: (previous?.version ?? 0) + 1,
      goal: previous?.goal ?? 'Uddannelse eller job',
      citizenAgreed: previous?.citizenAgreed ?? false,
      interventions: [
        ...(previous?.interventions ?? []),
        {
          id: interventionId,
          domain: offer.domain,
          title: offer.name,
          offerId: offer.id,
          responsible: journey.primaryTovholder?.name ?? caller.user.name,
          startMonth: copenhagenDate(at).slice(0, 7),
          endMonth: null,
          mode: 'group',
          goalKind: 'outcome',
          goal: 'En praktikplads',
        },
      ],
      by: caller.user.username,
      at: at.toISOString(),
    };
    const decided = decideOrRefuse(journey, { kind: 'plan', by: caller.user.username, version: plan.version, interventions: plan.interventions.length }, at);
    const confirmed = { ...praktik, confirmedAt: at.toISOString(), interventionId };
    const after = { ...decided.journey, coordination: { ...journey.coordination, praktik: confirmed } };
    await saveJourney(journey, after, [...decided.events, { at: at.toISOString(), kind: 'praktik-generator', by: caller.user.username, summary: 'The Praktik-generator is on the plan: the young person can get an internship place' }], [putRevision(journey.id, 'PLAN', plan)]);
    await followDecision(journey, decided);
    return { body: { praktik: confirmed, planVersion: plan.version, stage: after.stage } };
  }),

  'POST /programmes/{id}/actors': authenticated(async (request, caller) => {
    const programme = await coordinationProgramme(caller, request.params.id, request.route.roles);
    const input = request.body;
    const actor = { id: randomUUID(), name: input.name, organisation: input.organisation, role: input.role, phone: input.phone ?? null, email: input.email ?? null, offers: input.offers, by: { username: caller.user.username, name: caller.user.name }, at: now().toISOString() };
    await createActor(programme.id, actor);
    return { body: actor };
  }),

  'GET /programmes/{id}/actors': authenticated(async (request, caller) => {
    const programme = await coordinationProgramme(caller, request.params.id, request.route.roles);
    return { body: { items: await listActors(programme.id) } };
  }),

  'POST /programmes/{id}/reassignments': authenticated(async (request, caller) => {
    const programme = await getProgramme(request.params.id);
    if (!programme || !inProgrammeScope(caller, programme.id)) throw notFound('programme');
    requireRole(caller, ...request.route.roles);
    const input = request.body;
    const kinds = new Set(input.responsibilities ?? ['primary-tovholder', 'secondary-tovholder', 'list-responsible']);
    const primary = kinds.has('primary-tovholder') || kinds.has('list-responsible');
    const secondary = kinds.has('secondary-tovholder');
    const to = await getUser(input.to);
    const by = caller.user.username;
    let moved = 0;
    let first: string | undefined;
    for (const id of await journeysHeldBy(input.from)) {
      const journey = await getJourney(id);
      if (!journey || journey.programmeId !== programme.id || journey.stage === 'closed') continue;
      if (!caller.user.municipalities.includes(journey.municipality) || (input.municipality && journey.municipality !== input.municipality)) continue;
      const movesPrimary = primary && journey.primaryTovholder?.username === input.from;
      const movesSecondary = secondary && journey.secondaryTovholder?.username === input.from;
      if (!movesPrimary && !movesSecondary) continue;
      const person = (await responsibleFor(input.to, journey, programme)) && { username: to!.username, name: to!.name };
      if (movesPrimary && !movesSecondary && journey.template === 'youth-coordination') {
        await assignResponsible(journey, person, by);
      } else {
        const at = now().toISOString();
        const after = { ...journey, primaryTovholder: movesPrimary ? person : journey.primaryTovholder, secondaryTovholder: movesSecondary ? person : journey.secondaryTovholder, needsTovholderSince: null, updatedAt: at };
        await saveJourney(journey, after, [{ at, kind: 'reassigned', by, summary: `Reassigned from ${input.from} to ${input.to}` }], tovholderPointers(journey, [after.primaryTovholder, after.secondaryTovholder]));
      }
      await audit({ actor: by, action: request.route.audit, outcome: 'allowed', enrolmentIds: [journey.id] });
      first ??= journey.id;
      moved++;
    }
    // One notice for the whole caseload, not one per young person.
    if (first && to) await notifyOnce({ enrolmentId: first, kind: 'caseload-assigned', dueAt: now().toISOString(), subject: `reassignment:${randomUUID()}`, recipients: [to] });
    return { body: { moved } };
  }),
});
