import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyState, keyedOf, fitPlanTransform, isStale, planToGps, SILENT_AFTER_MS, STALE_AFTER_MS, type GuardLive, type PositionsFrame } from '@vigil/shared';
import type { Db } from '../db/client.js';
import { demoSite } from '../sim/demo-site.js';
import { FrameThrottle } from './frame-throttle.js';
import { PositionLane, type GuardFacts, type LaneFix } from './position-lane.js';

const guard: GuardLive = {
  id: 'g1',
  siteId: 'demo',
  callsign: 'A1',
  name: 'Test',
  status: 'available',
  onShift: true,
  userId: null,
  zoneIds: [],
};

/** A lane whose database swallows inserts; the clock is ours to move. */
function laneWithClock(start: Date) {
  let now = start.getTime();
  const facts = { zonesChanged: vi.fn(), sos: vi.fn(), silent: vi.fn() } satisfies GuardFacts;
  const db = { execute: async () => ({ rows: [] }) } as unknown as Db;
  const live = { ...emptyState(), sites: { demo: demoSite }, guards: keyedOf({ g1: guard }) };
  const lane = new PositionLane({
    deps: { db, clock: () => new Date(now), stream: 'live' as const, onCommitted: () => undefined },
    live: () => live,
    emitFrame: () => undefined,
    facts,
    onError: () => undefined,
  });
  return { lane, facts, advance: (ms: number) => (now += ms), now: () => new Date(now) };
}

function fixAt(at: Date, plan: [number, number], floor = 0, sos = false): LaneFix {
  const fitted = fitPlanTransform(demoSite.anchor!);
  if (!fitted.ok) throw new Error(fitted.error);
  const { lat, lon } = planToGps(fitted.transform, plan);
  return { guard, at, lat, lon, floor, accuracy: 5, heading: null, speed: null, battery: null, sos, source: 'osmand' };
}

describe('stale and silent guards (fake clock)', () => {
  it('shows a fix stale after 90 s', () => {
    const at = new Date('2026-11-23T12:00:00Z');
    expect(isStale({ at: at.toISOString() }, new Date(at.getTime() + STALE_AFTER_MS))).toBe(false);
    expect(isStale({ at: at.toISOString() }, new Date(at.getTime() + STALE_AFTER_MS + 1))).toBe(true);
  });

  it('raises one silence per silence, and again after the guard has been heard', async () => {
    const { lane, facts, advance, now } = laneWithClock(new Date('2026-11-23T12:00:00Z'));
    lane.checkSilence();
    expect(facts.silent).not.toHaveBeenCalled();
    advance(SILENT_AFTER_MS + 1);
    lane.checkSilence();
    lane.checkSilence();
    expect(facts.silent).toHaveBeenCalledTimes(1);
    await lane.submit([fixAt(now(), [210, 60])]);
    lane.checkSilence();
    expect(facts.silent).toHaveBeenCalledTimes(1);
    advance(SILENT_AFTER_MS - 1_000);
    lane.checkSilence();
    expect(facts.silent).toHaveBeenCalledTimes(1);
    advance(2_000);
    lane.checkSilence();
    expect(facts.silent).toHaveBeenCalledTimes(2);
    await lane.close();
  });

  it('never calls an off-shift guard silent', () => {
    const { lane, facts, advance } = laneWithClock(new Date('2026-11-23T12:00:00Z'));
    guard.onShift = false;
    advance(SILENT_AFTER_MS * 10);
    lane.checkSilence();
    guard.onShift = true;
    expect(facts.silent).not.toHaveBeenCalled();
  });

  it('never calls a guard silent who signed off on the phone ("off duty"), and again once back on', () => {
    const { lane, facts, advance } = laneWithClock(new Date('2026-11-23T12:00:00Z'));
    guard.status = 'off_duty';
    advance(SILENT_AFTER_MS * 10);
    lane.checkSilence();
    expect(facts.silent).not.toHaveBeenCalled();
    // Back on duty: the three minutes start now, not at the last fix before signing off.
    guard.status = 'available';
    lane.checkSilence();
    advance(SILENT_AFTER_MS - 1_000);
    lane.checkSilence();
    expect(facts.silent).not.toHaveBeenCalled();
    advance(2_000);
    lane.checkSilence();
    expect(facts.silent).toHaveBeenCalledTimes(1);
  });
});

