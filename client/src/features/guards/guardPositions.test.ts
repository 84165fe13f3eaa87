import type { DomainEvent, GuardFix } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { guardPositions, handleGuardEvent } from './guardPositions';

const fix = (guardId: string): GuardFix => ({
  guardId,
  siteId: 'demo',
  at: '2026-11-23T20:00:00.000Z',
  position: [1, 2],
  floor: 0,
  accuracy: 5,
  heading: null,
  speed: null,
  battery: null,
  source: 'osmand',
});

describe('guardPositions and the roster', () => {
  it('drops a removed guard from the map and tells the layer', () => {
    guardPositions.reset();
    guardPositions.apply({ siteId: 'demo', full: false, fixes: [fix('g1'), fix('g2')] });
    const told: string[][] = [];
    const unsubscribe = guardPositions.subscribe((changed) => told.push([...changed]));
    const removed: DomainEvent = {
      seq: 9,
      stream: 'live',
      at: '2026-11-23T20:01:00.000Z',
      siteId: 'demo',
      actor: { kind: 'user', id: 'u1', name: 'admin' },
      type: 'guard.removed',
      payload: { guardId: 'g1', callsign: 'A1' },
    };
    handleGuardEvent(removed);
    expect([...guardPositions.tracks.keys()]).toEqual(['g2']);
    expect(told).toEqual([['g1']]);
    unsubscribe();
  });
});
