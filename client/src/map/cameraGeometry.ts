import type { CameraView, Point } from '@vigil/shared';

const STEPS = 12;

/** The outline of a camera's field of view on the plan (x east, y north; heading clockwise from north). */
export function wedgePoints(position: Point, view: CameraView): Point[] {
  const [x, y] = position;
  const points: Point[] = [position];
  const start = view.heading - view.angle / 2;
  for (let step = 0; step <= STEPS; step += 1) {
    const angle = ((start + (view.angle * step) / STEPS) * Math.PI) / 180;
    points.push([x + Math.sin(angle) * view.range, y + Math.cos(angle) * view.range]);
  }
  return points;
}
