import { z } from 'zod';

/*
 * The settings every template has, whatever its stages: how reminders repeat and escalate, the rhythm of
 * follow-up, how long after an appointment attendance may wait, and how long a closed journey is kept. Each
 * template extends this with its own (shared/api.md: defaults and allowed ranges; 400 outside them). Bounds
 * keep every wait they feed within the workflow rules.
 */
export const CommonSettings = z.object({
  reminderIntervalWorkingDays: z.int().min(1).max(20).default(3),
  remindersBeforeEscalation: z.int().min(1).max(10).default(3),
  followUpIntervalDays: z.int().min(1).max(180).default(30),
  attendanceGraceHours: z.int().min(1).max(240).default(24),
  /** Years after closing before a journey is erased (README "Retention and erasure"). */
  retentionYears: z.int().min(1).max(10).default(5),
  /** The programme's goal: per cent of the citizens with an outcome who went into a job or education (the seeds: at least half). */
  goalJobOrEducationPercent: z.int().min(0).max(100).default(50),
});
export type CommonSettings = z.infer<typeof CommonSettings>;

/** The settings of a template whose citizens are discussed at cross-disciplinary team meetings. */
export const TeamMeetingSettings = z.object({
  teamMeetingCadenceDays: z.int().min(1).max(90).default(14),
  citizensPerMeeting: z.int().min(1).max(20).default(5),
  slotMinutes: z.int().min(10).max(120).default(30),
  /** A team member reads an agenda's journeys until the meeting's day ends (Copenhagen) plus this many days. */
  teamMemberAccessDays: z.int().min(0).max(30).default(0),
});
export type TeamMeetingSettings = z.infer<typeof TeamMeetingSettings>;

/** A programme's effective settings as stored and shown: the common ones, typed, beside its template's own. */
export const ProgrammeSettings = CommonSettings.loose();
export type ProgrammeSettings = z.infer<typeof ProgrammeSettings>;

/** Brug for alle's settings (template defaults of shared/api.md). */
export const BrugForAlleSettings = CommonSettings.extend({
  screeningDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  intakeDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  planDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  ...TeamMeetingSettings.shape,
});
export type BrugForAlleSettings = z.infer<typeof BrugForAlleSettings>;

/** A programme's team-meeting settings: its own, or the defaults for a template that names none. */
export const teamMeetingSettingsOf = (settings: ProgrammeSettings): TeamMeetingSettings => TeamMeetingSettings.parse(settings);
