import { z } from 'zod';
import { CommonSettings } from '../../contract/settings.js';
import { calendar, deadline, working } from './clocks.js';
import type { Template } from './template.js';

/*
 * Youth coordination (Brøndby, shared/api.md): the monthly coordination list of the rest group, first contact
 * and an activity offered within their deadlines. A skeleton: its commands come in a later issue.
 */

export const YouthCoordinationSettings = CommonSettings.extend({
  contactDeadlineWorkingDays: z.int().min(1).max(60).default(5),
  activityOfferDeadlineDays: z.int().min(1).max(90).default(30),
  praktikGeneratorAfterMonths: z.int().min(1).max(12).default(1),
  praktikGeneratorOfferId: z.string().nullable().default(null),
  minAge: z.int().min(13).max(30).default(15),
  maxAge: z.int().min(13).max(30).default(17),
})
  .refine((s) => s.minAge <= s.maxAge, { path: ['maxAge'], message: 'the oldest age must not be below the youngest' });

const responsible = { kind: 'step-overdue', audience: 'tovholder' } as const;

export const youthCoordination: Template<typeof YouthCoordinationSettings> = {
  id: 'youth-coordination',
  version: 1,
  name: 'Ungekoordinering (Brøndby)',
  available: false,
  roles: ['admin', 'lead', 'coordination-member', 'tovholder', 'evaluator'],
  groups: ['rest-group', 'repeater', 'could-not-be-contacted'],
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
        { from: 'contact', to: 'activity', on: 'contact' },
        { from: 'activity', to: 'follow-up', on: 'activity-offered' },
        ...['contact', 'activity', 'follow-up'].map((from) => ({ from, to: 'closed', on: 'outcome' as const })),
      ],
    },
  ],
};
