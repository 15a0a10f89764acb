import { z } from 'zod';
import { CommonSettings } from '../../contract/settings.js';
import { calendar, deadline, working } from './clocks.js';
import type { Template } from './template.js';

/*
 * Youth coordination (Brøndby, seed 003, shared/api.md): the monthly coordination list of the rest group. A
 * young person kept on a list is enrolled at `contact` (first contact within contactDeadlineWorkingDays), a
 * reached contact attempt moves them to `activity` (an activity offered within activityOfferDeadlineDays: a
 * plan with an offer on it), then `follow-up` until an outcome closes the journey. The list, the meeting and
 * its indicators live in domain/coordination.ts; the goal is the share into education or a job.
 */

export const YouthCoordinationSettings = CommonSettings.extend({
  contactDeadlineWorkingDays: z.int().min(1).max(60).default(5),
  activityOfferDeadlineDays: z.int().min(1).max(90).default(30),
  praktikGeneratorAfterMonths: z.int().min(1).max(12).default(1),
  praktikGeneratorOfferId: z.string().nullable().default(null),
  minAge: z.int().min(13).max(30).default(15),
  maxAge: z.int().min(13).max(30).default(17),
  /** The success criterion (seed 003: "at least half into education or a job"). */
})
  .refine((s) => s.minAge <= s.maxAge, { path: ['maxAge'], message: 'the oldest age must not be below the youngest' });

const OPEN = ['contact', 'activity', 'follow-up'];
const responsible = { kind: 'step-overdue', audience: 'tovholder' } as const;

export const youthCoordination: Template<typeof YouthCoordinationSettings> = {
  id: 'youth-coordination',
  version: 1,
  name: 'Ungekoordinering (Brøndby)',
  available: true,
  roles: ['admin', 'lead', 'coordination-member', 'tovholder', 'evaluator'],
  /*
   * A journey counts in the rest group while open, then by its outcome; `repeater` and
   * `could-not-be-contacted` are the latest list's numbers (store/coordination-lists.ts keeps them beside).
   */
  groups: ['rest-group', 'education-or-job', 'left', 'repeater', 'could-not-be-contacted'],
  group: (journey) => (journey.stage !== 'closed' ? 'rest-group' : journey.outcome === 'job' || journey.outcome === 'education' ? 'education-or-job' : 'left'),
  responsibleRoles: ['coordination-member', 'lead', 'tovholder'],
  settings: YouthCoordinationSettings,
  instruments: [],
  notifications: ['step-overdue', 'escalation', 'follow-up-due', 'offer-proposed'],
  tracks: [
    {
      id: 'journey',
      start: 'contact',
      stages: [
        { id: 'contact', actors: ['coordination-member', 'lead'], clock: deadline(working('contactDeadlineWorkingDays'), responsible) },
        { id: 'activity', actors: ['coordination-member', 'lead'], clock: deadline(calendar('activityOfferDeadlineDays'), responsible) },
        { id: 'follow-up', actors: ['coordination-member'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        { id: 'closed', actors: [], final: true, clock: { kind: 'none', why: 'a closed journey waits for nothing' } },
      ],
      paths: [
        // The first reached contact attempt; a later one is journal only (domain/decide.ts is not asked).
        { from: 'contact', to: 'activity', on: 'contact' },
        // An activity is offered by putting it on the plan (the Praktik-generator's offer too).
        { from: 'activity', to: 'follow-up', on: 'plan' },
        ...['contact', 'follow-up'].map((from) => ({ from, to: from, on: 'plan' as const })),
        ...OPEN.flatMap((from) => [
          { from, to: 'closed', on: 'outcome' as const },
          { from, to: from, on: 'tovholder-left' as const },
        ]),
      ],
    },
  ],
};
