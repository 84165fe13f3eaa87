import type { Point, Zone } from './types.js';

/** A place known both on the plan (local metres) and on the earth. */
export interface ControlPoint {
  plan: Point;
  lat: number;
  lon: number;
}

/** Places GPS fixes on a site plan: three or more control points, fitted by least squares. */
export interface GeoAnchor {
  controlPoints: ControlPoint[];
}

/** plan = A · (east, north) + t, with east/north in metres from (lat0, lon0). */
export interface PlanTransform {
  lat0: number;
  lon0: number;
  /** [a, b, c, d, e, f]: x = a·east + b·north + c, y = d·east + e·north + f */
  coefficients: [number, number, number, number, number, number];
  /** Root-mean-square distance (m) between control points and where the fit puts them. */
  rmsError: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

function toLocalMetres(lat: number, lon: number, lat0: number, lon0: number): [number, number] {
  return [(lon - lon0) * RAD * EARTH_RADIUS_M * Math.cos(lat0 * RAD), (lat - lat0) * RAD * EARTH_RADIUS_M];
}

/** Solves the 3×3 system M·v = r by Cramer's rule; null when M is singular. */
function solve3(m: number[][], r: number[]): [number, number, number] | null {
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return null;
  const column = (i: number) => m.map((row, j) => row.map((value, k) => (k === i ? r[j]! : value)));
  return [det(column(0)) / d, det(column(1)) / d, det(column(2)) / d];
}

/**
 * Fits the affine transform from GPS to plan. Needs three or more control points that are
 * not on one line; returns an error naming the problem otherwise.
 */
export function fitPlanTransform(anchor: GeoAnchor): { ok: true; transform: PlanTransform } | { ok: false; error: string } {
  const points = anchor.controlPoints;
  if (points.length < 3) return { ok: false, error: 'controlPoints: at least 3 are needed' };
  const lat0 = points.reduce((sum, p) => sum + p.lat, 0) / points.length;
  const lon0 = points.reduce((sum, p) => sum + p.lon, 0) / points.length;
  const local = points.map((p) => toLocalMetres(p.lat, p.lon, lat0, lon0));
  // Normal equations for least squares: [Σee Σen Σe; Σen Σnn Σn; Σe Σn N]
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const rx = [0, 0, 0];
  const ry = [0, 0, 0];
  local.forEach(([e, n], i) => {
    const row = [e, n, 1];
    for (let j = 0; j < 3; j += 1) {
      for (let k = 0; k < 3; k += 1) m[j]![k]! += row[j]! * row[k]!;
      rx[j]! += row[j]! * points[i]!.plan[0];
      ry[j]! += row[j]! * points[i]!.plan[1];
    }
  });
  const x = solve3(m, rx);
  const y = solve3(m, ry);
  if (!x || !y) return { ok: false, error: 'controlPoints: must not all lie on one line' };
  const coefficients: PlanTransform['coefficients'] = [x[0], x[1], x[2], y[0], y[1], y[2]];
  const transform: PlanTransform = { lat0, lon0, coefficients, rmsError: 0 };
  const squared = points.reduce((sum, p) => {
    const [px, py] = gpsToPlan(transform, p.lat, p.lon);
    return sum + (px - p.plan[0]) ** 2 + (py - p.plan[1]) ** 2;
  }, 0);
  transform.rmsError = Math.sqrt(squared / points.length);
  return { ok: true, transform };
}

export function gpsToPlan(transform: PlanTransform, lat: number, lon: number): Point {
  const [e, n] = toLocalMetres(lat, lon, transform.lat0, transform.lon0);
  const [a, b, c, d, f, g] = transform.coefficients;
  return [a * e + b * n + c, d * e + f * n + g];
}

/** The inverse, for showing a plan point as GPS (export, the guard page). */
export function planToGps(transform: PlanTransform, point: Point): { lat: number; lon: number } {
  const [a, b, c, d, f, g] = transform.coefficients;
  const det = a * f - b * d;
  const x = point[0] - c;
  const y = point[1] - g;
  const e = (f * x - b * y) / det;
  const n = (-d * x + a * y) / det;
  return {
    lat: transform.lat0 + n / (EARTH_RADIUS_M * RAD),
    lon: transform.lon0 + e / (EARTH_RADIUS_M * RAD * Math.cos(transform.lat0 * RAD)),
  };
}

/** Ray casting; the ring may or may not repeat its first point. */
export function pointInRing(point: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(point: Point, rings: readonly (readonly Point[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

/**
 * A point that stands for a zone on the plan: inside an area (its centroid when that lies inside,
 * else the middle of the widest span across it at the centroid's height), halfway along a line.
 */
export function zonePoint(geometry: Zone['geometry']): Point | null {
  if (geometry.type === 'LineString') return alongLine(geometry.coordinates, 0.5);
  const rings = geometry.coordinates;
  const outer = rings[0];
  if (!outer || outer.length < 3) return outer?.[0] ?? null;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i, i += 1) {
    const [xi, yi] = outer[i]!;
    const [xj, yj] = outer[j]!;
    const cross = xj * yi - xi * yj;
    area += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  const centroid: Point = area === 0 ? outer[0]! : [cx / (3 * area), cy / (3 * area)];
  if (pointInPolygon(centroid, rings)) return centroid;
  // A concave area: across it at the centroid's height, the widest stretch inside.
  const y = centroid[1];
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Point = outer[0]!;
  let widest = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1]! - xs[k]! > widest) {
      widest = xs[k + 1]! - xs[k]!;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

function alongLine(points: readonly Point[], fraction: number): Point | null {
  if (points.length === 0) return null;
  const lengths = points.slice(1).map((point, index) => distance(points[index]!, point));
  let left = lengths.reduce((sum, length) => sum + length, 0) * fraction;
  for (let index = 0; index < lengths.length; index += 1) {
    const length = lengths[index]!;
    if (left <= length && length > 0) {
      const [a, b] = [points[index]!, points[index + 1]!];
      return [a[0] + ((b[0] - a[0]) * left) / length, a[1] + ((b[1] - a[1]) * left) / length];
    }
    left -= length;
  }
  return points.at(-1)!;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
