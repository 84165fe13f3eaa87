import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './events.js';
import { emptyState, liveStateToJson } from './reducer.js';
import { checkpointAtOrBefore, checkpointDue, foldUntil, ReplayIndex } from './replay-seek.js';
import type { Alarm } from './types.js';

const actor = { kind: 'user' as const, id: 'u1', name: 'Operator Li' };
const dayStart = Date.parse('2026-12-01T00:00:00.000Z');
const DAY_MS = 24 * 3_600_000;

/** A deterministic busy day: alarms raised, repeated, acknowledged, resolved, times rising with seq. */
function busyDay(alarmCount: number): DomainEvent[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pending: { at: number; make: (seq: number, at: string) => DomainEvent }[] = [];
  for (let index = 0; index < alarmCount; index += 1) {
    const raisedAt = dayStart + Math.floor(random() * (DAY_MS - 3_600_000));
    const id = `a${index}`;
    const alarm: Alarm = {
      id, siteId: 's', kind: 'intrusion', priority: 1 + Math.floor(random() * 9), state: 'new', source: { deviceId: `d${index % 40}` }, deviceId: `d${index % 40}`, zoneId: 'z1',
      location: null, message: `beam ${index}`, text: null, attributes: {}, occurredAt: '', firstAt: '', lastAt: '', count: 1, owner: null, acknowledgedAt: null,
      heldAt: null, disposition: null, note: null, resolvedAt: null, resolvedBy: null,
    };
    const base = { stream: 'live' as const, siteId: 's', actor };
    pending.push({ at: raisedAt, make: (seq, at) => ({ ...base, seq, at, type: 'alarm.raised', payload: { alarm: { ...alarm, occurredAt: at, firstAt: at, lastAt: at } } }) });
    if (random() < 0.3) pending.push({ at: raisedAt + 5_000, make: (seq, at) => ({ ...base, seq, at, type: 'alarm.repeated', payload: { alarmId: id, count: 2, lastAt: at, priority: alarm.priority, message: `beam ${index} again` } }) });
    pending.push({ at: raisedAt + 30_000 + Math.floor(random() * 60_000), make: (seq, at) => ({ ...base, seq, at, type: 'alarm.acknowledged', payload: { alarmId: id, owner: { id: 'u1', name: 'Operator Li' } } }) });
    if (random() < 0.9) pending.push({ at: raisedAt + 120_000 + Math.floor(random() * 1_800_000), make: (seq, at) => ({ ...base, seq, at, type: 'alarm.resolved', payload: { alarmId: id, disposition: 'false', note: null, resolvedBy: { id: 'u1', name: 'Operator Li' } } }) });
  }
  return pending.sort((a, b) => a.at - b.at).map((item, index) => item.make(index + 1, new Date(item.at).toISOString()));
}

const json = (state: Parameters<typeof liveStateToJson>[0]) => liveStateToJson(state);

describe('seeking a replay', () => {
  const events = busyDay(1_500);
  const index = new ReplayIndex(emptyState(), { everyEvents: 200, everyMs: 30 * 60_000 });
  for (const event of events) index.add(event);

  it('gives the same state as a full fold from seq 0, at every checked moment', () => {
    const moments = [dayStart - 1, dayStart, ...events.filter((_, i) => i % 97 === 0).map((event) => Date.parse(event.at)), ...Array.from({ length: 60 }, (_, i) => dayStart + Math.floor((i * DAY_MS) / 60) + 1_234), dayStart + DAY_MS + 1];
    for (const moment of moments) {
      const { state } = index.stateAt(moment);
      expect(json(state), new Date(moment).toISOString()).toEqual(json(foldUntil(emptyState(), events, moment)));
    }
  });

  it('folds at most a checkpoint interval of events for any moment, however long the day', () => {
    expect(index.checkpointCount).toBeGreaterThan(events.length / 200 - 1);
    let most = 0;
    for (let moment = dayStart; moment < dayStart + DAY_MS; moment += 137_000) most = Math.max(most, index.stateAt(moment).folded);
    expect(most).toBeLessThanOrEqual(200);
    expect(most).toBeGreaterThan(0);
  });

  it('takes a checkpoint after so many events or so much time, whichever comes first', () => {
    const policy = { everyEvents: 10, everyMs: 60_000 };
    const last = { seq: 5, at: '2026-12-01T03:00:00.000Z' };
    expect(checkpointDue(null, { seq: 1, at: last.at }, policy)).toBe(true);
    expect(checkpointDue(last, { seq: 14, at: '2026-12-01T03:00:59.000Z' }, policy)).toBe(false);
    expect(checkpointDue(last, { seq: 15, at: '2026-12-01T03:00:10.000Z' }, policy)).toBe(true);
    expect(checkpointDue(last, { seq: 6, at: '2026-12-01T03:01:00.000Z' }, policy)).toBe(true);
  });

  it('finds the last checkpoint at or before a moment', () => {
    const checkpoints = [1, 5, 9].map((minute) => ({ at: new Date(dayStart + minute * 60_000).toISOString(), minute }));
    expect(checkpointAtOrBefore(checkpoints, dayStart)).toBeNull();
    expect(checkpointAtOrBefore(checkpoints, dayStart + 60_000)?.minute).toBe(1);
    expect(checkpointAtOrBefore(checkpoints, dayStart + 8 * 60_000)?.minute).toBe(5);
    expect(checkpointAtOrBefore(checkpoints, dayStart + 99 * 60_000)?.minute).toBe(9);
  });
});
