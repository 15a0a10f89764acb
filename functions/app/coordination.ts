import type { Programme, User } from '../contract/schemas.js';
import { YouthCoordinationSettings } from '../domain/templates/youth-coordination.js';
import { keptOn, praktikDue, runOnList } from '../domain/coordination.js';
import { decide } from '../domain/decide.js';
import { tovholderProblem } from '../domain/journey.js';
import { recipientsOf } from '../domain/recipients.js';
import { responsibleRolesOf, rulesOf, templateOf, trackOf } from '../domain/templates/index.js';
import { now } from '../platform/clock.js';
import { decryptCpr } from '../platform/cpr-vault.js';
import { ApiError, conflict, ruleViolated } from '../platform/errors.js';
import { entryUpdate, writeEntries, type StoredEntry, type StoredList } from '../store/coordination-lists.js';
import { createJourneys, findEnrolmentIdByCpr, getJourney, OutcomeRefused, removeJourney, saveJourney, tovholderPointers, type StoredJourney } from '../store/journeys.js';
import { notifyOnce } from '../store/notifications.js';
import { getUser, listUsers } from '../store/users.js';
import { followDecision } from './decide.js';
import { newJourney, startJourneys } from './enrolment.js';

/*
 * Youth coordination's steps that touch journeys: a kept entry enrols its young person (or joins their
 * journey) with a responsible, the Praktik-generator is proposed, a reached contact attempt is the first
 * contact. The list itself is the store's (store/coordination-lists.ts); the rules are domain/coordination.ts.
 */

export const youthSettings = (programme: Pick<Programme, 'settings'>) => YouthCoordinationSettings.parse(programme.settings);

/** Records a reached contact attempt as the journey's `contact` step where its template has one; returns the stage. */
export async function recordContact(journey: StoredJourney, by: string): Promise<string> {
  const template = templateOf(journey);
  if (!trackOf(template).paths.some((p) => p.on === 'contact' && p.from === journey.stage)) return journey.stage;
  const decided = decide(template, journey, { kind: 'contact', by }, now());
  if (!decided.ok || decided.journey.stage === journey.stage) return journey.stage;
  await saveJourney(journey, decided.journey, decided.events);
  await followDecision(journey, decided);
  return decided.journey.stage;
}

/** The user `username` as a young person's responsible: active staff of the programme and municipality with a responsible role. */
export async function responsibleFor(username: string, journey: { programmeId: string; municipality: string }, programme: Programme): Promise<User> {
  const user = await getUser(username);
  const problem = tovholderProblem(user, journey, responsibleRolesOf(templateOf(programme)));
  if (problem) throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'responsible', message: problem }]);
  return user!;
}

type Kept = { entry: StoredEntry; journey: StoredJourney };

/** A kept entry's CPR lives on in its journey: the list keeps only the lookup hash (next month's repeaters). */
const KEPT_ERASES: (keyof StoredEntry)[] = ['cprEncrypted', 'birthDate'];

/**
 * Keeps a proposed entry: its young person is enrolled with the responsible as the journey's primary
 * tovholder (the entry's change in the same transaction), or joins their journey of this programme, whose
 * time on the lists grows by this month. A young person in the rest group long enough is proposed for the
 * Praktik-generator's offer (`offer-proposed` to the responsible, once).
 */
