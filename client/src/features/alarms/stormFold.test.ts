import type { Alarm } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { buildAlarm, burst, T0 } from './buildAlarm.testing';
import { STORM_CALM, STORM_THRESHOLD, STORM_WINDOW_MS, foldQueue, queueAlarms, stormMembers, type QueueItem, type Storm } from './stormFold';

const at = (seconds: number) => T0 + seconds * 1000;
const storms = (items: QueueItem[]): Storm[] => items.flatMap((item) => (item.type === 'storm' ? [item.storm] : []));
const rows = (items: QueueItem[]): Alarm[] => items.flatMap((item) => (item.type === 'alarm' ? [item.alarm] : []));

describe('the fold thresholds', () => {
  it('are the issue’s: more than 20 in 60 s, calm at 5 or fewer', () => {
    expect([STORM_THRESHOLD, STORM_WINDOW_MS, STORM_CALM]).toEqual([20, 60_000, 5]);
  });
});

describe('foldQueue', () => {
  it('leaves 20 alarms in a minute as rows, and folds them all with the 21st', () => {
    const twenty = burst(20, 0, 2);
    const calm = foldQueue(twenty, at(45));
    expect(storms(calm)).toEqual([]);
    expect(rows(calm)).toHaveLength(20);

    const stormy = foldQueue([...twenty, buildAlarm(41)], at(45));
    expect(rows(stormy)).toEqual([]);
    const [storm] = storms(stormy);
    expect(storm).toMatchObject({ key: 'zone:demo:north', scope: { kind: 'zone', siteId: 'demo', zoneId: 'north' }, unacknowledged: 21 });
    expect(storm!.members).toHaveLength(21);
  });

  it('counts only the last 60 s before each arrival: alarms older than the window do not make a storm', () => {
    // 21 arrivals spread over exactly 60 s: the first has left the window when the last arrives.
    expect(storms(foldQueue(burst(21, 0, 3), at(61)))).toEqual([]);
    // 15 two minutes ago and 10 now are 25 open alarms, but never more than 15 in a minute.
    const items = foldQueue([...burst(15, 0, 1), ...burst(10, 120, 1)], at(130));
    expect(storms(items)).toEqual([]);
    expect(rows(items)).toHaveLength(25);
  });

  it('folds alarms that arrived long before the storm only if they were in its window', () => {
    const early = burst(5, 0, 10);
    const flood = burst(21, 600, 1);
    const items = foldQueue([...early, ...flood], at(700));
    expect(storms(items)[0]!.members.map(({ id }) => id).sort()).toEqual(flood.map(({ id }) => id).sort());
    expect(rows(items).map(({ id }) => id).sort()).toEqual(early.map(({ id }) => id).sort());
  });

  it('folds a zone’s storm in that zone’s card and leaves the site’s other alarms as rows', () => {
    const north = burst(25, 0, 1);
    const south = burst(3, 5, 1, { zoneId: 'south' });
    const items = foldQueue([...north, ...south], at(30));
    expect(storms(items).map(({ key, members }) => [key, members.length])).toEqual([['zone:demo:north', 25]]);
    expect(rows(items).map(({ zoneId }) => zoneId)).toEqual(['south', 'south', 'south']);
  });

  it('folds a power cut across every zone into one site-wide card that says how many zones', () => {
    const everywhere = Array.from({ length: 10 }, (_, zone) => burst(3, zone, 0.5, { zoneId: `z${zone}` })).flat();
    const unplaced = burst(2, 4, 1, { zoneId: null });
    const items = foldQueue([...everywhere, ...unplaced], at(20));
    expect(rows(items)).toEqual([]);
    const [storm] = storms(items);
    expect(storm).toMatchObject({ key: 'site:demo', scope: { kind: 'site', siteId: 'demo' }, zones: 10 });
    expect(storm!.members).toHaveLength(32);
  });

  it('keeps a zone’s storm apart from a site-wide storm of the rest', () => {
    const north = burst(25, 0, 1);
    const rest = Array.from({ length: 11 }, (_, zone) => burst(2, zone, 1, { zoneId: `z${zone}` })).flat();
    const items = foldQueue([...north, ...rest], at(30));
    expect(storms(items).map(({ key, members }) => [key, members.length]).sort()).toEqual([
      ['site:demo', 22],
      ['zone:demo:north', 25],
    ]);
  });

  it('never folds a critical alarm: it stays a row above the card, and the card says it is there', () => {
    const flood = burst(40, 0, 0.5);
    const fire = buildAlarm(10, { kind: 'fire', priority: 1 });
    const items = foldQueue([...flood, fire], at(30));
    expect(items[0]).toEqual({ type: 'alarm', alarm: fire });
    expect(items).toHaveLength(2);
    const [storm] = storms(items);
    expect(storm!.members).toHaveLength(40);
    expect(storm!.members).not.toContain(fire);
    expect(storm!.criticalApart).toBe(1);
  });

  it('does not count critical alarms towards a storm (they are never hidden, so they need not trigger hiding)', () => {
    const items = foldQueue([...burst(15, 0, 1), ...burst(10, 0, 1, { kind: 'fire', priority: 1 })], at(20));
    expect(storms(items)).toEqual([]);
    expect(rows(items)).toHaveLength(25);
  });

  it('counts acknowledgements on the card, and drops resolved members', () => {
    const flood = burst(30, 0, 1);
    const acknowledged = flood.map((alarm, i) => (i < 12 ? { ...alarm, state: 'acknowledged' as const } : alarm));
    expect(storms(foldQueue(acknowledged, at(40)))[0]).toMatchObject({ unacknowledged: 18 });

    const afterResolving = acknowledged.map((alarm, i) => (i < 5 ? { ...alarm, state: 'resolved' as const } : alarm));
    const [storm] = storms(foldQueue(afterResolving, at(40)));
    expect(storm!.members).toHaveLength(25);
    expect(storm!.unacknowledged).toBe(18);
  });

  it('unfolds into rows once resolving leaves no more than 20 of its alarms in any minute', () => {
    const flood = burst(30, 0, 1);
    const handled = (resolved: number) => flood.slice(resolved);
    expect(storms(foldQueue(handled(9), at(40)))[0]!.members).toHaveLength(21);
    const unfolded = foldQueue(handled(10), at(40));
    expect(storms(unfolded)).toEqual([]);
    expect(rows(unfolded)).toHaveLength(20);
  });

  it('goes on folding while the rate stays above calm, so a rate hovering near 20 a minute does not flicker', () => {
    const start = burst(21, 0, 1);
    // Then 10 a minute for five minutes: below the threshold, above calm.
    const trickle = burst(50, 27, 6);
    const items = foldQueue([...start, ...trickle], at(330));
    expect(rows(items)).toEqual([]);
    expect(storms(items)[0]!.members).toHaveLength(71);
  });

  it('shows an alarm after the storm has subsided as a row again, and folds again only at more than 20 a minute', () => {
    const start = burst(21, 0, 1);
    // Then 4 a minute. The first two still have the burst in their window and join; from the
    // third on, the window before each holds 5 or fewer: calm, rows.
    const calm = burst(8, 50, 15);
    const items = foldQueue([...start, ...calm], at(200));
    expect(storms(items)[0]!.members).toHaveLength(23);
    expect(rows(items).map(({ id }) => id)).toEqual(calm.slice(2).map(({ id }) => id).reverse());

    const again = burst(21, 300, 1);
    const refolded = foldQueue([...start, ...calm, ...again], at(330));
    expect(storms(refolded)[0]!.members).toHaveLength(44);
    expect(rows(refolded)).toHaveLength(6);
  });

  it('says whether the storm is still arriving from the server time, without unfolding when it has stopped', () => {
    const flood = burst(30, 0, 1);
    expect(storms(foldQueue(flood, at(40)))[0]).toMatchObject({ recent: 30, active: true });
    expect(storms(foldQueue(flood, at(75)))[0]).toMatchObject({ recent: 14, active: true });
    const later = storms(foldQueue(flood, at(600)))[0];
    expect(later).toMatchObject({ recent: 0, active: false });
    expect(later!.members).toHaveLength(30);
  });

  it('summarises the card: highest priority, kinds most frequent first, first and last arrival', () => {
    const offline = burst(18, 0, 1);
    const tamper = burst(4, 3, 1, { kind: 'tamper', priority: 3 });
    const [storm] = storms(foldQueue([...offline, ...tamper], at(30)));
    expect(storm).toMatchObject({
      highestPriority: 3,
      kinds: [
        { kind: 'device_offline', count: 18 },
        { kind: 'tamper', count: 4 },
      ],
      firstAt: offline[0]!.firstAt,
      lastAt: offline[17]!.lastAt,
    });
    // Members in queue order: the P3 tampers first, newest first.
    expect(storm!.members.slice(0, 4).map(({ id }) => id)).toEqual(tamper.map(({ id }) => id).reverse());
  });

  it('orders items like the queue: a card sits where its most urgent member would', () => {
    const high = buildAlarm(0, { kind: 'intrusion', priority: 2, zoneId: 'south' });
    const low = buildAlarm(50, { kind: 'door_held', priority: 9, zoneId: 'south' });
    const flood = burst(21, 0, 1);
    const items = foldQueue([low, ...flood, high], at(30));
    expect(items.map((item) => (item.type === 'alarm' ? item.alarm.id : item.storm.key))).toEqual([high.id, 'zone:demo:north', low.id]);
    expect(queueAlarms(items)).toHaveLength(23);
  });

  it('takes an alarm’s zone from its device through zoneOf', () => {
    const flood = burst(21, 0, 1, { zoneId: null });
    const zoneOf = (alarm: Alarm) => alarm.zoneId ?? (alarm.deviceId ? 'garage' : null);
    expect(storms(foldQueue(flood, at(30), { zoneOf }))[0]?.key).toBe('zone:demo:garage');
    expect(storms(foldQueue(flood, at(30)))[0]?.key).toBe('site:demo');
  });

  it('keeps sites apart', () => {
    const items = foldQueue([...burst(12, 0, 1, { zoneId: null }), ...burst(12, 0, 1, { zoneId: null, siteId: 'other' })], at(30));
    expect(storms(items)).toEqual([]);
  });

  it('folds 2,000 open alarms of a storm into one card and keeps every one of them', () => {
    const flood = burst(2_000, 0, 0.02);
    const items = foldQueue(flood, at(60));
    expect(items).toHaveLength(1);
    expect(new Set(queueAlarms(items).map(({ id }) => id))).toEqual(new Set(flood.map(({ id }) => id)));
  });
});

describe('stormMembers', () => {
  it('starts folding at the arrival that makes 21 in the window', () => {
    const times = Array.from({ length: 25 }, (_, i) => at(i));
    expect(stormMembers(times.slice(0, 20)).every((member) => !member)).toBe(true);
    expect(stormMembers(times).every(Boolean)).toBe(true);
  });
});
