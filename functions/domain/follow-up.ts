import { copenhagenDate } from './working-days.js';

/*
 * Follow-up of the plan (shared/domain.md step 7): the job centre follows up that the plan's interventions are
 * started. An intervention whose start month has passed without any attended session is flagged.
 */
export interface PlannedIntervention {
  id: string;
  title: string;
  startMonth: string;
}

export interface Session {
  kind: string;
  interventionId: string | null;
  attendance: { status: string } | null;
}

export interface NotStarted {
  interventionId: string;
  title: string;
  startMonth: string;
  /** When the flag became due: the first moment of the month after the start month, in Copenhagen. */
  dueAt: string;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Midnight at the start of `YYYY-MM-01` in Copenhagen (CET or CEST). */
export function startOfMonthInCopenhagen(month: string): Date {
  const summer = new Date(`${month}-01T00:00:00+02:00`);
  return copenhagenDate(summer) === `${month}-01` ? summer : new Date(`${month}-01T00:00:00+01:00`);
}

/** The interventions whose start month is over (in Copenhagen) and that have no attended session. */
export function interventionsNotStarted(interventions: PlannedIntervention[], sessions: Session[], now: Date): NotStarted[] {
  const currentMonth = copenhagenDate(now).slice(0, 7);
  const started = new Set(sessions.filter((s) => s.kind === 'intervention' && s.attendance?.status === 'attended').map((s) => s.interventionId));
  return interventions
    .filter((i) => i.startMonth < currentMonth && !started.has(i.id))
    .map((i) => ({ interventionId: i.id, title: i.title, startMonth: i.startMonth, dueAt: startOfMonthInCopenhagen(nextMonth(i.startMonth)).toISOString() }));
}
