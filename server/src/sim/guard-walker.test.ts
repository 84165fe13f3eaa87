import { describe, expect, it, vi } from 'vitest';
import { emptyState, keyedOf, fitPlanTransform, planToGps, type GuardLive, type LiveState } from '@vigil/shared';
import type { Db } from '../db/client.js';
import { PositionLane, type GuardFacts } from '../positions/position-lane.js';
import { demoGuards } from './demo-guards.js';
import { demoSite } from './demo-site.js';
import { createGuardWalker } from './guard-walker.js';

function setUp() {
  let now = new Date('2026-11-23T03:00:00.400Z').getTime();
  const guards: Record<string, GuardLive> = Object.fromEntries(
    demoGuards('demo').map((row) => [row.id, { ...row, status: row.status ?? 'available', onShift: row.onShift ?? true, userId: null, zoneIds: [] } as GuardLive]),
  );
  const live: LiveState = { ...emptyState(), sites: { demo: demoSite }, guards: keyedOf(guards) };
  const facts = { zonesChanged: vi.fn(), sos: vi.fn(), silent: vi.fn() } satisfies GuardFacts;
  const deps = { db: { execute: async () => ({ rows: [] }) } as unknown as Db, clock: () => new Date(now), stream: 'live' as const, onCommitted: () => undefined };
  const lane = new PositionLane({ deps, live: () => live, emitFrame: () => undefined, facts, onError: () => undefined });
  const walker = createGuardWalker(deps, lane, () => live, { debug: () => undefined }, { random: () => 0.5 });
  const fitted = fitPlanTransform(demoSite.anchor!);
  if (!fitted.ok) throw new Error(fitted.error);
  return { lane, walker, guard: guards['demo-guard-a2']!, transform: fitted.transform, advance: (ms: number) => (now += ms), now: () => new Date(now) };
}

describe('the demo guard walker', () => {
  it('walks every demo guard through the lane, a step each tick', async () => {
    const { lane, walker, advance } = setUp();
    await walker.tick();
    const first = lane.latestFix('demo-guard-a1')!;
    expect(first.source).toBe('simulator');
    advance(1000);
    await walker.tick();
    expect(lane.latestFix('demo-guard-a1')!.position).not.toEqual(first.position);
    for (const id of ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4']) expect(lane.latestFix(`demo-guard-${id}`)?.source).toBe('simulator');
  });

  it('leaves a guard alone once a real tracker reports for it, even with a whole-second time older than its last step', async () => {
    const { lane, walker, guard, transform, advance, now } = setUp();
    await walker.tick();
    // The tracker's fix is stamped in whole seconds: 0.4 s older than the simulator's last step.
    const substation = planToGps(transform, [377, 54]);
    const real = (at: Date) => ({ guard, at, ...substation, floor: 0, accuracy: 5, heading: 270, speed: 1, battery: 80, sos: false, source: 'osmand' as const });
    await lane.submit([real(new Date(Math.floor(now().getTime() / 1000) * 1000))]);
    for (let i = 0; i < 3; i += 1) {
      advance(1000);
      await walker.tick();
    }
    expect(lane.latestFix(guard.id)!.source).toBe('simulator');
    await lane.submit([real(now())]);
    for (let i = 0; i < 3; i += 1) {
      advance(1000);
      await walker.tick();
    }
    const latest = lane.latestFix(guard.id)!;
    expect(latest.source).toBe('osmand');
    expect(latest.position[0]).toBeCloseTo(377, 0);
    // The others keep walking.
    expect(lane.latestFix('demo-guard-a1')!.at).toBe(now().toISOString());
  });
});
