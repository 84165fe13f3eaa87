import { describe, expect, it } from 'vitest';
import { DEDUPE_WINDOW_MS, dedupKey, isEscalatedUntaken, mergesInto, priorityBand, transition, type AlarmCommand, type AlarmState } from './alarm.js';

describe('the alarm state machine', () => {
  const table: [AlarmState, AlarmCommand, AlarmState | null][] = [
    ['new', 'acknowledge', 'acknowledged'],
    ['new', 'hold', null],
    ['new', 'resume', null],
    ['new', 'resolve', null],
    ['acknowledged', 'acknowledge', null],
    ['acknowledged', 'hold', 'on_hold'],
    ['acknowledged', 'resume', null],
    ['acknowledged', 'resolve', 'resolved'],
    ['on_hold', 'acknowledge', null],
    ['on_hold', 'hold', null],
    ['on_hold', 'resume', 'acknowledged'],
    ['on_hold', 'resolve', 'resolved'],
    ['resolved', 'acknowledge', null],
    ['resolved', 'hold', null],
    ['resolved', 'resume', null],
    ['resolved', 'resolve', null],
  ];

  it.each(table)('%s + %s → %s', (from, command, to) => {
    const result = transition(from, command);
    if (to) expect(result).toEqual({ ok: true, to });
    else expect(result).toMatchObject({ ok: false, error: expect.stringContaining(`cannot ${command} an alarm that is ${from}`) });
  });
});

describe('the 30 s dedupe window', () => {
  const lastAt = '2026-11-23T03:00:00.000Z';
  const at = (ms: number) => new Date(Date.parse(lastAt) + ms);

  it('merges a repeat at 0 s, 29.999 s and exactly 30 s after the last occurrence', () => {
    expect(mergesInto({ state: 'new', lastAt }, at(0))).toBe(true);
    expect(mergesInto({ state: 'new', lastAt }, at(29_999))).toBe(true);
    expect(mergesInto({ state: 'acknowledged', lastAt }, at(DEDUPE_WINDOW_MS))).toBe(true);
  });

  it('does not merge after the window, into a resolved alarm, or back in time', () => {
    expect(mergesInto({ state: 'new', lastAt }, at(30_001))).toBe(false);
    expect(mergesInto({ state: 'resolved', lastAt }, at(1_000))).toBe(false);
    expect(mergesInto({ state: 'new', lastAt }, at(-1))).toBe(false);
  });

  it('keys by site, source and kind', () => {
    expect(dedupKey('a', 'device:x', 'fire')).not.toBe(dedupKey('a', 'device:x', 'smoke'));
    expect(dedupKey('a', 'device:x', 'fire')).not.toBe(dedupKey('b', 'device:x', 'fire'));
  });
});

describe('priority bands', () => {
  it('maps 1 to critical, 2 high, 3 medium and the rest low', () => {
    expect([1, 2, 3, 4, 9].map(priorityBand)).toEqual(['critical', 'high', 'medium', 'low', 'low']);
  });
});

describe('an escalated alarm still waiting to be taken', () => {
  const escalatedAt = '2026-12-02T03:01:00.000Z';
  it('waits while new, escalated and in no incident', () => {
    expect(isEscalatedUntaken({ state: 'new', escalatedAt, incidentId: null })).toBe(true);
    expect(isEscalatedUntaken({ state: 'new', escalatedAt: null, incidentId: null })).toBe(false);
    expect(isEscalatedUntaken({ state: 'acknowledged', escalatedAt, incidentId: null })).toBe(false);
    expect(isEscalatedUntaken({ state: 'new', escalatedAt, incidentId: 'incident-1' })).toBe(false);
  });
});
