import { randomUUID } from 'node:crypto';
import { authenticated, visibleRead, type Caller, type RouteAccess } from '../app/access.js';
import { certificatePdf } from '../app/certificate-pdf.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import { readJourney, type JourneyRead } from '../app/journey-view.js';
import type { Ambassador, Certificate, Internship } from '../contract/internships.js';
import type { Role, User } from '../contract/schemas.js';
import type { Command } from '../domain/decide.js';
import { isRealWeek } from '../domain/iso-week.js';
import { paidHoursTotal, withWeek } from '../domain/internships.js';
import { now } from '../platform/clock.js';
import { ApiError, forbidden, notFound, type ErrorDetail } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { certificateItem, certificatesAmong, createAmbassador, enrolmentOfInternship, getAmbassador, internshipItems, internshipsAmong, listAmbassadors } from '../store/internships.js';
import { saveJourney, type StoredJourney, type TransactItem } from '../store/journeys.js';
import { getProgramme } from '../store/programmes.js';
import { getUser } from '../store/users.js';

/*
 * Gennem Job til Uddannelse (shared/api.md): internships, their weekly hours and learning certificates, the
 * contact person and the ambassadors. Each change is decided by the journey's template (decide: a journey of
 * another template answers 422 not-in-template), then stored with the journey in one transaction.
 */

const invalid = (details: ErrorDetail[]) => new ApiError('invalid-input', 'the request is not valid', details);

/** A user who may act for this young person in one of `roles`: active, in the journey's programme and municipality. */
async function staffOf(username: string, journey: StoredJourney, roles: readonly Role[]): Promise<User | undefined> {
  const user = await getUser(username);
  const serves = user?.active && user.programmes.includes(journey.programmeId) && user.municipalities.includes(journey.municipality);
  return serves && user.roles.some((r) => roles.includes(r)) ? user : undefined;
}

const ref = (u: User) => ({ username: u.username, name: u.name });

/** The ambassador of `kind` by that id if it serves the young person's municipality. */
async function ambassadorFor(id: string, kind: Ambassador['kind'], journey: StoredJourney): Promise<Ambassador | undefined> {
  const a = await getAmbassador(id);
  return a && a.kind === kind && a.municipalities.includes(journey.municipality) ? a : undefined;
}

/** The internship and its journey (read once) if the caller may work with it; 404 for one unknown or not visible. */
async function visibleInternship(caller: Caller, internshipId: string, access: RouteAccess): Promise<JourneyRead & { internship: Internship }> {
  const enrolmentId = await enrolmentOfInternship(internshipId);
  if (!enrolmentId) throw notFound('internship');
  const read = await visibleRead(caller, enrolmentId, access, readJourney);
  const internship = internshipsAmong(read.items).find((i) => i.id === internshipId);
  if (!internship) throw notFound('internship');
  return { ...read, internship };
}

/** Decides `command` on the journey, stores the result with `more`, and sends what follows from it. */
async function decideAndSave(journey: StoredJourney, command: Command, more: (decided: ReturnType<typeof decideOrRefuse>) => TransactItem[] = () => []) {
  const decided = decideOrRefuse(journey, command, now());
  await saveJourney(journey, decided.journey, decided.events, more(decided));
  await followDecision(journey, decided);
  return decided.journey;
}

