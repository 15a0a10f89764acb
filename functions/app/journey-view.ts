import { Appointment, SanctionAssessment } from '../contract/appointments.js';
import { InstrumentRecord } from '../contract/instruments.js';
import { Journey, Note, TimelineEvent } from '../contract/schemas.js';
import { contactSummary } from '../domain/journey.js';
import { interventionsNotStarted } from '../domain/follow-up.js';
import { deadlinesOf } from '../domain/step-clock.js';
import { rulesOf } from '../domain/templates/index.js';
import { getProgramme } from '../store/programmes.js';
import { enrolmentEvent, readJourneyItems, StoredJourney } from '../store/journeys.js';
import { now } from '../platform/clock.js';
import { meetingItemsAmong } from '../store/meetings.js';
import { latestAmong } from '../store/plans.js';
import { certificatesAmong, getAmbassador, internshipsAmong } from '../store/internships.js';
import { peopleNamed } from '../store/users.js';

/** Everything of one journey, from one query of the enrolment's partition: the journey item and the rest. */
export interface JourneyRead {
  journey: StoredJourney;
  items: Record<string, unknown>[];
}

export async function readJourney(enrolmentId: string): Promise<JourneyRead | undefined> {
  const items = await readJourneyItems(enrolmentId);
  const profile = items.find((item) => item.sk === 'JOURNEY');
  return profile ? { journey: StoredJourney.parse(profile), items } : undefined;
}

/** The whole journey as the contract shows it, built from one query of the enrolment's partition. */
export async function journeyView(enrolmentId: string): Promise<Journey | undefined> {
  const read = await readJourney(enrolmentId);
  return read && viewOf(read);
}

/** The whole journey as the contract shows it, from what `readJourney` read. */
export async function viewOf({ journey, items }: JourneyRead): Promise<Journey> {
  const enrolled = enrolmentEvent(journey);
  const timeline = [...(enrolled ? [enrolled] : []), ...items.filter((item) => item.type === 'event').map((item) => TimelineEvent.parse(item))];
  const ofType = (type: string) => items.filter((item) => item.type === type);
  const appointments = ofType('appointment')
    .map((item) => Appointment.parse(item))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const instruments = ofType('instrument')
    .map((item) => InstrumentRecord.parse(item))
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const sanctionAssessments = ofType('sanction-assessment').map((item) => SanctionAssessment.parse(item));
  const notes = ofType('note').map((item) => Note.parse(item));
  const [programme, ambassador, people] = await Promise.all([
    getProgramme(journey.programmeId),
    journey.ambassadorId ? getAmbassador(journey.ambassadorId) : undefined,
    peopleNamed(timeline.map((e) => e.by)),
  ]);
  const plan = latestAmong(items, 'PLAN');
  return Journey.parse({
    id: journey.id,
    programmeId: journey.programmeId,
    template: journey.template,
    templateVersion: journey.templateVersion,
    citizen: {
      name: journey.name,
      cprMasked: journey.cprMasked,
      birthDate: journey.birthDate,
      municipality: journey.municipality,
      phone: journey.phone,
      email: journey.email,
    },
    colour: journey.colour,
    stage: journey.stage,
    stageEnteredAt: journey.stageEnteredAt,
    baseline: journey.baseline,
    screening: journey.screening,
    primaryTovholder: journey.primaryTovholder,
    secondaryTovholder: journey.secondaryTovholder,
    nextDeadline: programme ? deadlinesOf(journey, rulesOf(programme, journey), now()).nextDeadline : null,
    timeline: timeline.map((e) => ({ ...e, by: people.get(e.by)! })),
    appointments,
    preparatoryForm: latestAmong(items, 'PREPFORM'),
    plan,
    teamMeetingItems: meetingItemsAmong(items).map(({ programmeId: _p, members: _m, ...item }) => item),
    instruments,
    sanctionAssessments,
    interventionsNotStarted: plan && journey.stage !== 'closed' ? interventionsNotStarted(plan.interventions, appointments, now()) : [],
    notes,
    contacts: contactSummary(notes),
    outcome: journey.outcome,
    needsTovholder: journey.needsTovholderSince !== null,
    legalHold: journey.legalHold,
    contactPerson: journey.contactPerson,
    internships: internshipsAmong(items),
    learningCertificates: certificatesAmong(items),
    ambassador: ambassador ?? null,
    guardians: journey.guardians,
    coordination: journey.coordination,
    createdAt: journey.createdAt,
  });
}
