import { z } from 'zod';
import { CommonSettings, TeamMeetingSettings } from '../../contract/settings.js';
import { calendar, deadline, weeks, working } from './clocks.js';
import type { Template, TemplateStage } from './template.js';

/*
 * IBBU Nord (shared/domain.md, shared/api.md "IBBU Nord"): three tracks in parallel, each with its own owner,
 * plan and deadlines. A skeleton: its stages and clocks are data here; its commands come in a later issue.
 */

export const IbbuSettings = CommonSettings.extend({
  ...TeamMeetingSettings.shape,
  clarificationDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  treatmentPlanDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  coordinationPlanDeadlineWorkingDays: z.int().min(1).max(60).default(15),
  instrumentIntervalWeeks: z.int().min(1).max(12).default(4),
  reviewAfterWeeks: z.int().min(1).max(52).default(8),
  aftercareCheckInWeeks: z.array(z.int().min(1).max(52)).min(1).max(10).default([2, 6, 12]),
});

const done: TemplateStage = { id: 'done', actors: [], final: true, clock: { kind: 'none', why: 'a track that is done waits for nothing' } };

export const ibbu: Template<typeof IbbuSettings> = {
  id: 'ibbu',
  version: 1,
  name: 'IBBU Nord',
  available: false,
  roles: ['admin', 'lead', 'tovholder', 'caseworker', 'care-manager', 'specialist-psychologist', 'team-member', 'evaluator'],
  groups: ['active', 'paused', 'done'],
  settings: IbbuSettings,
  instruments: ['PHQ-9', 'GAD-7', 'WHO-5', 'PSS-10'],
  notifications: ['step-overdue', 'escalation', 'follow-up-due', 'safety-flag', 'instrument-due', 'not-improving', 'aftercare-check-in-due'],
  tracks: [
    {
      id: 'education-employment',
      start: 'clarification',
      stages: [
        { id: 'clarification', actors: ['tovholder', 'caseworker'], clock: deadline(working('clarificationDeadlineWorkingDays')) },
        { id: 'offers', actors: ['tovholder', 'caseworker'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        done,
      ],
      paths: [
        { from: 'clarification', to: 'offers', on: 'track-update' },
        { from: 'offers', to: 'done', on: 'track-update' },
      ],
    },
    {
      id: 'treatment',
      start: 'treatment-plan',
      stages: [
        { id: 'treatment-plan', actors: ['care-manager'], clock: deadline(working('treatmentPlanDeadlineWorkingDays'), { kind: 'step-overdue', audience: 'owner' }) },
        { id: 'treatment', actors: ['care-manager'], clock: { kind: 'rhythm', every: weeks('instrumentIntervalWeeks'), notice: { kind: 'instrument-due', audience: 'owner' } } },
        {
          id: 'aftercare',
          actors: ['care-manager'],
          clock: { kind: 'none', why: 'check-ins fall at the weeks listed in aftercareCheckInWeeks, a schedule rather than a deadline (later issue)' },
        },
        done,
      ],
      paths: [
        { from: 'treatment-plan', to: 'treatment', on: 'track-update' },
        { from: 'treatment', to: 'aftercare', on: 'outcome' },
        { from: 'treatment', to: 'done', on: 'outcome' },
        { from: 'aftercare', to: 'done', on: 'outcome' },
      ],
    },
    {
      id: 'coordination',
      start: 'plan',
      stages: [
        { id: 'plan', actors: ['tovholder', 'care-manager'], clock: deadline(working('coordinationPlanDeadlineWorkingDays')) },
        { id: 'follow-up', actors: ['tovholder', 'care-manager'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        done,
      ],
      paths: [
        { from: 'plan', to: 'follow-up', on: 'plan' },
        { from: 'follow-up', to: 'done', on: 'outcome' },
      ],
    },
  ],
};
