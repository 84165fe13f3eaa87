import type { Scheduler } from '../scheduler/scheduler.js';
import type { Leadership } from './leadership.js';

/**
 * The scheduler, run only while this node leads. Each term gets a fresh scheduler (a stopped
 * one cannot restart); it reads the due times from the database when it starts, so a new
 * leader fires whatever came due during the handover, and the duties' marks keep anything
 * the old leader already fired from firing again. With one node the term never ends.
 */
export function leaderScheduler(create: () => Scheduler, leadership: Leadership): Scheduler {
  let current: Scheduler | null = null;
  /** The last term's scheduler while it stops; null when none is stopping. */
  let stopping: Promise<void> | null = null;
  let started = false;
  let stopped = false;
  let unsubscribe: (() => void) | null = null;

  const onChange = (leader: boolean) => {
    if (stopped) return;
    if (leader && !current) {
      const next = create();
      current = next;
      // The last term's round must end before this one's first: one round at a time on this node.
      if (!stopping) next.start();
      else
        void stopping.then(() => {
          if (current === next) next.start();
        });
    } else if (!leader && current) {
      const ended = current;
      current = null;
      const done: Promise<void> = ended.stop().finally(() => {
        if (stopping === done) stopping = null;
      });
      stopping = done;
    }
  };

  return {
    start() {
      if (started || stopped) return;
      started = true;
      unsubscribe = leadership.subscribe(onChange);
    },
    wake() {
      current?.wake();
    },
    async tick() {
      await current?.tick();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      const ended = current;
      current = null;
      await Promise.all([stopping, ended?.stop()]);
    },
  };
}
