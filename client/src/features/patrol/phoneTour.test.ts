import { describe, expect, it } from 'vitest';
import { checkpointQrText, tourOf, type PatrolRoute } from '@vigil/shared';
import { dueTour, marksOf, withQueued } from './phoneTour';

const route: PatrolRoute = {
  id: 'r1',
  siteId: 's',
  name: '夜巡',
  nameEn: null,
  checkpoints: [
    { deviceId: 'a', minutes: 0, nfcTagId: null },
    { deviceId: 'b', minutes: 10, nfcTagId: null },
  ],
  schedule: { timeZone: 'UTC', start: '22:00', end: '06:00', everyMinutes: 120 },
  guardId: null,
  post: null,
  radiusM: 20,
  allowArrival: false,
  graceMinutes: 5,
  active: true,
};

describe('the tour on the phone', () => {
  const first = tourOf(route, 't1', new Date('2026-12-03T22:00:00Z'));
  const second = tourOf(route, 't2', new Date('2026-12-04T00:00:00Z'));

  it('is the one in progress, else the next within three hours', () => {
    expect(dueTour([second, first], new Date('2026-12-03T22:05:00Z'))?.id).toBe('t1');
    expect(dueTour([second, first], new Date('2026-12-03T18:30:00Z'))).toBeNull();
    expect(dueTour([second, first], new Date('2026-12-03T19:30:00Z'))?.id).toBe('t1');
  });

  it('counts a scan still in the queue as checked, and marks the next checkpoint', () => {
    const queued = [{ clientId: 'c1-abcdefgh', tourId: 't1', method: 'qr' as const, qrText: checkpointQrText('a'), scannedAt: '2026-12-03T22:01:00.000Z', phase: 'waiting' as const, attempts: 0 }];
    expect(marksOf(withQueued(first, queued)).map((m) => m.mark)).toEqual(['checked', 'next']);
    expect(marksOf(first).map((m) => m.mark)).toEqual(['next', 'pending']);
  });
});