export async function keepEntry(programme: Programme, list: StoredList, entry: StoredEntry, responsible: User, by: string): Promise<Kept> {
  const person = { username: responsible.username, name: responsible.name };
  const at = now().toISOString();
  if (entry.status === 'kept') {
    if (!entry.enrolmentId) throw new Error('a kept entry names its journey');
    const journey = await getJourney(entry.enrolmentId);
    if (!journey) throw conflict('the journey of this entry is gone');
    const moved = journey.primaryTovholder?.username === person.username ? journey : await assignResponsible(journey, person, by);
    await writeEntries([entryUpdate(entry, { responsible: person })]);
    return { entry: { ...entry, responsible: person }, journey: moved };
  }
  if (!entry.cprHash || !entry.cprEncrypted || !entry.name || !entry.birthDate) throw new Error('a proposed entry keeps its CPR and name');
  const existingId = await findEnrolmentIdByCpr(programme.id, entry.cprHash);
  const existing = existingId ? await getJourney(existingId) : undefined;
  if (existing) return joinJourney(programme, list, entry, existing, person, by, at);

  const made = await newJourney(programme, by, { cpr: await decryptCpr(entry.cprEncrypted), birthDate: entry.birthDate, name: entry.name, municipality: entry.municipality }, at);
  const coordination = proposePraktik(programme, keptOn(null, list.month), at);
  const journey: StoredJourney = { ...made.journey, primaryTovholder: person, coordination };
  const run = runOnList(null, list.month);
  const keptEntry: StoredEntry = { ...entry, status: 'kept', responsible: person, enrolmentId: journey.id, ...run, cprEncrypted: null, birthDate: null };
  try {
    const { created } = await createJourneys([{ ...made, journey }], (made) =>
      made.length === 0 ? [] : [entryUpdate(entry, { status: 'kept', responsible: person, enrolmentId: journey.id, ...run }, KEPT_ERASES), ...tovholderPointers(journey, [person])],
    );
    // Enrolled meanwhile by another request: join that journey.
    if (created.length === 0) return keepEntry(programme, list, entry, responsible, by);
  } catch (error) {
    if (error instanceof OutcomeRefused) throw conflict('the entry was changed by someone else; reload the list');
    throw error;
  }
  if ((await startJourneys([journey], rulesOf(programme))).length > 0) {
    await removeJourney(journey, made.cprHash);
    await writeEntries([entryUpdate(keptEntry, { status: 'proposed', responsible: null, enrolmentId: null, cprEncrypted: entry.cprEncrypted, birthDate: entry.birthDate })]);
    throw new Error('the journey workflow could not start');
  }
  await tellPraktik(journey, coordination);
  return { entry: keptEntry, journey };
}

async function joinJourney(programme: Programme, list: StoredList, entry: StoredEntry, existing: StoredJourney, person: { username: string; name: string }, by: string, at: string): Promise<Kept> {
  if (existing.stage === 'closed') throw ruleViolated('journey-closed', "the young person's journey in this programme is closed");
  const run = runOnList(existing.coordination, list.month);
  const coordination = proposePraktik(programme, keptOn(existing.coordination, list.month), at);
  const after: StoredJourney = { ...existing, primaryTovholder: person, coordination, updatedAt: at };
  const keptEntry: StoredEntry = { ...entry, status: 'kept', responsible: person, enrolmentId: existing.id, ...run, cprEncrypted: null, birthDate: null };
  await saveJourney(
    existing,
    after,
    [{ at, kind: 'kept-on-list', by, summary: `Kept on the coordination list of ${list.month} (${run.monthsOnList} month(s) in a row)${run.repeater ? ': repeater' : ''}` }],
    [entryUpdate(entry, { status: 'kept', responsible: person, enrolmentId: existing.id, ...run }, KEPT_ERASES), ...tovholderPointers(existing, [person, existing.secondaryTovholder])],
  );
  await tellPraktik(after, coordination);
  return { entry: keptEntry, journey: after };
}

/** The state with the Praktik-generator proposed now, when it falls due (settings.praktikGeneratorAfterMonths). */
function proposePraktik(programme: Programme, state: ReturnType<typeof keptOn>, at: string): ReturnType<typeof keptOn> {
  return praktikDue(state, youthSettings(programme).praktikGeneratorAfterMonths) ? { ...state, praktik: { proposedAt: at, confirmedAt: null, interventionId: null, endedAt: null } } : state;
}

/** `offer-proposed` to the responsible, once per journey, when the Praktik-generator was proposed. */
async function tellPraktik(journey: StoredJourney, state: ReturnType<typeof keptOn>): Promise<void> {
  if (!state.praktik?.proposedAt || state.praktik.confirmedAt) return;
  const users = await listUsers();
  await notifyOnce({ enrolmentId: journey.id, kind: 'offer-proposed', dueAt: state.praktik.proposedAt, subject: 'praktik-generator', recipients: recipientsOf(users, journey, 'tovholder') });
}

/** Makes `person` the journey's responsible (its primary tovholder), with the timeline saying so. */
export async function assignResponsible(journey: StoredJourney, person: { username: string; name: string }, by: string): Promise<StoredJourney> {
  const at = now().toISOString();
  const after: StoredJourney = { ...journey, primaryTovholder: person, needsTovholderSince: null, updatedAt: at };
  await saveJourney(journey, after, [{ at, kind: 'responsible-assigned', by, summary: `Responsible: ${person.username}` }], tovholderPointers(journey, [person, journey.secondaryTovholder]));
  return after;
}
