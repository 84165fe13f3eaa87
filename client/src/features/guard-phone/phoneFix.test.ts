import { describe, expect, it } from 'vitest';
import { toPhoneFix, type PositionReading } from './phoneFix';

const reading: PositionReading = {
  timestamp: Date.UTC(2026, 10, 23, 3, 0, 0),
  coords: { latitude: 30.275, longitude: 120.157, accuracy: 6, altitude: null, heading: null, speed: null },
};

describe('toPhoneFix', () => {
  it('carries the floor the guard picked, and none until one is picked', () => {
    expect(toPhoneFix(reading, 'f1', 80, -1)).toEqual({ id: 'f1', at: '2026-11-23T03:00:00.000Z', lat: 30.275, lon: 120.157, accuracy: 6, battery: 80, floor: -1 });
    expect(toPhoneFix(reading, 'f2', null)).not.toHaveProperty('floor');
  });
});
