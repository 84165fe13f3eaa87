import { SILENT_AFTER_MS } from '@vigil/shared';

/**
 * The periods of the scheduled duties and of the leader election. `VIGIL_DUTY_TIMERS=test`
 * shortens them all so a failover test sees a handover, a silence and several rounds of every
 * duty in seconds; a deployment keeps the normal ones.
 */
export interface DutyTimers {
  /** How often on-shift guards are checked for silence. */
  silenceCheckMs: number;
  /** How long an on-shift guard may be quiet before the "guard silent" alarm. */
  silentAfterMs: number;
  /** How often a follower tries for the leader lock (and the leader checks its session). */
  leaderIntervalMs: number;
  /** Between two rounds of camera health checks. */
  cameraHealthMs: number;
  /** The scheduler's longest sleep: another node's due times are seen within this. */
  schedulerMaxSleepMs: number;
}

export const NORMAL_DUTY_TIMERS: Readonly<DutyTimers> = {
  silenceCheckMs: 15_000,
  silentAfterMs: SILENT_AFTER_MS,
  leaderIntervalMs: 1_000,
  cameraHealthMs: 30_000,
  schedulerMaxSleepMs: 3_000,
};

/** For tests only: a silence after 8 s, checked every second; a handover within about a second. */
export const TEST_DUTY_TIMERS: Readonly<DutyTimers> = {
  silenceCheckMs: 1_000,
  silentAfterMs: 8_000,
  leaderIntervalMs: 250,
  cameraHealthMs: 1_000,
  schedulerMaxSleepMs: 500,
};

export const dutyTimersFor = (mode: 'normal' | 'test'): Readonly<DutyTimers> => (mode === 'test' ? TEST_DUTY_TIMERS : NORMAL_DUTY_TIMERS);
