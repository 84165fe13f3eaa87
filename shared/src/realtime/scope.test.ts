import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events.js';
import type { GuardLive } from '../domain/guard.js';
import type { Hazard } from '../domain/patrol.js';
import { applyEvents, emptyState, liveStateToJson, type LiveState } from '../domain/reducer.js';
import type { Alarm, Site } from '../domain/types.js';
import type { Monitor } from '../domain/wall.js';
import { guardAlarmSource, guardAudience, scopeState, visibleTo, type Viewer } from './scope.js';

const actor = { kind: 'system' as const, id: 'test', name: 'test' };
let seq = 0;
const at = '2026-12-02T03:00:00.000Z';
const event = (partial: Omit<DomainEvent, 'seq' | 'at' | 'stream' | 'actor'>): DomainEvent =>
  ({ ...partial, seq: (seq += 1), at, stream: 'live', actor }) as DomainEvent;

const site = (id: string): Site => ({ id, name: id, nameEn: null, plan: { width: 100, height: 100 }, anchor: null, backdrop: null, floors: [], zones: [], devices: [] });
const guard = (id: string, siteId: string, userId: string | null): GuardLive => ({
  id, siteId, callsign: id, name: id, status: 'available', onShift: true, userId, zoneIds: [],
});
const alarm = (id: string, siteId: string, overrides: Partial<Alarm> = {}): Alarm => ({
  id, siteId, kind: 'intrusion', priority: 2, state: 'new', source: { externalId: `panel:${id}` }, deviceId: null, zoneId: null,
  location: null, message: id, text: null, attributes: {}, occurredAt: at, firstAt: at, lastAt: at, count: 1, owner: null,
  acknowledgedAt: null, heldAt: null, disposition: null, note: null, resolvedAt: null, resolvedBy: null, ...overrides,
});
const monitor = (id: string, siteId: string): Monitor =>
  ({ id, siteId, name: id, place: null, alarmRule: null, view: { layout: 1, tiles: [] }, releasedAlarmIds: [] }) as unknown as Monitor;

/** Two sites; guards A1 (login ua1) and A2 (ua2) on A, B1 (ub1) on B; an SOS of A1, an SOS of A2 and a beam alarm on each site. */
const history: DomainEvent[] = [
  event({ siteId: 'A', type: 'site.saved', payload: { site: site('A') } }),
  event({ siteId: 'B', type: 'site.saved', payload: { site: site('B') } }),
  event({ siteId: 'A', type: 'guard.saved', payload: { guard: guard('A1', 'A', 'ua1') } }),
  event({ siteId: 'A', type: 'guard.saved', payload: { guard: guard('A2', 'A', 'ua2') } }),
  event({ siteId: 'B', type: 'guard.saved', payload: { guard: guard('B1', 'B', 'ub1') } }),
  event({ siteId: 'A', type: 'alarm.raised', payload: { alarm: alarm('sosA1', 'A', { kind: 'sos', source: { externalId: guardAlarmSource('A1') } }) } }),
  event({ siteId: 'A', type: 'alarm.raised', payload: { alarm: alarm('sosA2', 'A', { kind: 'sos', source: { externalId: guardAlarmSource('A2') } }) } }),
  event({ siteId: 'A', type: 'alarm.raised', payload: { alarm: alarm('beamA', 'A') } }),
  event({ siteId: 'B', type: 'alarm.raised', payload: { alarm: alarm('beamB', 'B') } }),
  // An integration's SOS on a guard's source is still not the guard's own unless it names that guard.
  event({ siteId: 'A', type: 'alarm.raised', payload: { alarm: alarm('panicA', 'A', { kind: 'panic', source: { externalId: guardAlarmSource('A1') } }) } }),
  event({ siteId: 'A', type: 'alarm.acknowledged', payload: { alarmId: 'sosA1', owner: { id: 'op', name: 'op' } } }),
  event({ siteId: 'A', type: 'alarm.acknowledged', payload: { alarmId: 'beamA', owner: { id: 'op', name: 'op' } } }),
  event({ siteId: 'A', type: 'guard.statusChanged', payload: { guardId: 'A1', status: 'sos', previous: 'available' } }),
  event({ siteId: 'A', type: 'guard.statusChanged', payload: { guardId: 'A2', status: 'busy', previous: 'available' } }),
  event({ siteId: 'A', type: 'device.statusChanged', payload: { deviceId: 'd', status: 'fault', previous: 'online' } }),
  event({ siteId: 'B', type: 'device.statusChanged', payload: { deviceId: 'd', status: 'fault', previous: 'online' } }),
  event({ siteId: 'A', type: 'wall.monitorSaved', payload: { monitor: monitor('mA', 'A') } }),
  event({ siteId: 'B', type: 'wall.monitorSaved', payload: { monitor: monitor('mB', 'B') } }),
];
const state: LiveState = applyEvents(emptyState(), history);

