import type { DomainEvent, SyncMessage } from '@vigil/shared';
import { emptyState, liveStateToJson } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { createSyncGate } from './syncGate';

const event = (seq: number) => ({ seq, type: 'alarm.resumed', payload: { alarmId: 'a' } }) as DomainEvent;
const catchUp = (seqs: number[]): SyncMessage => ({ kind: 'events', stream: 'live', events: seqs.map(event), serverTime: new Date().toISOString() });

function recordingGate() {
  const applied: string[] = [];
  const gate = createSyncGate({
    sync: (message) => applied.push(message.kind === 'events' ? `sync:${message.events.map((e) => e.seq).join(',')}` : 'snapshot'),
    event: (e) => applied.push(`event:${e.seq}`),
  });
  return { gate, applied };
}

describe('createSyncGate', () => {
  it('holds live events that arrive before the sync and applies them after it, in order', () => {
    const { gate, applied } = recordingGate();
    gate.event(event(5));
    gate.event(event(6));
    expect(applied).toEqual([]);
    gate.sync(catchUp([4, 5]));
    expect(applied).toEqual(['sync:4,5', 'event:5', 'event:6']);
    expect(gate.synced).toBe(true);
  });

  it('passes live events straight through once synced', () => {
    const { gate, applied } = recordingGate();
    gate.sync(catchUp([]));
    gate.event(event(1));
    expect(applied).toEqual(['sync:', 'event:1']);
  });

  it('starts over after a disconnect: events wait for the next connection’s sync', () => {
    const { gate, applied } = recordingGate();
    gate.sync(catchUp([]));
    gate.reset();
    expect(gate.synced).toBe(false);
    gate.event(event(9));
    expect(applied).toEqual(['sync:']);
    gate.sync({ kind: 'snapshot', stream: 'live', seq: 8, state: { ...liveStateToJson(emptyState()), seq: 8 }, serverTime: new Date().toISOString() });
    expect(applied).toEqual(['sync:', 'snapshot', 'event:9']);
  });

  it('drops what was buffered for a connection that ended before its sync', () => {
    const { gate, applied } = recordingGate();
    gate.event(event(3));
    gate.reset();
    gate.sync(catchUp([3]));
    expect(applied).toEqual(['sync:3']);
  });
});
