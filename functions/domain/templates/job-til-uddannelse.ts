import { z } from 'zod';
import { CommonSettings } from '../../contract/settings.js';
import { calendar, deadline, working } from './clocks.js';
import type { CommandKind, Template } from './template.js';

/*
 * Gennem Job til Uddannelse (seed 000, second project; shared/api.md): internships towards paid hours or ordinary
 * employment, the job broker as contact person (a mentor may take over). Clarification ends with the first
 * internship; while one runs, each week's hours are due `hoursGraceWorkingDays` after the week; when it ends the
 * journey is followed up until the next internship or an outcome. The rules of its commands: domain/internships.ts.
 * Every notice to the `tovholder` audience goes to the contact person (domain/recipients.ts).
 */

export const JobTilUddannelseSettings = CommonSettings.extend({
  clarificationDeadlineWorkingDays: z.int().min(1).max(60).default(15),
  hoursGraceWorkingDays: z.int().min(1).max(20).default(3),
});

const contactPerson = { kind: 'step-overdue', audience: 'tovholder' } as const;
const OPEN = ['clarification', 'internship', 'follow-up', 'aftercare'];
/** Commands that record something without moving the journey, and the stages they are recorded in. */
const staying = (on: CommandKind, stages: string[]) => stages.map((from) => ({ from, to: from, on }));

export const jobTilUddannelse: Template<typeof JobTilUddannelseSettings> = {
  id: 'job-til-uddannelse',
  version: 1,
  name: 'Gennem Job til Uddannelse',
  available: true,
  roles: ['admin', 'lead', 'tovholder', 'job-broker', 'mentor', 'evaluator'],
  groups: ['clarification', 'internship', 'follow-up', 'aftercare'],
  // Counted by stage; a closed journey counts under no group.
  group: (journey) => (OPEN.includes(journey.stage) ? journey.stage : null),
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
          clock: { kind: 'weekly', grace: working('hoursGraceWorkingDays'), notice: { kind: 'hours-not-registered', audience: 'tovholder' } },
        },
        { id: 'follow-up', actors: ['job-broker', 'mentor'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        { id: 'aftercare', actors: ['job-broker', 'mentor'], clock: { kind: 'none', why: 'aftercare supports the young person until an outcome ends it' } },
        { id: 'closed', actors: [], final: true, clock: { kind: 'none', why: 'a closed journey waits for nothing' } },
      ],
      paths: [
        // A second internship is registered while one runs (it must not overlap) or after it, at follow-up.
        ...['clarification', 'internship', 'follow-up'].map((from) => ({ from, to: 'internship', on: 'internship' as const })),
        { from: 'internship', to: 'follow-up', on: 'internship-ended' },
        // Hours and certificates come late too, after the internship ended.
        ...staying('hours', ['internship', 'follow-up', 'aftercare']),
        ...staying('learning-certificate', ['internship', 'follow-up', 'aftercare']),
        ...staying('contact-person', OPEN),
        ...staying('ambassador', OPEN),
        ...['clarification', 'internship', 'follow-up'].flatMap((from) => [
          { from, to: 'aftercare', on: 'outcome' as const },
          { from, to: 'closed', on: 'outcome' as const },
        ]),
        { from: 'aftercare', to: 'closed', on: 'outcome' },
      ],
    },
  ],
};