const guardA1: Viewer = { userId: 'ua1', role: 'guard', siteIds: null };
const operatorA: Viewer = { userId: 'opA', role: 'operator', siteIds: ['A'] };
const admin: Viewer = { userId: 'admin', role: 'admin', siteIds: null };
const seen = (viewer: Viewer) => history.filter((e) => visibleTo(viewer, e, state)).map((e) => e.seq);

describe('scopeState', () => {
  it("gives a guard only the phone's share: own entry, own SOS, own site, no wall", () => {
    const scoped = liveStateToJson(scopeState(guardA1, state));
    expect(Object.keys(scoped.guards)).toEqual(['A1']);
    expect(Object.keys(scoped.alarms)).toEqual(['sosA1']);
    expect(Object.keys(scoped.sites)).toEqual(['A']);
    expect(scoped.monitors).toEqual({});
    expect(scoped.presets).toEqual({});
    expect(scoped.seq).toBe(state.seq);
  });

  it('gives a guard with no roster entry nothing', () => {
    const scoped = liveStateToJson(scopeState({ userId: 'nobody', role: 'guard', siteIds: null }, state));
    expect([scoped.guards, scoped.alarms, scoped.sites, scoped.monitors]).toEqual([{}, {}, {}, {}]);
  });

  it("limits a site-bound operator to that site's alarms, guards, monitors and plan", () => {
    const scoped = liveStateToJson(scopeState(operatorA, state));
    expect(Object.keys(scoped.sites)).toEqual(['A']);
    expect(Object.keys(scoped.guards).sort()).toEqual(['A1', 'A2']);
    expect(Object.keys(scoped.alarms).sort()).toEqual(['beamA', 'panicA', 'sosA1', 'sosA2']);
    expect(Object.keys(scoped.monitors)).toEqual(['mA']);
  });

  it('gives an all-sites viewer the whole state', () => {
    expect(scopeState(admin, state)).toBe(state);
  });
});

describe('visibleTo', () => {
  it('lets a guard see their own events and their site, nothing of other guards, other alarms or the wall', () => {
    const types = history.filter((e) => visibleTo(guardA1, e, state)).map((e) => `${e.type}:${e.siteId}`);
    expect(types).toEqual([
      'site.saved:A',
      'guard.saved:A',
      'alarm.raised:A', // sosA1
      'alarm.acknowledged:A', // sosA1
      'guard.statusChanged:A', // A1
      'device.statusChanged:A',
    ]);
  });

  it("keeps a site-bound operator to that site's events and an admin to all", () => {
    expect(history.filter((e) => visibleTo(operatorA, e, state)).every((e) => e.siteId === 'A')).toBe(true);
    expect(seen(operatorA)).toHaveLength(history.filter((e) => e.siteId === 'A').length);
    expect(seen(admin)).toHaveLength(history.length);
  });

  it('agrees with the snapshot: applying the visible events gives the scoped state', () => {
    for (const viewer of [guardA1, operatorA, admin, { userId: 'ub1', role: 'guard' as const, siteIds: null }]) {
      const replayed = applyEvents(emptyState(), history.filter((e) => visibleTo(viewer, e, state)));
      const scoped = scopeState(viewer, state);
      expect({ ...replayed, seq: 0 }).toEqual({ ...scoped, seq: 0 });
    }
  });
});

