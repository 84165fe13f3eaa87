import { describe, expect, it } from 'vitest';
import { distance } from '../geo.js';
import type { GuardFix, GuardLive } from '../guard.js';
import type { Point, Site } from '../types.js';
import { DEFAULT_MAX_FIX_AGE_MS, rankGuards, type RankGuardsInput } from './rank-guards.js';
import { compoundSite, fixtureDevice, fixtureFix, fixtureGuard, fixtureSite, lineZone, rectZone } from './walk-fixtures.js';
import { buildWalkGrid } from './walk-grid.js';
import { SECONDS_PER_FLOOR, WALKING_SPEED_MPS } from './walk-times.js';

const NOW = new Date('2026-12-02T03:00:00Z');
const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

/** A 60 × 20 m hall (x 20–80, y 20–40) with one door mid south face, in a 100 × 60 m yard. */
function yard(): Site {
  return fixtureSite(100, 60, [rectZone('hall', 'building', 20, 20, 60, 20)], [fixtureDevice('hall-door', 'door', [50, 20], 'hall')]);
}

interface Placed {
  guard: GuardLive;
  at?: Point;
  floor?: number;
  ageSeconds?: number;
}

function rank(site: Site, placed: Placed[], incident: RankGuardsInput['incident']) {
  const fixes: Record<string, GuardFix> = {};
  for (const { guard, at, floor, ageSeconds } of placed) if (at) fixes[guard.id] = fixtureFix(guard.id, at, secondsAgo(ageSeconds ?? 5), floor);
  return rankGuards({ site, grid: buildWalkGrid(site), guards: placed.map((p) => p.guard), fixes, incident, now: NOW });
}

const ids = (list: { guardId: string }[]) => list.map((entry) => entry.guardId);

