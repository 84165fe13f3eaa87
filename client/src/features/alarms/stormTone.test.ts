import type { Alarm, DomainEvent } from '@vigil/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleAlarmEvent } from './alarmEvents';
import { enableSound } from './alertTone';
import { useAlarmStore } from './alarmStore';
import { buildAlarm, burst, T0 } from './buildAlarm.testing';
import { foldQueue } from './stormFold';
import { startsTone, tonePriorities, TONE_GAP_MS } from './stormTone';

const at = (seconds: number) => T0 + seconds * 1000;

describe('tonePriorities', () => {
  const twenty = burst(20, 0, 1);
  const before = foldQueue(twenty, at(20));

  it('sounds an alarm shown as a row', () => {
    const south = buildAlarm(20, { zoneId: 'south', priority: 4 });
    expect(tonePriorities([south], before, foldQueue([...twenty, south], at(20)))).toEqual([4]);
  });

  it('sounds once when a storm card forms, then not for the alarms that join it', () => {
    const twentyFirst = buildAlarm(20);
    const formed = foldQueue([...twenty, twentyFirst], at(20));
    expect(tonePriorities([twentyFirst], before, formed)).toEqual([5]);

    const more = burst(279, 21, 0.1);
    const after = foldQueue([...twenty, twentyFirst, ...more], at(50));
    for (const alarm of more.slice(0, 3)) expect(tonePriorities([alarm], formed, after)).toEqual([]);
    expect(tonePriorities(more, formed, after)).toEqual([]);
  });

  it('sounds one tone for a storm that forms within one batch (events missed while offline)', () => {
    const flood = burst(300, 0, 0.1);
    expect(tonePriorities(flood, [], foldQueue(flood, at(40)))).toEqual([5]);
  });

  it('always sounds a critical alarm from the storming zone', () => {
    const flood = burst(40, 0, 0.5);
    const stormy = foldQueue(flood, at(20));
    const fire = buildAlarm(21, { kind: 'fire', priority: 1 });
    expect(tonePriorities([fire], stormy, foldQueue([...flood, fire], at(21)))).toEqual([1]);
  });
});

describe('startsTone', () => {
  const last = { band: 'medium', at: 1_000 } as const;
  it('starts a tone after the last one has had its time, or when there was none', () => {
    expect(startsTone('medium', 1_000 + TONE_GAP_MS, last)).toBe(true);
    expect(startsTone('low', 5, null)).toBe(true);
  });
  it('does not start a tone no more urgent than one just started', () => {
    expect(startsTone('medium', 1_200, last)).toBe(false);
    expect(startsTone('low', 1_200, last)).toBe(false);
  });
  it('starts a more urgent tone, and a critical one, at once', () => {
    expect(startsTone('high', 1_001, last)).toBe(true);
    expect(startsTone('critical', 1_001, { band: 'critical', at: 1_000 })).toBe(true);
  });
});

/** Counts the tones the page starts: each tone makes one master gain wired to the speakers. */
class CountingAudioContext {
  static tones = 0;
  state = 'suspended';
  currentTime = 0;
  destination = {};
  addEventListener() {}
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  createGain() {
    const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    return {
      gain: param,
      connect: (target: unknown) => {
        if (target === this.destination) CountingAudioContext.tones += 1;
        return target;
      },
    };
  }
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect: (target: unknown) => target, start() {}, stop() {} };
  }
}

const actor = { kind: 'integration', id: 'panel', name: 'Fire panel' } as const;
const raised = (seq: number, alarm: Alarm): DomainEvent => ({ stream: 'live', seq, at: alarm.firstAt, siteId: 'demo', actor, type: 'alarm.raised', payload: { alarm } });

describe('the wall’s tone in a storm', () => {
  beforeEach(async () => {
    vi.stubGlobal('AudioContext', CountingAudioContext);
    vi.useFakeTimers();
    useAlarmStore.getState().reset();
    await enableSound();
    CountingAudioContext.tones = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('rings for the first 20 alarms and the storm, not for the 280 after, and still for a new P1', () => {
    // One alarm every 2 s (30 a minute): each of the first 20 is a row of its own and rings.
    for (let i = 0; i < 300; i++) {
      vi.setSystemTime(at(i * 2));
      handleAlarmEvent(raised(i + 1, buildAlarm(i * 2)));
    }
    expect(CountingAudioContext.tones).toBe(21);

    vi.setSystemTime(at(601));
    handleAlarmEvent(raised(301, buildAlarm(601, { kind: 'fire', priority: 1 })));
    expect(CountingAudioContext.tones).toBe(22);
  });
});
