import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCalendarDays, copenhagenDate, copenhagenInstant } from '../functions/domain/working-days.js';
import type { ControllableClock } from './clock.js';
import type { LocalSchedule } from './cloud-template.js';
import type { LocalStepFunctions } from './step-functions.js';

/**
 * EventBridge Scheduler, locally: each schedule of the synthesized template starts its state machine when
 * the controllable clock passes one of its times. An advance of the clock that passes several of them starts
 * one execution, at the last (as a scheduler that was away catches up once: the jobs scheduled so far work on
 * what is due, not on each day). The last time each schedule ran is kept in DATA_DIR, so a time passed while
 * the runtime was stopped is caught up at start.
 */
export class LocalScheduler {
  private readonly timers: { cancel: () => void }[] = [];
  private readonly file: string;

  constructor(
    private readonly schedules: LocalSchedule[],
    private readonly clock: ControllableClock,
    private readonly stepFunctions: LocalStepFunctions,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'schedules.json');
    for (const schedule of schedules) nextOccurrence(schedule, new Date(0)); // refuses what it cannot run, at start
  }

  start(): void {
    const lastRun: Record<string, string> = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
    for (const schedule of this.schedules) {
      const from = lastRun[schedule.logicalId] ? new Date(lastRun[schedule.logicalId]!) : this.clock.now();
      this.arm(schedule, nextOccurrence(schedule, from));
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) timer.cancel();
  }

  private arm(schedule: LocalSchedule, at: Date): void {
    const timer = this.clock.sleepUntil(at.getTime(), () => {
      this.timers.splice(this.timers.indexOf(timer), 1);
      const target = this.clock.advancingTo();
      const next = nextOccurrence(schedule, at);
      if (next.getTime() > target) {
        this.run(schedule, at);
        this.arm(schedule, next);
        return;
      }
      // The advance passes more occurrences: only the last runs, so wait for it directly rather than firing
      // (and letting every workflow settle after) each day of a move of months or years.
      let last = next;
      for (let after = nextOccurrence(schedule, last); after.getTime() <= target; after = nextOccurrence(schedule, after)) last = after;
      this.arm(schedule, last);
    }, { schedule: true });
    this.timers.push(timer);
  }

  private run(schedule: LocalSchedule, at: Date): void {
    // Named by the time it is for: starting it again (after a restart) is idempotent.
    const name = `${schedule.logicalId}-${at.toISOString().replace(/[:.]/g, '-')}`.slice(0, 80);
    this.stepFunctions.startExecution(schedule.targetArn, name, schedule.input);
    const lastRun: Record<string, string> = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
    writeFileSync(this.file, JSON.stringify({ ...lastRun, [schedule.logicalId]: at.toISOString() }));
  }
}

const CRON = /^cron\((\d{1,2}) (\d{1,2}) (\*|\?|\d{1,2}) \* (\*|\?) \*\)$/;

/**
 * The first time of the schedule after `after`. The local scheduler knows the cron expressions Forløb uses
 * — a minute and an hour, every day or on one day of the month — in Europe/Copenhagen; it refuses others.
 */
export function nextOccurrence(schedule: Pick<LocalSchedule, 'expression' | 'timeZone'>, after: Date): Date {
  const m = CRON.exec(schedule.expression);
  if (!m || schedule.timeZone !== 'Europe/Copenhagen') throw new Error(`the local scheduler does not run ${schedule.expression} in ${schedule.timeZone}`);
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  const dayOfMonth = /^\d+$/.test(m[3]!) ? Number(m[3]) : undefined;
  for (let day = 0; day <= 62; day++) {
    const date = copenhagenDate(addCalendarDays(after, day));
    if (dayOfMonth !== undefined && Number(date.slice(8, 10)) !== dayOfMonth) continue;
    const at = copenhagenInstant(date, hour, minute);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no time of ${schedule.expression} within two months`);
}
