import { Journey, Note, TimelineEvent } from '../contract/schemas.js';
import { contactSummary } from '../domain/journey.js';
import { readJourneyItems, StoredJourney } from '../store/journeys.js';
import { meetingItemsAmong } from '../store/meetings.js';
import { latestAmong } from '../store/plans.js';

/** The whole journey as the contract shows it, built from one query of the enrolment's partition. */
export async function journeyView(enrolmentId: string): Promise<Journey | undefined> {
  const items = await readJourneyItems(enrolmentId);
  const profile = items.find((item) => item.sk === 'JOURNEY');
  if (!profile) return undefined;
  const journey = StoredJourney.parse(profile);
  const timeline = items.filter((item) => item.type === 'event').map((item) => TimelineEvent.parse(item));
  const notes = items.filter((item) => item.type === 'note').map((item) => Note.parse(item));
  const wait = items.find((item) => item.type === 'wait' && item.step === journey.stage);
  return Journey.parse({
    id: journey.id,
    programmeId: journey.programmeId,
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
    nextDeadline: typeof wait?.deadline === 'string' ? wait.deadline : null,
    timeline,
    appointments: [],
    preparatoryForm: latestAmong(items, 'PREPFORM'),
    plan: latestAmong(items, 'PLAN'),
    teamMeetingItems: meetingItemsAmong(items).map(({ programmeId: _p, members: _m, ...item }) => item),
    instruments: [],
    notes,
    contacts: contactSummary(notes),
    outcome: journey.outcome,
    needsTovholder: journey.needsTovholder,
    createdAt: journey.createdAt,
  });
}