describe('a route change that cancels tours', () => {
  it("reaches the phones of the cancelled tours' guards only, and the phone's state loses them", () => {
    const tour = (id: string, guardId: string | null, siteId: string) => ({
      id, routeId: 'r', siteId, name: id, nameEn: null, guardId, post: null, startsAt: at, radiusM: 20, allowArrival: false, graceMinutes: 5,
      checkpoints: [{ deviceId: 'cp', dueAt: at, checkedAt: null, method: null, flagged: false, late: false, missedAt: null }],
    });
    const scheduled = [tour('tA1', 'A1', 'A'), tour('tA2', 'A2', 'A'), tour('tB', null, 'B')].map((t) => event({ siteId: t.siteId, type: 'patrol.tourScheduled', payload: { tour: t } }));
    const cancelled = event({ siteId: 'A', type: 'patrol.toursCancelled', payload: { routeId: 'r', reason: 'routeRetired', tours: [{ id: 'tA1', guardId: 'A1' }] } });
    const before = applyEvents(state, scheduled);
    const after = applyEvents(before, [cancelled]);
    expect([...after.tours.keys()].sort()).toEqual(['tA2', 'tB']);
    expect(guardAudience(cancelled, after)).toEqual(['ua1']);
    expect(['ua1', 'ua2', 'ub1'].filter((userId) => visibleTo({ userId, role: 'guard', siteIds: null }, cancelled, after))).toEqual(['ua1']);
    const phone = applyEvents(scopeState(guardA1, before), [cancelled]);
    expect({ ...phone, seq: 0 }).toEqual({ ...scopeState(guardA1, after), seq: 0 });
  });
});

describe('a hazard given to a guard who did not report it', () => {
  it("reaches the assignee's phone with the hazard, and the phone it was taken from on reassigning", () => {
    const hazard: Hazard = {
      id: 'h1', siteId: 'A', state: 'open', note: '消防门闭门器损坏', location: null, deviceId: null, tourId: null, reportedBy: { id: 'cmd', name: 'C' },
      reportedAt: at, assignee: null, assignedAt: null, rectifiedAt: null, rectifyNote: null, verifiedAt: null, verifiedBy: null, photoIds: [],
    };
    const by = { id: 'cmd', name: 'C' };
    const toA1 = { id: 'ua1', name: 'A1' };
    const reported = event({ siteId: 'A', type: 'hazard.reported', payload: { hazard } });
    const assigned = event({ siteId: 'A', type: 'hazard.assigned', payload: { hazardId: 'h1', assignee: toA1, by, hazard: { ...hazard, state: 'assigned', assignee: toA1, assignedAt: at }, previous: null } });
    const toA2 = { id: 'ua2', name: 'A2' };
    const reassigned = event({ siteId: 'A', type: 'hazard.assigned', payload: { hazardId: 'h1', assignee: toA2, by, hazard: { ...hazard, state: 'assigned', assignee: toA2, assignedAt: at }, previous: toA1 } });
    const logins = ['ua1', 'ua2', 'ub1'];
    const phones = new Map(logins.map((userId) => [userId, scopeState({ userId, role: 'guard', siteIds: null }, state)]));
    let server = state;
    for (const [e, audience] of [[reported, []], [assigned, ['ua1']], [reassigned, ['ua1', 'ua2']]] as const) {
      server = applyEvents(server, [e]);
      // The reporter (a commander) is named too; only guard logins have phone rooms.
      expect(guardAudience(e, server).filter((userId) => logins.includes(userId)).sort()).toEqual(audience);
      expect(logins.filter((userId) => visibleTo({ userId, role: 'guard', siteIds: null }, e, server))).toEqual(audience);
      for (const userId of audience) phones.set(userId, applyEvents(phones.get(userId)!, [e]));
      if (e === assigned) expect(phones.get('ua1')!.hazards.get('h1')).toMatchObject({ state: 'assigned', note: '消防门闭门器损坏', assignee: toA1 });
    }
    expect(phones.get('ua2')!.hazards.get('h1')).toMatchObject({ state: 'assigned', assignee: toA2 });
    // Taken from A1: the copy on A1's phone no longer names them.
    expect(phones.get('ua1')!.hazards.get('h1')?.assignee).toEqual(toA2);
    expect(phones.get('ub1')!.hazards.has('h1')).toBe(false);
  });
});

describe('guardAudience', () => {
  it('names exactly the guard logins visibleTo admits', () => {
    const logins = ['ua1', 'ua2', 'ub1', 'stranger'];
    for (const e of history) {
      const expected = logins.filter((userId) => visibleTo({ userId, role: 'guard', siteIds: null }, e, state)).sort();
      expect(guardAudience(e, state).sort()).toEqual(expected);
    }
  });
});