describe('the latest fix and zone changes', () => {
  it('keeps the newest fix, enters and leaves zones, and refuses fixes from the far future', async () => {
    const { lane, facts, now } = laneWithClock(new Date('2026-11-23T12:00:00Z'));
    const t0 = now();
    await lane.submit([fixAt(t0, [377, 54])]); // the substation (restricted)
    expect(facts.zonesChanged).toHaveBeenCalledTimes(1);
    const entered = facts.zonesChanged.mock.calls[0]![1].entered.map((zone: { id: string }) => zone.id);
    expect(entered).toContain('demo-z-substation');
    // An older fix elsewhere is stored but does not move the guard.
    await lane.submit([fixAt(new Date(t0.getTime() - 10_000), [30, 40])]);
    expect(lane.latestFix('g1')?.at).toBe(t0.toISOString());
    await lane.submit([fixAt(new Date(t0.getTime() + 1_000), [300, 60])]); // clubhouse
    expect(facts.zonesChanged.mock.calls[1]![1].exited).toContain('demo-z-substation');
    await expect(lane.submit([fixAt(new Date(t0.getTime() + 6 * 60_000), [300, 60])])).rejects.toThrow(/timestamp: must not be more than 5 minutes in the future/);
    await lane.submit([fixAt(new Date(t0.getTime() + 2_000), [300, 60], 0, true)]);
    expect(facts.sos).toHaveBeenCalledTimes(1);
    await lane.close();
  });
});

describe('frames', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most 4 frames a second per site, each with only the guards that changed', () => {
    vi.useFakeTimers();
    const frames: PositionsFrame[] = [];
    const throttle = new FrameThrottle((frame) => frames.push(frame), () => Date.now());
    const fix = (guardId: string) => ({ guardId, siteId: 's', at: new Date().toISOString(), position: [0, 0] as [number, number], floor: 0, accuracy: null, heading: null, speed: null, battery: null, source: 'osmand' as const });
    throttle.changed(fix('a'));
    throttle.changed(fix('b'));
    for (let ms = 0; ms < 1000; ms += 10) {
      throttle.changed(fix('a'));
      vi.advanceTimersByTime(10);
    }
    expect(frames.length).toBeLessThanOrEqual(5);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(frames[0]!.fixes.map((f) => f.guardId).sort()).toEqual(['a', 'b']);
    expect(frames.slice(1).every((frame) => frame.fixes.length === 1 && frame.fixes[0]!.guardId === 'a')).toBe(true);
    throttle.close();
  });

  it('sends no frame with a guard taken off the roster, not the fix still waiting for its frame nor a full frame', () => {
    vi.useFakeTimers();
    const frames: PositionsFrame[] = [];
    let live = { ...emptyState(), sites: { demo: demoSite }, guards: keyedOf({ g1: guard, g2: { ...guard, id: 'g2', callsign: 'A2' } }) };
    const db = { execute: async () => ({ rows: [] }) } as unknown as Db;
    const lane = new PositionLane({
      deps: { db, clock: () => new Date(), stream: 'live' as const, onCommitted: () => undefined },
      live: () => live,
      emitFrame: (frame) => frames.push(frame),
      facts: { zonesChanged: vi.fn(), sos: vi.fn(), silent: vi.fn() },
      onError: () => undefined,
    });
    void lane.submit([fixAt(new Date(), [100, 100]), { ...fixAt(new Date(), [120, 100]), guard: { ...guard, id: 'g2' } }]);
    // Removed before the throttle sent the frame of its fix.
    live = { ...live, guards: live.guards.delete('g1') };
    lane.forget('g1');
    vi.advanceTimersByTime(300);
    expect(frames.flatMap((frame) => frame.fixes.map((fix) => fix.guardId))).toEqual(['g2']);
    expect(lane.fullFrames(['demo'])[0]!.fixes.map((fix) => fix.guardId)).toEqual(['g2']);
  });
});
