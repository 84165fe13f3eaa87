import { useSyncExternalStore } from 'react';
import { screenClockMode, screenNow, subscribeScreenClock } from './screenClock';

/**
 * One ticker for the whole page: a single interval, however many components show the time. It
 * reads the screen clock (server time live, the replayed moment in a replay), and ticks faster
 * while a replay plays fast, so a 1 s step still moves at 60×.
 */
const LIVE_TICK_MS = 250;
const FASTEST_TICK_MS = 40;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let tickMs = LIVE_TICK_MS;
let now = screenNow();
let localNow = Date.now();
let unsubscribeClock: (() => void) | undefined;

/** The tick for the clock's current mode: 250 ms live or paused, shorter while a replay plays fast. */
export function tickIntervalMs(): number {
  const mode = screenClockMode();
  if (mode.kind === 'live' || !mode.clock.playing) return LIVE_TICK_MS;
  return Math.max(FASTEST_TICK_MS, Math.round(LIVE_TICK_MS / mode.clock.speed));
}

function tick(): void {
  now = screenNow();
  localNow = Date.now();
  for (const notify of listeners) notify();
}

function startTimer(): void {
  clearInterval(timer);
  tickMs = tickIntervalMs();
  timer = setInterval(tick, tickMs);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = screenNow();
    localNow = Date.now();
    startTimer();
    // A seek, a pause or a speed change shows at once, and sets the pace of the ticks.
    unsubscribeClock = subscribeScreenClock(() => {
      if (tickIntervalMs() !== tickMs) startTimer();
      tick();
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
      unsubscribeClock?.();
      unsubscribeClock = undefined;
    }
  };
}

/**
 * The screen clock's time in ms, rounded down to `stepMs`: a component re-renders only when its
 * step changes (every second for a clock, every few seconds for "2 min ago").
 */
export function useNow(stepMs: number): number {
  return useSyncExternalStore(subscribe, () => Math.floor(now / stepMs) * stepMs);
}

/** This computer's own time, for what runs on real time in a replay too (the tone's mute). */
export function useLocalNow(stepMs: number): number {
  return useSyncExternalStore(subscribe, () => Math.floor(localNow / stepMs) * stepMs);
}
