import { describe, expect, it } from 'vitest';
import {
  checkpointFromQr,
  checkpointQrText,
  expandSchedule,
  isLateScan,
  judgeCheckin,
  newlyMissed,
  tourCoverage,
  tourOf,
  tourStatus,
  type PatrolRoute,
} from './patrol.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('expandSchedule', () => {
  it('every 2 h from 22:00 to 06:00 in Hangzhou: four tours, the night crossing midnight', () => {
    const schedule = { timeZone: 'Asia/Shanghai', start: '22:00', end: '06:00', everyMinutes: 120 };
    // 2026-12-03 12:00 local to 2026-12-04 12:00 local.
    const starts = expandSchedule(schedule, new Date('2026-12-03T04:00:00Z'), new Date('2026-12-04T04:00:00Z'));
    expect(iso(starts)).toEqual(['2026-12-03T14:00:00.000Z', '2026-12-03T16:00:00.000Z', '2026-12-03T18:00:00.000Z', '2026-12-03T20:00:00.000Z']);
  });

  it('a window opened the evening before still gives the tours after midnight', () => {
    const schedule = { timeZone: 'Asia/Shanghai', start: '22:00', end: '06:00', everyMinutes: 120 };
    // From 01:00 local on the 4th: the 02:00 and 04:00 tours of the night that began on the 3rd.
    const starts = expandSchedule(schedule, new Date('2026-12-03T17:00:00Z'), new Date('2026-12-04T04:00:00Z'));
    expect(iso(starts)).toEqual(['2026-12-03T18:00:00.000Z', '2026-12-03T20:00:00.000Z']);
  });

  it('the same local times in another zone fall at other instants, across a DST change', () => {
    const schedule = { timeZone: 'America/New_York', start: '22:00', end: '02:00', everyMinutes: 120 };
    // 2026-03-07 is EST (UTC-5); 2026-03-08 after 02:00 is EDT (UTC-4).
    const starts = expandSchedule(schedule, new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T12:00:00Z'));
    expect(iso(starts)).toEqual(['2026-03-08T03:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T02:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('start equal to end is all day; the end is not a start', () => {
    const allDay = expandSchedule({ timeZone: 'UTC', start: '00:00', end: '00:00', everyMinutes: 360 }, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    expect(iso(allDay)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T06:00:00.000Z', '2026-01-01T12:00:00.000Z', '2026-01-01T18:00:00.000Z']);
    const day = expandSchedule({ timeZone: 'UTC', start: '08:00', end: '12:00', everyMinutes: 120 }, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    expect(iso(day)).toEqual(['2026-01-01T08:00:00.000Z', '2026-01-01T10:00:00.000Z']);
  });
});

const route: PatrolRoute = {
  id: 'r1',
  siteId: 's1',
  name: '夜巡',
  nameEn: 'Night round',
  checkpoints: [
    { deviceId: 'cp-1', minutes: 0, nfcTagId: null },
    { deviceId: 'cp-2', minutes: 10, nfcTagId: null },
    { deviceId: 'cp-3', minutes: 10, nfcTagId: 'tag-3' },
  ],
  schedule: { timeZone: 'UTC', start: '22:00', end: '06:00', everyMinutes: 120 },
  guardId: 'g1',
  post: null,
  radiusM: 20,
  allowArrival: false,
  graceMinutes: 5,
  active: true,
};

describe('late and missed checkpoints, on a fake clock', () => {
  const start = new Date('2026-12-03T22:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('a checkpoint is missed once its due time plus grace has passed, not before', () => {
    const tour = tourOf(route, 't1', start);
    expect(tour.checkpoints.map((c) => c.dueAt)).toEqual(['2026-12-03T22:00:00.000Z', '2026-12-03T22:10:00.000Z', '2026-12-03T22:20:00.000Z']);
    expect(newlyMissed(tour, at(4))).toEqual([]);
    expect(newlyMissed(tour, at(5))).toEqual([0]);
    expect(newlyMissed(tour, at(26))).toEqual([0, 1, 2]);
    tour.checkpoints[0] = { ...tour.checkpoints[0]!, checkedAt: at(1).toISOString(), method: 'qr' };
    tour.checkpoints[1] = { ...tour.checkpoints[1]!, missedAt: at(15).toISOString() };
    // Checked ones and ones already missed are not missed again.
    expect(newlyMissed(tour, at(26))).toEqual([2]);
    expect(tourStatus(tour, at(26))).toBe('in_progress');
    tour.checkpoints[2] = { ...tour.checkpoints[2]!, checkedAt: at(21).toISOString(), method: 'nfc' };
    expect(tourStatus(tour, at(26))).toBe('done');
    expect(tourCoverage(tour)).toBeCloseTo(2 / 3);
  });

  it('a scan after the grace is late; within it is on time', () => {
    const tour = tourOf(route, 't1', start);
    expect(isLateScan(tour, tour.checkpoints[1]!, at(15))).toBe(false);
    expect(isLateScan(tour, tour.checkpoints[1]!, at(15.5))).toBe(true);
    expect(tourStatus(tourOf(route, 't2', at(60)), at(0))).toBe('upcoming');
  });
});

describe('the anti-fake rule', () => {
  const checkpoint = { position: [100, 100] as [number, number], floor: 0 };
  const scan = new Date('2026-12-03T22:10:00Z');
  const fix = (minutes: number, x: number, floor = 0) => ({ at: new Date(scan.getTime() + minutes * 60_000).toISOString(), position: [x, 100] as [number, number], floor });

  it('believes a scan when the guard came within the radius a few minutes around it', () => {
    const judged = judgeCheckin(checkpoint, 20, scan, [fix(-2, 160), fix(-1, 115), fix(1, 140)]);
    expect(judged).toEqual({ flagged: false, nearestM: 15, fixes: 3 });
  });

  it('flags a scan when the guard was never near: far away, on another floor, or near only outside the window', () => {
    expect(judgeCheckin(checkpoint, 20, scan, [fix(-2, 300), fix(2, 250)]).flagged).toBe(true);
    expect(judgeCheckin(checkpoint, 20, scan, [fix(0, 100, -1)]).flagged).toBe(true);
    expect(judgeCheckin(checkpoint, 20, scan, [fix(-10, 100), fix(10, 100)])).toEqual({ flagged: true, nearestM: null, fixes: 0 });
    expect(judgeCheckin(checkpoint, 20, scan, []).flagged).toBe(true);
  });
});

describe('checkpoint labels', () => {
  it('reads back the checkpoint a label names, and nothing else', () => {
    expect(checkpointFromQr(checkpointQrText('demo-cp-01'))).toBe('demo-cp-01');
    expect(checkpointFromQr('https://example.com')).toBeNull();
    expect(checkpointFromQr('VIGIL-CP:bad id with spaces')).toBeNull();
  });
});