export const handler = apiHandler({
  'POST /enrolments/{id}/internships': authenticated(async (request, caller) => {
    const { journey, items } = await visibleRead(caller, request.params.id, request.route, readJourney);
    const input = request.body;
    const [jobBroker, mentor, ambassador] = await Promise.all([
      staffOf(input.jobBroker, journey, ['job-broker']),
      input.mentor ? staffOf(input.mentor, journey, ['mentor']) : undefined,
      input.ambassadorId ? ambassadorFor(input.ambassadorId, 'company', journey) : undefined,
    ]);
    const details = [
      ...(jobBroker ? [] : [{ path: 'jobBroker', message: "no active job broker of this young person's programme and municipality by that name" }]),
      ...(input.mentor && !mentor ? [{ path: 'mentor', message: "no active mentor of this young person's programme and municipality by that name" }] : []),
      ...(input.ambassadorId && !ambassador ? [{ path: 'ambassadorId', message: "no company ambassador in this young person's municipality by that id" }] : []),
    ];
    const at = now().toISOString();
    const internship: Internship = {
      id: randomUUID(),
      enrolmentId: journey.id,
      company: input.company,
      cvr: input.cvr ?? null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      hoursPerWeek: input.hoursPerWeek,
      goal: input.goal,
      jobBroker: jobBroker ? ref(jobBroker) : { username: input.jobBroker, name: input.jobBroker },
      mentor: mentor ? ref(mentor) : null,
      ambassadorId: ambassador?.id ?? null,
      hours: [],
      paidHoursTotal: 0,
      goalReachedAt: null,
      createdAt: at,
    };
    // The template's refusal (not-in-template, overlap) comes before the people named are checked.
    const decided = decideOrRefuse(journey, { kind: 'internship', by: caller.user.username, internship, existing: internshipsAmong(items) }, now());
    if (details.length) throw invalid(details);
    await saveJourney(journey, decided.journey, decided.events, internshipItems(internship, true));
    await followDecision(journey, decided);
    return { status: 201, body: { ...internship, stage: decided.journey.stage, contactPerson: decided.journey.contactPerson } };
  }),

  'POST /internships/{id}/hours': authenticated(async (request, caller) => {
    const { journey, internship } = await visibleInternship(caller, request.params.id, request.route);
    const input = request.body;
    if (!isRealWeek(input.week)) throw invalid([{ path: 'week', message: `${input.week.slice(0, 4)} has no week ${input.week.slice(6)}` }]);
    const entry = { ...input, by: caller.user.username, at: now().toISOString() };
    let changed = internship;
    const after = await decideAndSave(journey, { kind: 'hours', by: caller.user.username, internship, entry }, (decided) => {
      const hours = withWeek(internship.hours, entry);
      const reached = decided.notifications.some((n) => n.kind === 'paid-hours-goal-reached');
      changed = { ...internship, hours, paidHoursTotal: paidHoursTotal(hours), goalReachedAt: reached ? entry.at : internship.goalReachedAt };
      return internshipItems(changed, false);
    });
    return { body: { ...changed, stage: after.stage, contactPerson: after.contactPerson } };
  }),

  'POST /internships/{id}/end': authenticated(async (request, caller) => {
    const { journey, internship } = await visibleInternship(caller, request.params.id, request.route);
    const { endDate } = request.body;
    if (endDate < internship.startDate) throw invalid([{ path: 'endDate', message: 'the internship ends on or after its start' }]);
    const changed = { ...internship, endDate };
    const after = await decideAndSave(journey, { kind: 'internship-ended', by: caller.user.username, internship: changed }, () => internshipItems(changed, false));
    return { body: { ...changed, stage: after.stage, contactPerson: after.contactPerson } };
  }),

  'POST /internships/{id}/learning-certificates': authenticated(async (request, caller) => {
    const { journey, internship } = await visibleInternship(caller, request.params.id, request.route);
    const input = request.body;
    const certificate: Certificate = {
      id: randomUUID(),
      internshipId: internship.id,
      phase: input.phase,
      date: input.date,
      direction: input.direction ?? null,
      competences: input.competences,
      by: caller.user.username,
      at: now().toISOString(),
    };
    const command = { kind: 'learning-certificate', by: caller.user.username, company: internship.company, phase: input.phase, competences: input.competences } as const;
    const after = await decideAndSave(journey, command, () => [certificateItem(journey.id, certificate)]);
    return { status: 201, body: { ...certificate, stage: after.stage, pdf: `/internships/${internship.id}/learning-certificates/${certificate.id}/pdf` } };
  }),

  'GET /internships/{id}/learning-certificates/{certificateId}/pdf': authenticated(async (request, caller) => {
    const { journey, items, internship } = await visibleInternship(caller, request.params.id, request.route);
    const certificate = certificatesAmong(items).find((c) => c.id === request.params.certificateId && c.internshipId === internship.id);
    if (!certificate) throw notFound('learning certificate');
    const [programme, issuer] = await Promise.all([getProgramme(journey.programmeId), getUser(certificate.by)]);
    const pdf = await certificatePdf({ name: journey.name, programme: programme?.name ?? 'Gennem Job til Uddannelse', issuedBy: issuer?.name ?? certificate.by, internship, certificate });
    return { body: null, bytes: pdf, contentType: 'application/pdf', headers: { 'content-disposition': `inline; filename="laeringsbevis-${certificate.phase}.pdf"` } };
  }),

  'PUT /enrolments/{id}/contact-person': authenticated(async (request, caller) => {
    const journey = (await visibleRead(caller, request.params.id, request.route, readJourney)).journey;
    const to = await staffOf(request.body.username, journey, ['mentor', 'job-broker']);
    // As for an internship: the template's refusal comes before the person named is checked.
    const contactPerson = to ? ref(to) : { username: request.body.username, name: request.body.username };
    const decided = decideOrRefuse(journey, { kind: 'contact-person', by: caller.user.username, contactPerson }, now());
    if (!to) throw invalid([{ path: 'username', message: "no active mentor or job broker of this young person's programme and municipality by that name" }]);
    await saveJourney(journey, decided.journey, decided.events);
    await followDecision(journey, decided);
    return { body: { contactPerson, stage: decided.journey.stage } };
  }),

  'PUT /enrolments/{id}/ambassador': authenticated(async (request, caller) => {
    const journey = (await visibleRead(caller, request.params.id, request.route, readJourney)).journey;
    const ambassador = await ambassadorFor(request.body.ambassadorId, 'youth', journey);
    // As for an internship: the template's refusal comes before the ambassador named is checked.
    const decided = decideOrRefuse(journey, { kind: 'ambassador', by: caller.user.username, ambassador: ambassador ?? { id: request.body.ambassadorId, name: '' } }, now());
    if (!ambassador) throw invalid([{ path: 'ambassadorId', message: "no youth ambassador in this young person's municipality by that id" }]);
    await saveJourney(journey, decided.journey, decided.events);
    return { body: { ambassador, stage: decided.journey.stage } };
  }),

  'POST /ambassadors': authenticated(async (request, caller) => {
    const input = request.body;
    if (!input.municipalities.every((m) => caller.user.municipalities.includes(m))) throw forbidden('you register ambassadors of your own municipalities only');
    const ambassador: Ambassador = {
      id: randomUUID(),
      kind: input.kind,
      name: input.name,
      company: input.company ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      municipalities: [...new Set(input.municipalities)],
      createdBy: caller.user.username,
      createdAt: now().toISOString(),
    };
    await createAmbassador(ambassador);
    return { status: 201, body: ambassador };
  }),

  'GET /ambassadors': authenticated(async (request, caller) => {
    return { body: { items: await listAmbassadors(caller.user.municipalities, request.query.kind) } };
  }),
});
