import { emptyState, keyedOf, type Device, type Site } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { buildAlarm, burst, T0 } from './buildAlarm.testing';
import { liveAlarms, liveFold, zoneResolver } from './liveQueue';
import { foldPart } from './stormFold';

function siteWith(devices: Partial<Device>[]): Site {
  return {
    id: 'demo',
    name: '翠湖花园',
    nameEn: null,
    plan: { width: 100, height: 100 },
    anchor: null,
    backdrop: null,
    floors: [],
    zones: [],
    devices: devices.map((device, i) => ({ id: `dev-${i}`, zoneId: null, ...device }) as Device),
  };
}

describe('the live queue reader', () => {
  it('splits the live alarms into open (queue order) and resolved (newest first)', () => {
    const older = buildAlarm(0, { priority: 3 });
    const urgent = buildAlarm(5, { priority: 2 });
    const done = buildAlarm(1, { state: 'resolved', resolvedAt: new Date(T0 + 9_000).toISOString() });
    const { open, resolved } = liveAlarms({ alarms: keyedOf({ [older.id]: older, [urgent.id]: urgent, [done.id]: done }) });
    expect(open.map(({ id }) => id)).toEqual([urgent.id, older.id]);
    expect(resolved.map(({ id }) => id)).toEqual([done.id]);
  });

  it('folds an alarm by its device’s zone when it names none itself', () => {
    const flood = burst(21, 0, 1, { zoneId: null });
    const site = siteWith(flood.map((alarm) => ({ id: alarm.deviceId!, zoneId: 'demo-z-garage' })));
    const zoneOf = zoneResolver({ demo: site });
    expect(zoneOf(flood[0]!)).toBe('demo-z-garage');
    expect(zoneOf(buildAlarm(0, { zoneId: 'own', deviceId: flood[0]!.deviceId }))).toBe('own');
    const items = liveFold({ ...emptyState(), alarms: keyedOf(Object.fromEntries(flood.map((alarm) => [alarm.id, alarm]))), sites: { demo: site } }, T0 + 30_000);
    expect(items).toHaveLength(1);
    expect(items[0]?.type === 'storm' && items[0].storm.key).toBe('zone:demo:demo-z-garage');
  });
});

describe('foldPart', () => {
  it('shows part of the queue as the whole queue folds it: rows stay rows, a storm’s members here are one line', () => {
    // A site-wide storm over ten zones: one zone's details see its three alarms as one storm line.
    const everywhere = Array.from({ length: 10 }, (_, zone) => burst(3, zone, 0.5, { zoneId: `z${zone}` })).flat();
    const single = buildAlarm(500, { zoneId: 'z0', priority: 4 });
    const all = [...everywhere, single];
    const items = liveFold({ alarms: keyedOf(Object.fromEntries(all.map((alarm) => [alarm.id, alarm]))), sites: {} }, T0 + 600_000);
    const zone0 = all.filter((alarm) => alarm.zoneId === 'z0');
    const part = foldPart(items, zone0);
    expect(part.map((item) => (item.type === 'alarm' ? item.alarm.id : [item.part.storm.key, item.part.members.length]))).toEqual([single.id, ['site:demo', 3]]);
    expect(foldPart(items, [])).toEqual([]);
  });
});
