import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './events.js';
import { compareAlarms } from './alarm.js';
import { applyEvent, applyEvents, emptyState, liveStateFromJson, liveStateToJson, pruneResolved } from './reducer.js';
import type { Alarm } from './types.js';

const actor = { kind: 'user' as const, id: 'u1', name: 'Operator Li' };

function alarm(overrides: Partial<Alarm> = {}): Alarm {
  return {
    id: 'a1',
    siteId: 's',
    kind: 'intrusion',
    priority: 2,
    state: 'new',
    source: { deviceId: 'd1' },
    deviceId: 'd1',
    zoneId: 'z1',
    location: null,
    message: 'beam',
    text: null,
    attributes: {},
    occurredAt: '2026-11-23T03:00:00.000Z',
    firstAt: '2026-11-23T03:00:00.000Z',
    lastAt: '2026-11-23T03:00:00.000Z',
    count: 1,
    owner: null,
    acknowledgedAt: null,
    heldAt: null,
    disposition: null,
    note: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

const base = { stream: 'live' as const, siteId: 's', actor };
const raised = (seq: number, a: Alarm): DomainEvent => ({ ...base, seq, at: a.firstAt, type: 'alarm.raised', payload: { alarm: a } });

describe('applyEvent', () => {
  it('follows an alarm from raised to resolved', () => {
    const events: DomainEvent[] = [
      raised(1, alarm()),
      { ...base, seq: 2, at: '2026-11-23T03:00:10.000Z', type: 'alarm.repeated', payload: { alarmId: 'a1', count: 2, lastAt: '2026-11-23T03:00:10.000Z', priority: 1, message: 'beam again' } },
      { ...base, seq: 3, at: '2026-11-23T03:00:20.000Z', type: 'alarm.acknowledged', payload: { alarmId: 'a1', owner: { id: 'u1', name: 'Operator Li' } } },
      { ...base, seq: 4, at: '2026-11-23T03:01:00.000Z', type: 'alarm.held', payload: { alarmId: 'a1', note: 'guard sent' } },
      { ...base, seq: 5, at: '2026-11-23T03:02:00.000Z', type: 'alarm.resumed', payload: { alarmId: 'a1' } },
      { ...base, seq: 6, at: '2026-11-23T03:03:00.000Z', type: 'alarm.resolved', payload: { alarmId: 'a1', disposition: 'false', note: 'a cat', resolvedBy: { id: 'u1', name: 'Operator Li' } } },
    ];
    const states = events.map((_, i) => applyEvents(emptyState(), events.slice(0, i + 1)));
    expect(states.map((s) => s.alarms.get('a1')?.state)).toEqual(['new', 'new', 'acknowledged', 'on_hold', 'acknowledged', 'resolved']);
    expect(states[1]!.alarms.get('a1')).toMatchObject({ count: 2, priority: 1, message: 'beam again', lastAt: '2026-11-23T03:00:10.000Z' });
    expect(states[2]!.alarms.get('a1')).toMatchObject({ owner: { name: 'Operator Li' }, acknowledgedAt: '2026-11-23T03:00:20.000Z' });
    expect(states[3]!.alarms.get('a1')).toMatchObject({ heldAt: '2026-11-23T03:01:00.000Z', note: 'guard sent' });
    expect(states[5]!.alarms.get('a1')).toMatchObject({ disposition: 'false', note: 'a cat', resolvedAt: '2026-11-23T03:03:00.000Z' });
    expect(states[5]!.seq).toBe(6);
  });

  it('ignores an event it has already applied, so a repeated delivery changes nothing', () => {
    const once = applyEvent(emptyState(), raised(7, alarm()));
    const twice = applyEvent(once, raised(7, alarm({ message: 'changed' })));
    expect(twice).toBe(once);
    expect(applyEvent(once, raised(3, alarm({ id: 'old' })))).toBe(once);
  });

  it('does not mutate the state it is given', () => {
    const before = applyEvent(emptyState(), raised(1, alarm()));
    const frozen = JSON.parse(JSON.stringify(liveStateToJson(before))) as ReturnType<typeof liveStateToJson>;
    applyEvent(before, { ...base, seq: 2, at: 'x', type: 'alarm.acknowledged', payload: { alarmId: 'a1', owner: { id: 'u', name: 'n' } } });
    expect(liveStateToJson(before)).toEqual(frozen);
  });

  it('ignores a change to an alarm it never saw, but still advances seq', () => {
    const state = applyEvent(emptyState(), { ...base, seq: 5, at: 'x', type: 'alarm.resumed', payload: { alarmId: 'ghost' } });
    expect(state).toEqual({ ...emptyState(), seq: 5 });
  });
});

describe('the queue order and pruning', () => {
  it('puts open before resolved, then priority 1 first, then the newest', () => {
    const list = [
      alarm({ id: 'low-new', priority: 4, lastAt: '2026-11-23T03:05:00Z' }),
      alarm({ id: 'p1-old', priority: 1, lastAt: '2026-11-23T03:00:00Z' }),
      alarm({ id: 'p1-new', priority: 1, lastAt: '2026-11-23T03:04:00Z' }),
      alarm({ id: 'resolved-p1', priority: 1, state: 'resolved', lastAt: '2026-11-23T03:06:00Z' }),
    ];
    expect(list.sort(compareAlarms).map((a) => a.id)).toEqual(['p1-new', 'p1-old', 'low-new', 'resolved-p1']);
  });

  it('keeps every open alarm and only the newest resolved ones', () => {
    const state = applyEvents(emptyState(), [
      raised(1, alarm({ id: 'open' })),
      raised(2, alarm({ id: 'r-old', state: 'resolved', resolvedAt: '2026-11-23T01:00:00Z' })),
      raised(3, alarm({ id: 'r-new', state: 'resolved', resolvedAt: '2026-11-23T02:00:00Z' })),
    ]);
    expect([...pruneResolved(state, 1).alarms.keys()].sort()).toEqual(['open', 'r-new']);
  });

  it('drops the alarms resolved longest ago, in the order events resolved them, also after a snapshot', () => {
    const resolve = (seq: number, alarmId: string, at: string): DomainEvent => ({
      ...base, seq, at, type: 'alarm.resolved', payload: { alarmId, disposition: 'false', note: null, resolvedBy: { id: 'u1', name: 'Li' } },
    });
    const state = applyEvents(emptyState(), [
      raised(1, alarm({ id: 'x' })), raised(2, alarm({ id: 'y' })), raised(3, alarm({ id: 'z' })), raised(4, alarm({ id: 'open' })),
      resolve(5, 'y', '2026-11-23T03:00:05.000Z'), resolve(6, 'x', '2026-11-23T03:00:06.000Z'), resolve(7, 'z', '2026-11-23T03:00:07.000Z'),
    ]);
    expect([...pruneResolved(state, 2).alarms.keys()].sort()).toEqual(['open', 'x', 'z']);
    const fromSnapshot = liveStateFromJson(JSON.parse(JSON.stringify(liveStateToJson(state))) as ReturnType<typeof liveStateToJson>);
    expect([...pruneResolved(fromSnapshot, 1).alarms.keys()].sort()).toEqual(['open', 'z']);
    expect(pruneResolved(state, 3)).toBe(state);
  });
});

describe('structural sharing', () => {
  const many = applyEvents(emptyState(), Array.from({ length: 300 }, (_, i) => raised(i + 1, alarm({ id: `a${i}` }))));

  it('changes the one alarm an event is about and keeps every other alarm as it was', () => {
    const next = applyEvent(many, { ...base, seq: 301, at: '2026-11-23T04:00:00.000Z', type: 'alarm.acknowledged', payload: { alarmId: 'a7', owner: { id: 'u1', name: 'Li' } } });
    expect(next.alarms).not.toBe(many.alarms);
    expect(next.alarms.get('a7')).not.toBe(many.alarms.get('a7'));
    expect(next.alarms.get('a7')?.state).toBe('acknowledged');
    expect(many.alarms.get('a7')?.state).toBe('new');
    expect(next.alarms.get('a8')).toBe(many.alarms.get('a8'));
    expect(next.guards).toBe(many.guards);
    expect(next.alarms.size).toBe(300);
  });

  it('travels as plain JSON records and comes back the same', () => {
    const json = JSON.parse(JSON.stringify(liveStateToJson(many))) as ReturnType<typeof liveStateToJson>;
    expect(Object.keys(json.alarms)).toHaveLength(300);
    expect(json.alarms['a5']).toEqual(many.alarms.get('a5'));
    expect(liveStateToJson(liveStateFromJson(json))).toEqual(json);
  });
});

describe('applyEvent on the wall', () => {
  const monitor = {
    id: 'm1',
    siteId: 's',
    name: '主屏',
    nameEn: null,
    position: 0,
    view: { layout: '2x2' as const, tiles: [{ kind: 'empty' as const }, { kind: 'empty' as const }, { kind: 'empty' as const }, { kind: 'empty' as const }] },
    alarmRule: null,
    releasedAlarmIds: [],
  };
  const at = '2026-11-23T03:00:00.000Z';
  const events: DomainEvent[] = [
    { ...base, seq: 1, at, type: 'wall.monitorSaved', payload: { monitor } },
    { ...base, seq: 2, at, type: 'wall.tileAssigned', payload: { monitorId: 'm1', index: 3, content: { kind: 'camera', cameraId: 'c3' } } },
    { ...base, seq: 3, at, type: 'wall.takeoverReleased', payload: { monitorId: 'm1', alarmId: 'a1' } },
    { ...base, seq: 4, at, type: 'wall.takeoverReleased', payload: { monitorId: 'm1', alarmId: 'a1' } },
  ];

  it('assigns a tile, remembers a released alarm once, and sets whole views', () => {
    const state = applyEvents(emptyState(), events);
    expect(state.monitors.m1?.view.tiles[3]).toEqual({ kind: 'camera', cameraId: 'c3' });
    expect(state.monitors.m1?.releasedAlarmIds).toEqual(['a1']);
    const view = { layout: '1' as const, tiles: [{ kind: 'alarms' as const }] };
    const next = applyEvent(state, { ...base, seq: 5, at, type: 'wall.viewSet', payload: { monitorId: 'm1', view, presetId: null } });
    expect(next.monitors.m1?.view).toEqual(view);
  });

  it('ignores events for a monitor that is gone, and removes presets', () => {
    const preset = { id: 'p1', siteId: 's', name: 'p', nameEn: null, view: monitor.view };
    let state = applyEvents(emptyState(), [
      ...events,
      { ...base, seq: 5, at, type: 'wall.presetSaved', payload: { preset } },
      { ...base, seq: 6, at, type: 'wall.monitorRemoved', payload: { monitorId: 'm1' } },
    ]);
    expect(state.presets.p1).toEqual(preset);
    state = applyEvent(state, { ...base, seq: 7, at, type: 'wall.tileAssigned', payload: { monitorId: 'm1', index: 0, content: { kind: 'alarms' } } });
    expect(state.monitors).toEqual({});
    state = applyEvent(state, { ...base, seq: 8, at, type: 'wall.presetRemoved', payload: { presetId: 'p1' } });
    expect(state.presets).toEqual({});
  });
});

describe('applyEvent on the roster', () => {
  const guard = { id: 'g1', siteId: 's', callsign: 'A1', name: '王磊', status: 'available' as const, onShift: true, userId: null, zoneIds: [] };

  it('drops a removed guard and leaves the others', () => {
    const other = { ...guard, id: 'g2', callsign: 'A2' };
    const states = applyEvents(emptyState(), [
      { ...base, seq: 1, at: '2026-11-23T03:00:00.000Z', type: 'guard.saved', payload: { guard } },
      { ...base, seq: 2, at: '2026-11-23T03:00:00.000Z', type: 'guard.saved', payload: { guard: other } },
      { ...base, seq: 3, at: '2026-11-23T03:01:00.000Z', type: 'guard.removed', payload: { guardId: 'g1', callsign: 'A1' } },
    ]);
    expect([...states.guards.keys()]).toEqual(['g2']);
    expect(states.seq).toBe(3);
  });

  it('advances seq for a guard it never saw', () => {
    const state = applyEvent(emptyState(), { ...base, seq: 1, at: '2026-11-23T03:00:00.000Z', type: 'guard.removed', payload: { guardId: 'nobody', callsign: 'X' } });
    expect(state.seq).toBe(1);
    expect(state.guards.size).toBe(0);
  });
});
