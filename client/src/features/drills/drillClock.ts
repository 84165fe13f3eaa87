import type { DrillRunState } from '@vigil/shared';

/** What the drill clock is read from: the run's start, its pauses so far, and where it stands. */
export interface DrillClockRun {
  startedAt: string;
  state: DrillRunState;
  pausedAt: string | null;
  pausedSec: number;
  endedAt: string | null;
}

/**
 * The drill's elapsed time in whole seconds: the script's clock, which its injects' `atSec` are
 * on. It stands still while paused (the server moves the injects still to come by the pause) and
 * at the end; it never goes below zero (a screen clock a little behind the server's).
 */
export function drillElapsedSec(run: DrillClockRun, now: number): number {
  const started = Date.parse(run.startedAt);
  const until = run.state === 'ended' && run.endedAt ? Date.parse(run.endedAt) : run.state === 'paused' && run.pausedAt ? Date.parse(run.pausedAt) : now;
  return Math.max(0, Math.floor((until - started) / 1000) - run.pausedSec);
}

/** `mm:ss`, or `h:mm:ss` from an hour on (a drill lasts at most four). */
export function formatDrillClock(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec));
  const two = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(sec / 3600);
  const minutes = Math.floor((sec % 3600) / 60);
  return hours > 0 ? `${hours}:${two(minutes)}:${two(sec % 60)}` : `${two(minutes)}:${two(sec % 60)}`;
}
