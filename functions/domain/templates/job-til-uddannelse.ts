import { z } from 'zod';
import { CommonSettings } from '../../contract/settings.js';
import { calendar, deadline, working } from './clocks.js';
import type { Template } from './template.js';

/*
 * Gennem Job til Uddannelse (shared/api.md): internships towards paid hours or ordinary employment, the job
 * broker as contact person. A skeleton: its stages and clocks are data here; its commands come in a later issue.
 */

export const JobTilUddannelseSettings = CommonSettings.extend({
  clarificationDeadlineWorkingDays: z.int().min(1).max(60).default(15),
  hoursGraceWorkingDays: z.int().min(1).max(20).default(3),
});

const contactPerson = { kind: 'step-overdue', audience: 'tovholder' } as const;

export const jobTilUddannelse: Template<typeof JobTilUddannelseSettings> = {
  id: 'job-til-uddannelse',
  version: 1,
  name: 'Gennem Job til Uddannelse',
  available: false,
  roles: ['admin', 'lead', 'tovholder', 'job-broker', 'mentor', 'evaluator'],
  groups: ['clarification', 'internship', 'follow-up', 'aftercare'],
  settings: JobTilUddannelseSettings,
  instruments: [],
  notifications: ['step-overdue', 'escalation', 'follow-up-due', 'hours-not-registered', 'paid-hours-goal-reached'],
  tracks: [
    {
      id: 'journey',
      start: 'clarification',
      stages: [
        { id: 'clarification', actors: ['job-broker', 'lead'], clock: deadline(working('clarificationDeadlineWorkingDays'), contactPerson) },
        {
          id: 'internship',
          actors: ['job-broker', 'mentor'],
          clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } },
        },
        { id: 'follow-up', actors: ['job-broker', 'mentor'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        { id: 'aftercare', actors: ['job-broker', 'mentor'], clock: { kind: 'none', why: 'aftercare supports the young person until an outcome ends it' } },
        { id: 'closed', actors: [], final: true, clock: { kind: 'none', why: 'a closed journey waits for nothing' } },
      ],
      paths: [
        { from: 'clarification', to: 'internship', on: 'internship' },
        { from: 'internship', to: 'follow-up', on: 'internship' },
        { from: 'follow-up', to: 'internship', on: 'internship' },
        ...['clarification', 'internship', 'follow-up'].flatMap((from) => [
          { from, to: 'aftercare', on: 'outcome' as const },
          { from, to: 'closed', on: 'outcome' as const },
        ]),
        { from: 'aftercare', to: 'closed', on: 'outcome' },
      ],
    },
  ],
};
