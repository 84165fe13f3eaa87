import { describe, expect, it } from 'vitest';
import { emptyState, liveStateFromJson, liveStateToJson, type Alarm, type DomainEvent, type LiveState } from '@vigil/shared';
import { project } from '../realtime/projection.js';
import { restoredState, storedState } from './checkpoint-state.js';

const actor = { kind: 'user' as const, id: 'u1', name: 'Operator Li' };
const person = { id: 'u1', name: 'Operator Li' };
const base = { stream: 'live' as const, siteId: 's', actor };

/** Alarms raised, acknowledged, and resolved two at a time by one command (one time for both). */
function day(count: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  let seq = 0;
  const at = (minute: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + minute * 60_000).toISOString();
  for (let index = 0; index < count; index += 2) {
    for (const id of [`a${index}`, `a${index + 1}`]) {
      const time = at(index);
      const alarm: Alarm = {
        id, siteId: 's', kind: 'intrusion', priority: 2, state: 'new', source: { externalId: id }, deviceId: null, zoneId: null, location: null, message: id, text: null,
        attributes: {}, occurredAt: time, firstAt: time, lastAt: time, count: 1, owner: null, acknowledgedAt: null, heldAt: null, disposition: null, note: null,
        resolvedAt: null, resolvedBy: null, incidentId: null, escalatedAt: null,
      };
      events.push({ ...base, seq: (seq += 1), at: time, type: 'alarm.raised', payload: { alarm } });
      events.push({ ...base, seq: (seq += 1), at: at(index + 0.5), type: 'alarm.acknowledged', payload: { alarmId: id, owner: person } });
    }
    // The later-made alarm resolved first, in the same instant as the other.
    for (const id of [`a${index + 1}`, `a${index}`]) {
      events.push({ ...base, seq: (seq += 1), at: at(index + 1), type: 'alarm.resolved', payload: { alarmId: id, disposition: 'false', note: null, resolvedBy: person } });
    }
  }
  return events;
}

/**
 * Folds the events, storing and restoring the state (through JSON, as the database does) every
 * `every` events; returns the seqs where the state differs from live's (a fold with no checkpoint).
 */
function differences(events: DomainEvent[], every: number, restore: (json: string) => LiveState): number[] {
  let live = emptyState();
  let state = emptyState();
  const differ: number[] = [];
  for (const event of events) {
    live = project(live, event);
    state = project(state, event);
    if (event.seq % every === 0) state = restore(JSON.stringify(storedState(state)));
    const same = state.alarms.size === live.alarms.size && [...live.alarms.keys()].every((id) => state.alarms.has(id));
    if (!same || state.resolvedOrder.size !== live.resolvedOrder.size) differ.push(event.seq);
  }
  expect(liveStateToJson(state).seq).toBe(live.seq);
  return differ;
}

describe('a checkpoint of the projected state', () => {
  const events = day(600);

  it('folds on to exactly what live had at every event, even with alarms resolved in the same instant', () => {
    expect(differences(events, 37, (json) => restoredState(JSON.parse(json)))).toEqual([]);
    const full = events.reduce(project, emptyState());
    let state = emptyState();
    for (const event of events) state = project(event.seq === 901 ? restoredState(JSON.parse(JSON.stringify(storedState(state)))) : state, event);
    expect(full.alarms.size).toBe(200);
    expect(liveStateToJson(state)).toEqual(liveStateToJson(full));
    expect(state.resolvedOrder.toArray()).toEqual(full.resolvedOrder.toArray());
  });

  it('needs the order of resolutions: rebuilt from resolvedAt alone, it prunes the wrong alarm of a pair', () => {
    const naive = differences(events, 37, (json) => liveStateFromJson((JSON.parse(json) as ReturnType<typeof storedState>).state));
    expect(naive.length).toBeGreaterThan(0);
  });
});
