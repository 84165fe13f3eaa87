import { TRAIL_MS, type GuardFix } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { applyFrame, mergeTrails, trailSegments, TRAIL_GAP_MS, type GuardTracks } from './guardTracks';

const T0 = Date.UTC(2026, 10, 23, 20, 0, 0);
const fix = (guardId: string, seconds: number, x = seconds): GuardFix => ({
  guardId,
  siteId: 'demo',
  at: new Date(T0 + seconds * 1000).toISOString(),
  position: [x, 0],
  floor: 0,
  accuracy: 5,
  heading: null,
  speed: null,
  battery: null,
  source: 'phone',
});

describe('applyFrame', () => {
  it('moves a guard to its newest fix and keeps the trail in time order', () => {
    const tracks: GuardTracks = new Map();
    applyFrame(tracks, { siteId: 'demo', full: true, fixes: [fix('a1', 0)] });
    const changed = applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 2)] });
    expect([...changed]).toEqual(['a1']);
    applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 1)] });
    expect(tracks.get('a1')?.fix.position).toEqual([2, 0]);
    expect(tracks.get('a1')?.trail.map((f) => f.position[0])).toEqual([0, 1, 2]);
  });

  it('ignores a repeated fix', () => {
    const tracks: GuardTracks = new Map();
    applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 0)] });
    expect(applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 0)] }).size).toBe(0);
  });

  it('takes a newer battery for the same fix (a tracker report without a position), keeping where and when', () => {
    const tracks: GuardTracks = new Map();
    applyFrame(tracks, { siteId: 'demo', full: false, fixes: [{ ...fix('a1', 0), battery: 80 }] });
    const changed = applyFrame(tracks, { siteId: 'demo', full: false, fixes: [{ ...fix('a1', 0), battery: 33 }] });
    expect([...changed]).toEqual(['a1']);
    expect(tracks.get('a1')?.fix).toMatchObject({ battery: 33, at: fix('a1', 0).at, position: [0, 0] });
    expect(tracks.get('a1')?.trail).toHaveLength(1);
  });

  it('keeps only the last TRAIL_MS of trail', () => {
    const tracks: GuardTracks = new Map();
    const late = TRAIL_MS / 1000 + 10;
    applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 0), fix('a1', 5), fix('a1', late)] });
    expect(tracks.get('a1')?.trail.map((f) => f.position[0])).toEqual([late]);
  });

  it('drops guards of the site that a full frame leaves out', () => {
    const tracks: GuardTracks = new Map();
    applyFrame(tracks, { siteId: 'demo', full: false, fixes: [fix('a1', 0), fix('b1', 0)] });
    const changed = applyFrame(tracks, { siteId: 'demo', full: true, fixes: [fix('a1', 1)] });
    expect([...tracks.keys()]).toEqual(['a1']);
    expect(changed.has('b1')).toBe(true);
  });
});

describe('mergeTrails', () => {
  it('puts stored points behind the newest fix, once each, and leaves the marker where it is', () => {
    const tracks: GuardTracks = new Map();
    applyFrame(tracks, { siteId: 'demo', full: true, fixes: [fix('a1', 10)] });
    const stored = [fix('a1', 2), fix('a1', 5), fix('a1', 10), fix('a1', 11)].map(({ at, position, floor }) => ({ at, position, floor }));
    expect([...mergeTrails(tracks, { a1: stored, nobody: stored })]).toEqual(['a1']);
    expect(tracks.get('a1')?.trail.map((f) => f.position[0])).toEqual([2, 5, 10]);
    expect(tracks.get('a1')?.fix.position).toEqual([10, 0]);
    expect(mergeTrails(tracks, { a1: stored }).size).toBe(0);
  });
});

describe('trailSegments', () => {
  const at = (seconds: number, x: number, floor = 0) => ({ at: new Date(T0 + seconds * 1000).toISOString(), position: [x, 0] as [number, number], floor });

  it('draws a walk as one line', () => {
    expect(trailSegments([at(0, 0), at(1, 1.4), at(2, 2.8)], 0)).toEqual([[[0, 0], [1.4, 0], [2.8, 0]]]);
  });

  it('breaks the line where the guard was on another floor, instead of joining the two ends', () => {
    const trail = [at(0, 0), at(1, 1), at(2, 2, -1), at(3, 3, -1), at(4, 4), at(5, 5)];
    expect(trailSegments(trail, 0)).toEqual([[[0, 0], [1, 0]], [[4, 0], [5, 0]]]);
    expect(trailSegments(trail, -1)).toEqual([[[2, 0], [3, 0]]]);
  });

  it('breaks it across a silence or a jump no one walks', () => {
    expect(trailSegments([at(0, 0), at(1, 1), at(1 + TRAIL_GAP_MS / 1000 + 1, 2), at(62 + 1, 3)], 0)).toEqual([[[0, 0], [1, 0]], [[2, 0], [3, 0]]]);
    expect(trailSegments([at(0, 0), at(1, 1), at(11, 300), at(12, 301)], 0)).toEqual([[[0, 0], [1, 0]], [[300, 0], [301, 0]]]);
  });
});
