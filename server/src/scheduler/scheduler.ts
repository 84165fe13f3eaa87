import type { Db } from '../db/client.js';
import type { Deps } from '../services/deps.js';

/**
 * A timed duty: when it is next due (read from the database, across every stream), and what it
 * does once that time has passed. `fire` must fire each due thing once: it sets the thing's
 * `*_at` column in the statement that appends its event, so a second node, a second tick or a
 * restart finds nothing left to do.
 */
export interface Duty {
  name: string;
  nextDueAt(db: Db): Promise<Date | null>;
  fire(deps: Deps, now: Date): Promise<void>;
}

export interface SchedulerOptions {
  /** The longest sleep: due times written by another node are seen within this (ms). */
  maxSleepMs?: number;
  onError?: (error: unknown, duty: string) => void;
  /** Each round this scheduler runs (/metrics: `vigil_duty_rounds_total{duty="scheduler"}`). */
  onRound?: () => void;
}

export interface Scheduler {
  /** Reads the due times and keeps one timer to the earliest (a leader lock can wrap this later). */
  start(): void;
  /** Something was committed that may add a due time: look again now. */
  wake(): void;
  /** One round now (fire what is due, re-arm the timer); resolves when it is done. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_MAX_SLEEP_MS = 3_000;

/**
 * The one scheduler: plan step warnings and overdues, unanswered dispatches, escalations. Due
 * times live in the database, never only in memory, so after a restart everything fires at its
 * moment and nothing twice. Time is `deps.clock` (tests pass a fake one and call `tick`).
 */
export function createScheduler(deps: Deps, duties: readonly Duty[], options: SchedulerOptions = {}): Scheduler {
  const maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let started = false;
  let stopped = false;

  const report = (error: unknown, duty: string) => options.onError?.(error, duty);

  async function round(): Promise<void> {
    const now = deps.clock();
    options.onRound?.();
    for (const duty of duties) {
      // Stopped mid-round (leadership lost): the next leader's scheduler fires the rest.
      if (stopped) return;
      try {
        await duty.fire(deps, now);
      } catch (error) {
        report(error, duty.name);
      }
    }
    let next: number | null = null;
    for (const duty of duties) {
      try {
        const due = await duty.nextDueAt(deps.db);
        if (due && (next === null || due.getTime() < next)) next = due.getTime();
      } catch (error) {
        report(error, duty.name);
      }
    }
    arm(next);
  }

  function arm(next: number | null): void {
    if (stopped || !started) return;
    if (timer) clearTimeout(timer);
    const wait = next === null ? maxSleepMs : Math.min(maxSleepMs, Math.max(0, next - deps.clock().getTime()));
    timer = setTimeout(() => {
      timer = null;
      void tick();
    }, wait);
    timer.unref();
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      void tick();
    },
    wake() {
      // A burst of commits makes one round: the timer is set to now.
      if (!started || stopped) return;
      if (running) again = true;
      else arm(deps.clock().getTime());
    },
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
