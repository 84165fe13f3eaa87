import type { Alarm, DomainEvent } from '@vigil/shared';
import { emptyState, liveStateToJson } from '@vigil/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEEP_RESOLVED, useAlarmStore } from './alarmStore';

function buildAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return {
    id: 'alarm-1',
    siteId: 'demo',
    kind: 'fire',
    priority: 1,
    state: 'new',
    source: { deviceId: 'demo-mcp-01' },
    deviceId: 'demo-mcp-01',
    location: null,
    zoneId: 'demo-z-clubhouse',
    message: 'Manual call point activated',
    text: null,
    attributes: {},
    occurredAt: '2026-01-01T00:00:00.000Z',
    firstAt: '2026-01-01T00:00:00.000Z',
    lastAt: '2026-01-01T00:00:00.000Z',
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

const actor = { kind: 'user', id: 'u1', name: 'Operator' } as const;
const base = { stream: 'live', at: '2026-01-01T00:01:00.000Z', siteId: 'demo', actor } as const;

const raised = (seq: number, alarm: Alarm): DomainEvent => ({ ...base, seq, type: 'alarm.raised', payload: { alarm } });
const acknowledged = (seq: number, alarmId: string): DomainEvent => ({
  ...base,
  seq,
  type: 'alarm.acknowledged',
  payload: { alarmId, owner: { id: 'u1', name: 'Operator' } },
});
const resolved = (seq: number, alarmId: string): DomainEvent => ({
  ...base,
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  type: 'alarm.resolved',
  payload: { alarmId, disposition: 'false', note: null, resolvedBy: { id: 'u1', name: 'Operator' } },
});

describe('useAlarmStore', () => {
  beforeEach(() => useAlarmStore.getState().reset());

  it('replaces its state with a snapshot', () => {
    const alarm = buildAlarm();
    useAlarmStore.getState().applySync({ kind: 'snapshot', stream: 'live', seq: 7, state: { ...liveStateToJson(emptyState()), seq: 7, alarms: { [alarm.id]: alarm } }, serverTime: new Date().toISOString() });
    expect(useAlarmStore.getState().live.seq).toBe(7);
    expect(useAlarmStore.getState().live.alarms.get(alarm.id)?.state).toBe('new');
  });

  it('applies missed events, then live ones, ignoring any it already has', () => {
    const store = useAlarmStore.getState();
    store.applySync({ kind: 'events', stream: 'live', events: [raised(1, buildAlarm())], serverTime: new Date().toISOString() });
    store.applyEvent(raised(1, buildAlarm({ message: 'a duplicate delivery' })));
    store.applyEvent(acknowledged(2, 'alarm-1'));
    const { live } = useAlarmStore.getState();
    expect(live.seq).toBe(2);
    expect(live.alarms.get('alarm-1')).toMatchObject({ state: 'acknowledged', message: 'Manual call point activated' });
  });

  it(`keeps only the ${KEEP_RESOLVED} most recently resolved alarms`, () => {
    const store = useAlarmStore.getState();
    let seq = 0;
    for (let index = 0; index < KEEP_RESOLVED + 5; index += 1) {
      const id = `alarm-${index}`;
      store.applyEvent(raised(++seq, buildAlarm({ id })));
      store.applyEvent(acknowledged(++seq, id));
      store.applyEvent(resolved(++seq, id));
    }
    store.applyEvent(raised(++seq, buildAlarm({ id: 'still-open' })));
    const alarms = [...useAlarmStore.getState().live.alarms.values()];
    expect(alarms.filter((alarm) => alarm.state === 'resolved')).toHaveLength(KEEP_RESOLVED);
    expect(alarms.some((alarm) => alarm.id === 'still-open')).toBe(true);
    expect(alarms.some((alarm) => alarm.id === 'alarm-0')).toBe(false);
  });
});
