import { describe, expect, it } from 'vitest';
import { keepOpen, tick, type CheckedAlarms } from './checkedAlarmsStore';

const order = ['a', 'b', 'c', 'd', 'e'];
const none: CheckedAlarms = { checked: [], anchor: null };

describe('tick', () => {
  it('flips one alarm and makes it the anchor', () => {
    const one = tick(none, 'b', order, false);
    expect(one).toEqual({ checked: ['b'], anchor: 'b' });
    expect(tick(one, 'b', order, false)).toEqual({ checked: [], anchor: 'b' });
  });

  it('with shift, ticks the range from the anchor in queue order, either way', () => {
    const fromB = tick(none, 'b', order, false);
    expect([...tick(fromB, 'd', order, true).checked].sort()).toEqual(['b', 'c', 'd']);
    const fromD = tick(none, 'd', order, false);
    expect([...tick(fromD, 'a', order, true).checked].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps ticks outside the range, and treats shift without an anchor as a plain tick', () => {
    const two = tick(tick(none, 'e', order, false), 'a', order, false);
    expect([...tick(two, 'b', order, true).checked].sort()).toEqual(['a', 'b', 'e']);
    expect(tick(none, 'c', order, true)).toEqual({ checked: ['c'], anchor: 'c' });
  });
});

describe('keepOpen', () => {
  it('drops alarms that left the queue, and an anchor among them', () => {
    const state = { checked: ['a', 'b', 'c'], anchor: 'c' };
    expect(keepOpen(state, new Set(['a', 'b']))).toEqual({ checked: ['a', 'b'], anchor: null });
  });

  it('returns the same state when nothing left', () => {
    const state = { checked: ['a'], anchor: 'a' };
    expect(keepOpen(state, new Set(order))).toBe(state);
  });
});
