import { BrugForAlleSettings } from '../../contract/settings.js';
import { calendar, deadline, working } from './clocks.js';
import type { Template } from './template.js';

/*
 * Brug for alle (seed 004, shared/domain.md "The journey"): one track; screening sorts citizens into colours,
 * and each colour takes its own path (see the comment at the top of domain/journey.ts). Version 1 is the
 * behaviour from before templates existed.
 */

const OPEN = ['intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up'];

export const brugForAlle: Template<typeof BrugForAlleSettings> = {
  id: 'brug-for-alle',
  version: 1,
  name: 'Brug for alle',
  available: true,
  roles: ['admin', 'lead', 'tovholder', 'caseworker', 'care-manager', 'team-member', 'provider', 'evaluator'],
  groups: ['green', 'orange', 'red', 'blue', 'unscreened'],
  settings: BrugForAlleSettings,
  instruments: ['PHQ-9', 'GAD-7', 'WHO-5'],
  notifications: [
    'missed-attendance',
    'attendance-not-registered',
    'screening-overdue',
    'step-overdue',
    'escalation',
    'follow-up-due',
    'safety-flag',
    'colour-changed',
    'needs-tovholder',
    'intervention-not-started',
  ],
  tracks: [
    {
      id: 'journey',
      start: 'screening',
      stages: [
        { id: 'screening', actors: ['lead', 'tovholder'], clock: deadline(working('screeningDeadlineWorkingDays'), { kind: 'screening-overdue', audience: 'leads' }) },
        { id: 'intake', actors: ['caseworker', 'tovholder'], clock: deadline(working('intakeDeadlineWorkingDays')) },
        { id: 'preparatory-form', actors: ['tovholder', 'caseworker', 'lead'], clock: deadline(working('intakeDeadlineWorkingDays')) },
        { id: 'team-meeting', actors: ['lead', 'tovholder', 'team-member'], clock: deadline(calendar('teamMeetingCadenceDays')) },
        { id: 'plan', actors: ['lead', 'tovholder', 'care-manager'], clock: deadline(working('planDeadlineWorkingDays')) },
        { id: 'follow-up', actors: ['tovholder', 'caseworker'], clock: { kind: 'rhythm', every: calendar('followUpIntervalDays'), notice: { kind: 'follow-up-due', audience: 'tovholder' } } },
        { id: 'aftercare', actors: ['tovholder'], clock: { kind: 'none', why: 'aftercare supports the citizen until an outcome ends it; nothing is overdue there' } },
        { id: 'closed', actors: [], final: true, clock: { kind: 'none', why: 'a closed journey waits for nothing' } },
      ],
      paths: [
        { from: 'screening', to: 'intake', on: 'screening', groups: ['green', 'orange'] },
        { from: 'screening', to: 'team-meeting', on: 'screening', groups: ['blue'] },
        { from: 'screening', to: 'closed', on: 'screening', groups: ['red'] },
        // A re-screening keeps the path already taken, except red, which closes.
        ...[...OPEN, 'aftercare'].map((from) => ({ from, to: from, on: 'screening' as const, groups: ['green', 'orange', 'blue'] })),
        ...[...OPEN, 'aftercare'].map((from) => ({ from, to: 'closed', on: 'screening' as const, groups: ['red'] })),
        { from: 'intake', to: 'team-meeting', on: 'attendance', groups: ['green'] },
        // Blue at the intake only when re-screened there: the intake conversation then leads to the form, as orange.
        { from: 'intake', to: 'preparatory-form', on: 'attendance', groups: ['orange', 'blue'] },
        // The form is filled in at the intake conversation: saving it there moves the journey on too.
        { from: 'intake', to: 'team-meeting', on: 'preparatory-form' },
        { from: 'preparatory-form', to: 'team-meeting', on: 'preparatory-form' },
        ...['team-meeting', 'plan', 'follow-up', 'aftercare'].map((from) => ({ from, to: from, on: 'preparatory-form' as const })),
        { from: 'team-meeting', to: 'plan', on: 'meeting-item' },
        ...['plan', 'follow-up', 'aftercare'].map((from) => ({ from, to: from, on: 'meeting-item' as const })),
        { from: 'plan', to: 'follow-up', on: 'plan' },
        ...['follow-up', 'aftercare'].map((from) => ({ from, to: from, on: 'plan' as const })),
        // A job, an education or match group 2 gets aftercare; the other outcomes close; one in aftercare ends it.
        ...OPEN.flatMap((from) => [
          { from, to: 'aftercare', on: 'outcome' as const },
          { from, to: 'closed', on: 'outcome' as const },
        ]),
        { from: 'aftercare', to: 'closed', on: 'outcome' },
        // Other appointments and a tovholder leaving keep the stage (a green no-show at intake turns orange there).
        ...['screening', ...OPEN, 'aftercare'].flatMap((from) => [
          { from, to: from, on: 'attendance' as const },
          { from, to: from, on: 'tovholder-left' as const },
        ]),
        // An appointment booked before the journey closed still has its attendance registered; nothing moves.
        { from: 'closed', to: 'closed', on: 'attendance' },
      ],
    },
  ],
};
