import { pause, play, replayClock, seek, setSpeed } from '@vigil/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noteServerTime } from '../realtime/serverClock';
import { isReplaying, screenNow, setLiveClock, setReplayClock, subscribeScreenClock } from './screenClock';
import { tickIntervalMs } from './useNow';

const WALL = Date.parse('2026-12-03T10:00:00Z');
const FROM = Date.parse('2026-11-30T02:00:00Z');
const range = { from: FROM, to: FROM + 3_600_000 };

describe('the screen clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(WALL);
  });
  afterEach(() => {
    setLiveClock();
    noteServerTime(new Date(WALL).toISOString(), WALL);
    vi.useRealTimers();
  });

  it('is the server-corrected time live', () => {
    noteServerTime(new Date(WALL + 42_000).toISOString(), WALL);
    expect(isReplaying()).toBe(false);
    expect(screenNow()).toBe(WALL + 42_000);
    vi.advanceTimersByTime(1_000);
    expect(screenNow()).toBe(WALL + 43_000);
  });

  it('is the replayed moment in a replay: still while paused, moving at the speed while playing', () => {
    setReplayClock(replayClock(range, Date.now(), { at: FROM + 60_000 }));
    expect(isReplaying()).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(screenNow()).toBe(FROM + 60_000);

    setReplayClock(play(replayClock(range, Date.now(), { at: FROM + 60_000 }), Date.now()));
    vi.advanceTimersByTime(2_000);
    expect(screenNow()).toBe(FROM + 62_000);
  });

  it('follows a speed change without a jump, a seek and a pause', () => {
    let clock = play(replayClock(range, Date.now(), { at: FROM }), Date.now());
    setReplayClock(clock);
    vi.advanceTimersByTime(1_000);
    clock = setSpeed(clock, 30, Date.now());
    setReplayClock(clock);
    expect(screenNow()).toBe(FROM + 1_000);
    vi.advanceTimersByTime(1_000);
    expect(screenNow()).toBe(FROM + 31_000);
    clock = seek(clock, FROM + 600_000, Date.now());
    setReplayClock(clock);
    expect(screenNow()).toBe(FROM + 600_000);
    clock = pause(clock, Date.now());
    setReplayClock(clock);
    vi.advanceTimersByTime(10_000);
    expect(screenNow()).toBe(FROM + 600_000);
  });

  it('tells its readers of every change at once, and back to live', () => {
    const heard = vi.fn();
    const stop = subscribeScreenClock(heard);
    setReplayClock(replayClock(range, Date.now()));
    setLiveClock();
    setLiveClock();
    stop();
    setReplayClock(replayClock(range, Date.now()));
    expect(heard).toHaveBeenCalledTimes(2);
    setLiveClock();
    noteServerTime(new Date(WALL).toISOString(), WALL);
    expect(screenNow()).toBe(WALL);
  });

  it('ticks faster while a replay plays fast, so a seconds display still moves', () => {
    expect(tickIntervalMs()).toBe(250);
    const clock = play(replayClock(range, Date.now()), Date.now());
    setReplayClock(clock);
    expect(tickIntervalMs()).toBe(250);
    setReplayClock(setSpeed(clock, 5, Date.now()));
    expect(tickIntervalMs()).toBe(50);
    setReplayClock(setSpeed(clock, 60, Date.now()));
    expect(tickIntervalMs()).toBe(40);
    setReplayClock(pause(setSpeed(clock, 60, Date.now()), Date.now()));
    expect(tickIntervalMs()).toBe(250);
  });
});
