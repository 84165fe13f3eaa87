import { describe, expect, it } from 'vitest';
import { drillElapsedSec, formatDrillClock, type DrillClockRun } from './drillClock';

const start = Date.parse('2026-12-04T02:00:00.000Z');
const run = (over: Partial<DrillClockRun> = {}): DrillClockRun => ({ startedAt: new Date(start).toISOString(), state: 'running', pausedAt: null, pausedSec: 0, endedAt: null, ...over });

describe('the drill clock', () => {
  it('counts whole seconds from the start while running', () => {
    expect(drillElapsedSec(run(), start)).toBe(0);
    expect(drillElapsedSec(run(), start + 61_900)).toBe(61);
  });
  it('leaves out the pauses so far, and stands still while paused', () => {
    const paused = run({ state: 'paused', pausedAt: new Date(start + 90_000).toISOString(), pausedSec: 30 });
    expect(drillElapsedSec(paused, start + 90_000)).toBe(60);
    expect(drillElapsedSec(paused, start + 500_000)).toBe(60);
    expect(drillElapsedSec(run({ pausedSec: 30 }), start + 120_000)).toBe(90);
  });
  it('stops at the end, and never reads below zero', () => {
    expect(drillElapsedSec(run({ state: 'ended', endedAt: new Date(start + 300_000).toISOString(), pausedSec: 20 }), start + 900_000)).toBe(280);
    expect(drillElapsedSec(run(), start - 5_000)).toBe(0);
  });
  it('reads mm:ss, then h:mm:ss from an hour', () => {
    expect(formatDrillClock(0)).toBe('00:00');
    expect(formatDrillClock(65)).toBe('01:05');
    expect(formatDrillClock(3_599)).toBe('59:59');
    expect(formatDrillClock(3_600 + 125)).toBe('1:02:05');
  });
});
