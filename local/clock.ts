import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The controllable clock of the local runtime. It runs with real time plus an offset that only grows, kept
 * in DATA_DIR so it never goes backwards across restarts. Timers sleep on it: advancing fires every timer
 * that falls due, one at a time in due order, and lets the system settle after each (so a reminder that
 * sets the next reminder gets it fired too, when that also falls due).
 */
interface ClockTimer {
  dueAt: number;
  seq: number;
  fire: () => void;
  /** A schedule's next run: not work that waits (see `hasWaitingWork`). */
  schedule: boolean;
}

export class ClockWentBackwards extends Error {
  constructor() {
    super('the clock never goes backwards');
    this.name = 'ClockWentBackwards';
  }
}

export class ControllableClock {
  private offsetMs: number;
  /** A set: cancelling is constant time, which matters with tens of thousands of waiting steps. */
  private readonly timers = new Set<ClockTimer>();
  private seq = 0;
  private ticker: NodeJS.Timeout | undefined;
  private advancing: Promise<void> = Promise.resolve();
  /** Where the advance in progress goes, for schedules that run once for all the occurrences it passes. */
  private target: number | undefined;

  constructor(
    private readonly dataDir: string,
    /** Resolves when no execution is busy: every one waits on the clock or a callback, or has ended. */
    private readonly settled: () => Promise<void>,
  ) {
    const file = this.file();
    this.offsetMs = existsSync(file) ? Number(JSON.parse(readFileSync(file, 'utf8')).offsetMs) || 0 : 0;
  }

  private file(): string {
    return join(this.dataDir, 'clock.json');
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Fires timers that real time has reached, once a second, while the runtime runs. */
  start(): void {
    this.ticker = setInterval(() => void this.advanceTo(this.nowMs()), 1000);
    this.ticker.unref();
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
  }

  /** A promise that resolves when the clock reaches `dueAt` (at once if it has), and a way to cancel it. */
  sleepUntil(dueAt: number, onFire: () => void, options: { schedule?: boolean } = {}): { cancel: () => void } {
    const timer: ClockTimer = { dueAt, seq: this.seq++, fire: onFire, schedule: options.schedule === true };
    this.timers.add(timer);
    if (dueAt <= this.nowMs()) queueMicrotask(() => void this.advanceTo(this.nowMs()));
    return { cancel: () => void this.timers.delete(timer) };
  }

  /** The time the clock is moving to: the end of the advance in progress, or now. */
  advancingTo(): number {
    return Math.max(this.target ?? 0, this.nowMs());
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Whether a workflow waits on the clock; a schedule's next run (local/scheduler.ts) does not count. */
  hasWaitingWork(): boolean {
    for (const timer of this.timers) if (!timer.schedule) return true;
    return false;
  }

  /** Moves the clock to `target`, firing what falls due in due order; serialised with other advances. */
  advanceTo(target: number): Promise<void> {
    const run = this.advancing.then(async () => {
      if (target < this.nowMs() - 5) throw new ClockWentBackwards();
      await this.settled();
      this.target = target;
      for (;;) {
        let next: ClockTimer | undefined;
        for (const t of this.timers) {
          if (t.dueAt <= target && (!next || t.dueAt < next.dueAt || (t.dueAt === next.dueAt && t.seq < next.seq))) next = t;
        }
        if (!next) break;
        this.timers.delete(next);
        if (next.dueAt > this.nowMs()) this.setNow(next.dueAt);
        next.fire();
        await this.settled();
      }
      this.target = undefined;
      if (target > this.nowMs()) this.setNow(target);
    });
    this.advancing = run.catch(() => undefined);
    return run;
  }

  private setNow(ms: number): void {
    this.offsetMs = ms - Date.now();
    writeFileSync(this.file(), JSON.stringify({ offsetMs: this.offsetMs, now: new Date(ms).toISOString() }), { mode: 0o600 });
  }
}

/** The furthest one move of the clock goes (`POST /local/clock`): more than a year of a journey. */
export const MAX_CLOCK_MOVE_DAYS = 400;

/** Parses the ISO 8601 durations the clock route takes (P3D, PT12H, P1DT2H30M). */
export function durationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m) throw new Error('not an ISO 8601 duration');
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return (((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}
