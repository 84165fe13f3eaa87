import { describe, expect, it } from 'vitest';
import { wedgePoints } from './cameraGeometry';

describe('wedgePoints', () => {
  it('opens the wedge around the heading, clockwise from north (plan y is north)', () => {
    const points = wedgePoints([10, 10], { heading: 90, angle: 0, range: 20 });
    const [x, y] = points[1]!;
    expect(x).toBeCloseTo(30);
    expect(y).toBeCloseTo(10);
  });
});
