/**
 * The one clock the screens read "now" from. Live, it is the server's time as the page knows
 * it; in a replay, it is the replayed moment, moving at the chosen speed while playing and
 * standing still while paused, so "3 min ago", a step's countdown and a guard's silence read
 * as they did then. The state is a value: every change returns a new one, anchored at the wall
 * time it happened, and the replayed time at any later wall time is computed from the anchor
 * (no ticking, no drift from timer jitter).
 */

/** The playback speeds a replay offers, slowest first. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export interface ReplayRange {
  /** Epoch ms of the first moment that can be replayed. */
  from: number;
  /** Epoch ms of the last; playback stops there. */
  to: number;
}

export interface ReplayClockState {
  readonly range: ReplayRange;
  readonly speed: ReplaySpeed;
  readonly playing: boolean;
  /** The replayed moment at `anchorWall` (epoch ms). */
  readonly anchorAt: number;
  /** The wall time (the reader's "real now", epoch ms) the anchor was taken at. */
  readonly anchorWall: number;
}

export function isReplaySpeed(value: unknown): value is ReplaySpeed {
  return typeof value === 'number' && (REPLAY_SPEEDS as readonly number[]).includes(value);
}

const clamp = (range: ReplayRange, at: number) => Math.min(range.to, Math.max(range.from, at));

function checkRange(range: ReplayRange): void {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) throw new RangeError('range: from and to must be finite times');
  if (range.to < range.from) throw new RangeError('range: to must not be before from');
}

/** A paused replay at `at` (the start of the range by default), at 1×. */
export function replayClock(range: ReplayRange, wallNow: number, options: { at?: number; speed?: ReplaySpeed } = {}): ReplayClockState {
  checkRange(range);
  const speed = options.speed ?? 1;
  if (!isReplaySpeed(speed)) throw new RangeError(`speed: one of ${REPLAY_SPEEDS.join(', ')}`);
  return { range, speed, playing: false, anchorAt: clamp(range, options.at ?? range.from), anchorWall: wallNow };
}

/** The replayed moment at wall time `wallNow`: never outside the range. */
export function replayedAt(state: ReplayClockState, wallNow: number): number {
  if (!state.playing) return state.anchorAt;
  // A wall clock that stepped back (NTP) does not run the replay backwards.
  const elapsed = Math.max(0, wallNow - state.anchorWall);
  return clamp(state.range, state.anchorAt + elapsed * state.speed);
}

/** Whether playback has reached the end of the range (it then stands still there). */
export function replayEnded(state: ReplayClockState, wallNow: number): boolean {
  return replayedAt(state, wallNow) >= state.range.to;
}

/** Re-anchors at `wallNow`, keeping the replayed moment, with the changes applied. */
function reanchor(state: ReplayClockState, wallNow: number, change: Partial<Pick<ReplayClockState, 'speed' | 'playing' | 'anchorAt'>>): ReplayClockState {
  return { ...state, anchorAt: replayedAt(state, wallNow), anchorWall: wallNow, ...change };
}

/** Plays from where it stands; at the end of the range, from the start again. */
export function play(state: ReplayClockState, wallNow: number): ReplayClockState {
  if (state.playing && !replayEnded(state, wallNow)) return state;
  const restart = replayEnded(state, wallNow);
  return reanchor(state, wallNow, { playing: true, ...(restart ? { anchorAt: state.range.from } : {}) });
}

export function pause(state: ReplayClockState, wallNow: number): ReplayClockState {
  return state.playing ? reanchor(state, wallNow, { playing: false }) : state;
}

/** Moves to `at` (clamped to the range), playing on if it was playing. */
export function seek(state: ReplayClockState, at: number, wallNow: number): ReplayClockState {
  if (!Number.isFinite(at)) throw new RangeError('at: must be a finite time');
  return { ...state, anchorAt: clamp(state.range, at), anchorWall: wallNow };
}

export function setSpeed(state: ReplayClockState, speed: number, wallNow: number): ReplayClockState {
  if (!isReplaySpeed(speed)) throw new RangeError(`speed: one of ${REPLAY_SPEEDS.join(', ')}`);
  return speed === state.speed ? state : reanchor(state, wallNow, { speed });
}

/**
 * The wall-clock ms until the replayed time reaches `at` at the current speed (0 if it has, null
 * if it never will: paused, or past the end of the range). A screen sets one timer for the next
 * thing due (a step's deadline, the next event) instead of ticking.
 */
export function wallMsUntil(state: ReplayClockState, at: number, wallNow: number): number | null {
  const now = replayedAt(state, wallNow);
  if (at <= now) return 0;
  if (!state.playing || at > state.range.to) return null;
  return Math.ceil((at - now) / state.speed);
}
