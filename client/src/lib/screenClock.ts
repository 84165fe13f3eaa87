import { useSyncExternalStore } from 'react';
import { replayedAt, type ReplayClockState } from '@vigil/shared';
import { serverNow } from '../realtime/serverClock';

/**
 * The one clock the screens show time from: "now" for the header clock, "3 min ago", a step's
 * countdown, a guard's silence, a tour's turn. Live, it is the server's time as the page knows
 * it (serverClock); in a replay, the replay clock's moment (shared/replay-clock), moving at the
 * chosen speed or standing still. Outboxes, retries and the tone's mute keep to real time.
 *
 * A module store, like the page's other stores: a screen is in one mode at a time, and every
 * component and the map layers read it without a provider in between.
 */
export type ScreenClockMode = { readonly kind: 'live' } | { readonly kind: 'replay'; readonly clock: ReplayClockState };

const LIVE: ScreenClockMode = { kind: 'live' };
let mode: ScreenClockMode = LIVE;
const listeners = new Set<() => void>();

/** The screen's "now" (epoch ms): server time live, the replayed moment in a replay. */
export function screenNow(): number {
  return mode.kind === 'live' ? serverNow() : replayedAt(mode.clock, Date.now());
}

export function screenClockMode(): ScreenClockMode {
  return mode;
}

export function isReplaying(): boolean {
  return mode.kind === 'replay';
}

/** Enters a replay, or moves its clock (play, pause, seek, speed): every reader hears of it at once. */
export function setReplayClock(clock: ReplayClockState): void {
  mode = { kind: 'replay', clock };
  notify();
}

/** Back to live time. */
export function setLiveClock(): void {
  if (mode.kind === 'live') return;
  mode = LIVE;
  notify();
}

/** Told of every mode or clock change (not of time passing: useNow ticks for that). */
export function subscribeScreenClock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Whether the page is replaying (a React hook: re-renders on entering or leaving a replay). */
export function useReplaying(): boolean {
  return useSyncExternalStore(subscribeScreenClock, isReplaying);
}

/** A link's query that keeps a replay at the moment shown (`at=…`), for links between the replayed screens. */
export function replayLinkSearch(): string {
  return `at=${encodeURIComponent(new Date(screenNow()).toISOString())}`;
}