describe('rankGuards', () => {
  it('ranks a guard behind a building after a farther guard on open ground', () => {
    const incident = { position: [50, 10] as Point, floor: 0, zoneId: null };
    const { ranked } = rank(yard(), [{ guard: fixtureGuard('behind'), at: [50, 45] }, { guard: fixtureGuard('open'), at: [10, 10] }], incident);
    expect(ids(ranked)).toEqual(['open', 'behind']);
    const [open, behind] = ranked;
    expect(behind!.straightMetres).toBeLessThan(open!.straightMetres);
    expect(behind!.walkSeconds).toBeGreaterThan(open!.walkSeconds);
    expect(behind!.reasons).toContainEqual({ code: 'detour', metres: expect.any(Number) });
    expect(open!.reasons.map((r) => r.code)).toEqual(['walk', 'fixAge']);
  });

  it('a guard in the incident’s building reaches it through the door, ahead of one just outside the wall', () => {
    const incident = { position: [30, 30] as Point, floor: 0, zoneId: 'hall' };
    const inside = fixtureGuard('inside', { zoneIds: ['hall'] });
    const { ranked } = rank(yard(), [{ guard: fixtureGuard('outside'), at: [30, 45] }, { guard: inside, at: [70, 30] }], incident);
    expect(ids(ranked)).toEqual(['inside', 'outside']);
    expect(ranked[0]!.reasons[0]).toEqual({ code: 'inZone' });
    expect(ranked[0]!.walkMetres).toBeLessThan(45);
    expect(ranked[1]!.walkMetres).toBeGreaterThan(65);
  });

  it('crosses a fence only at its gate: without one the guard outside is unreachable', () => {
    const fence = lineZone('fence', 'perimeter', [10, 10], [90, 10], [90, 50], [10, 50], [10, 10]);
    const incident = { position: [20, 20] as Point, floor: 0, zoneId: null };
    const placed = [{ guard: fixtureGuard('outside'), at: [20, 4] as Point }];
    const closed = rank(fixtureSite(100, 60, [fence]), placed, incident);
    expect(closed.excluded).toEqual([{ guardId: 'outside', reason: 'unreachable', fixAgeMs: 5000 }]);
    const gated = rank(fixtureSite(100, 60, [fence, rectZone('gate', 'gate', 70, 5, 10, 10)]), placed, incident);
    expect(gated.ranked[0]!.walkMetres).toBeGreaterThan(100);
  });

  it('adds SECONDS_PER_FLOOR for each floor between guard and incident', () => {
    const incident = { position: [30, 30] as Point, floor: 3, zoneId: 'hall' };
    const { ranked } = rank(
      yard(),
      [
        { guard: fixtureGuard('same-floor'), at: [40, 30], floor: 3 },
        { guard: fixtureGuard('ground'), at: [40, 30], floor: 0 },
      ],
      incident,
    );
    expect(ids(ranked)).toEqual(['same-floor', 'ground']);
    expect(ranked[1]!.walkSeconds - ranked[0]!.walkSeconds).toBeCloseTo(3 * SECONDS_PER_FLOOR);
    expect(ranked[1]!.reasons).toContainEqual({ code: 'floors', floors: 3 });
    expect(ranked[0]!.reasons.some((r) => r.code === 'floors')).toBe(false);
  });

  it('reaches a garage incident under open ground by the lift, and a garage guard comes up by it', () => {
    const withLift = (): Site => {
      const site = yard();
      return { ...site, zones: [...site.zones, rectZone('garage', 'garage', 0, 0, 100, 60, -1)], devices: [...site.devices, fixtureDevice('lift', 'elevator', [75, 30], 'hall')] };
    };
    const lift: Point = [75, 30];
    const down = { position: [10, 50] as Point, floor: -1, zoneId: 'garage' };
    const toGarage = rank(withLift(), [{ guard: fixtureGuard('above'), at: [10, 48] }, { guard: fixtureGuard('down-there'), at: [20, 50], floor: -1 }], down);
    expect(ids(toGarage.ranked)).toEqual(['down-there', 'above']);
    expect(toGarage.ranked[0]!.walkMetres).toBeCloseTo(10);
    // Round the hall to its south door, in to the lift, down, across the garage.
    expect(toGarage.ranked[1]!.walkMetres).toBeGreaterThan(45 + 25 + distance(lift, [10, 50]));
    expect(toGarage.ranked[1]!.reasons).toContainEqual({ code: 'floors', floors: 1 });

    const up = { position: [10, 45] as Point, floor: 0, zoneId: null };
    const fromGarage = rank(withLift(), [{ guard: fixtureGuard('garage'), at: [10, 50], floor: -1 }], up);
    expect(fromGarage.ranked[0]!.walkMetres).toBeGreaterThan(distance(lift, [10, 50]) + 25 + 45);
    // A site without lifts or ramps: straight up where the guard stands.
    const noLift = rank(fixtureSite(100, 60, [rectZone('garage', 'garage', 0, 0, 100, 60, -1)]), [{ guard: fixtureGuard('garage'), at: [10, 50], floor: -1 }], up);
    expect(noLift.ranked[0]!.walkMetres).toBeLessThan(7);
  });

  it('leaves out stale, missing, off-duty, off-shift, busy, SOS and other sites’ guards, each with its reason', () => {
    const maxAge = DEFAULT_MAX_FIX_AGE_MS / 1000;
    const incident = { position: [10, 50] as Point, floor: 0, zoneId: null };
    const { ranked, excluded } = rank(
      yard(),
      [
        { guard: fixtureGuard('fresh'), at: [10, 40], ageSeconds: maxAge - 1 },
        { guard: fixtureGuard('stale'), at: [10, 40], ageSeconds: maxAge + 1 },
        { guard: fixtureGuard('no-fix') },
        { guard: fixtureGuard('off-duty', { status: 'off_duty' }), at: [10, 40] },
        { guard: fixtureGuard('off-shift', { onShift: false }), at: [10, 40] },
        { guard: fixtureGuard('busy', { status: 'busy' }), at: [10, 40] },
        { guard: fixtureGuard('sos', { status: 'sos' }), at: [10, 40] },
        { guard: fixtureGuard('elsewhere', { siteId: 'other' }), at: [10, 40] },
      ],
      incident,
    );
    expect(ids(ranked)).toEqual(['fresh']);
    expect(ranked[0]!.reasons).toContainEqual({ code: 'fixAge', seconds: maxAge - 1 });
    expect(excluded).toEqual([
      { guardId: 'busy', reason: 'busy', fixAgeMs: 5000 },
      { guardId: 'elsewhere', reason: 'otherSite', fixAgeMs: 5000 },
      { guardId: 'no-fix', reason: 'noFix' },
      { guardId: 'off-duty', reason: 'offDuty', fixAgeMs: 5000 },
      { guardId: 'off-shift', reason: 'offShift', fixAgeMs: 5000 },
      { guardId: 'sos', reason: 'sos', fixAgeMs: 5000 },
      { guardId: 'stale', reason: 'staleFix', fixAgeMs: (maxAge + 1) * 1000 },
    ]);
  });

  it('ranks guards on a job after every available guard, saying their status', () => {
    const incident = { position: [10, 50] as Point, floor: 0, zoneId: null };
    const { ranked } = rank(
      yard(),
      [
        { guard: fixtureGuard('en-route', { status: 'en_route' }), at: [10, 48] },
        { guard: fixtureGuard('far'), at: [95, 5] },
        { guard: fixtureGuard('on-scene', { status: 'on_scene' }), at: [11, 50] },
      ],
      incident,
    );
    expect(ids(ranked)).toEqual(['far', 'on-scene', 'en-route']);
    expect(ranked[1]!.reasons).toContainEqual({ code: 'status', status: 'on_scene' });
  });

  it('breaks ties by guard id', () => {
    const incident = { position: [10, 50] as Point, floor: 0, zoneId: null };
    const { ranked } = rank(
      yard(),
      ['c', 'a', 'b'].map((id) => ({ guard: fixtureGuard(id), at: [10, 30] as Point })),
      incident,
    );
    expect(ids(ranked)).toEqual(['a', 'b', 'c']);
  });

  it('on the compound: nobody unreachable, walk time never under the straight-line time, a guard outside the wall comes in by the gate', () => {
    const site = compoundSite();
    const incident = { position: [65, 242] as Point, floor: 0, zoneId: 'tower-1' };
    const placed: Placed[] = [
      { guard: fixtureGuard('lobby', { zoneIds: ['tower-1'] }), at: [80, 243] },
      { guard: fixtureGuard('north-of-tower'), at: [65, 255] },
      { guard: fixtureGuard('gatehouse'), at: [195, 6] },
      { guard: fixtureGuard('outside-west'), at: [4, 240] },
      { guard: fixtureGuard('in-lake'), at: [212, 150] },
      { guard: fixtureGuard('garage', { zoneIds: ['garage'] }), at: [65, 185], floor: -1 },
    ];
    const { ranked, excluded } = rank(site, placed, incident);
    expect(excluded).toEqual([]);
    expect(ids(ranked).slice(0, 2)).toEqual(['lobby', 'north-of-tower']);
    for (const entry of ranked) expect(entry.walkSeconds, entry.guardId).toBeGreaterThanOrEqual(entry.straightMetres / WALKING_SPEED_MPS);
    const byId = Object.fromEntries(ranked.map((entry) => [entry.guardId, entry]));
    // North of the tower: round its east or west end to the south door, then in.
    expect(byId['north-of-tower']!.walkMetres).toBeGreaterThan(13 + 20 + 7);
    // Outside the west wall: south along it to the main gate, in, and back north-west.
    expect(byId['outside-west']!.walkMetres).toBeGreaterThan(230 + 180);
  });
});
