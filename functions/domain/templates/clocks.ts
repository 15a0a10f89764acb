import type { Notice, Period, StageClock } from './template.js';

/* The words the templates' stage clocks are written in: periods read from a setting, and the usual deadline. */

export const working = (setting: string): Period => ({ setting, unit: 'working-days' });
export const calendar = (setting: string): Period => ({ setting, unit: 'calendar-days' });
export const weeks = (setting: string): Period => ({ setting, unit: 'weeks' });
export const stepOverdue: Notice = { kind: 'step-overdue', audience: 'tovholder' };
const escalation: Notice = { kind: 'escalation', audience: 'leads' };
export const reminders = { every: working('reminderIntervalWorkingDays'), escalateAt: 'remindersBeforeEscalation' };

export const deadline = (after: Period, overdue: Notice = stepOverdue): StageClock => ({ kind: 'deadline', after, reminders, overdue, escalation });

