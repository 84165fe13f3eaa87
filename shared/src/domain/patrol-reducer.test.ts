import { describe, expect, it } from 'vitest';
import type { DomainEvent, NewEvent } from './events.js';
import { tourOf, type Hazard, type PatrolRoute } from './patrol.js';
import { applyEvents, emptyState, liveStateFromJson, liveStateToJson, TOURS_KEPT } from './reducer.js';

const actor = { kind: 'system' as const, id: 'vigil', name: 'Vigil' };
let seq = 0;
const event = (made: NewEvent, at = '2026-12-03T23:00:00.000Z'): DomainEvent => ({ ...made, seq: ++seq, at, stream: 'live' }) as DomainEvent;

const route: PatrolRoute = {
  id: 'r1',
  siteId: 's1',
  name: '夜巡',
  nameEn: null,
  checkpoints: [
    { deviceId: 'a', minutes: 0, nfcTagId: null },
    { deviceId: 'b', minutes: 10, nfcTagId: null },
  ],
  schedule: { timeZone: 'UTC', start: '00:00', end: '00:00', everyMinutes: 60 },
  guardId: 'g1',
  post: null,
  radiusM: 20,
  allowArrival: false,
  graceMinutes: 5,
  active: true,
};

describe('patrol and hazard events in the one reducer', () => {
  it('folds a tour from scheduled through a check-in and a miss, and round-trips the snapshot', () => {
    const tour = tourOf(route, 't1', new Date('2026-12-03T22:00:00Z'));
    const state = applyEvents(emptyState(), [
      event({ type: 'patrol.tourScheduled', siteId: 's1', actor, payload: { tour } }),
      event({
        type: 'patrol.checkedIn',
        siteId: 's1',
        actor,
        payload: { tourId: 't1', index: 0, deviceId: 'a', guardId: 'g1', checkinId: 'c1', method: 'qr', scannedAt: '2026-12-03T22:01:00.000Z', flagged: true, late: false, nearestM: 80 },
      }),
      event({ type: 'patrol.checkpointMissed', siteId: 's1', actor, payload: { tourId: 't1', index: 1, deviceId: 'b', guardId: 'g1' } }, '2026-12-03T22:15:00.000Z'),
    ]);
    expect(state.tours.get('t1')!.checkpoints).toMatchObject([
      { checkedAt: '2026-12-03T22:01:00.000Z', method: 'qr', flagged: true, missedAt: null },
      { checkedAt: null, missedAt: '2026-12-03T22:15:00.000Z' },
    ]);
    expect(liveStateFromJson(liveStateToJson(state)).tours.get('t1')).toEqual(state.tours.get('t1'));
  });

  it('keeps every running tour and only the last TOURS_KEPT ended ones', () => {
    const events: DomainEvent[] = [];
    for (let hour = 0; hour < TOURS_KEPT + 10; hour++) {
      const tour = tourOf(route, `old-${hour}`, new Date(Date.UTC(2026, 10, 1, hour)));
      const ended = { ...tour, checkpoints: tour.checkpoints.map((c) => ({ ...c, missedAt: c.dueAt })) };
      events.push(event({ type: 'patrol.tourScheduled', siteId: 's1', actor, payload: { tour: ended } }));
    }
    events.push(event({ type: 'patrol.tourScheduled', siteId: 's1', actor, payload: { tour: tourOf(route, 'running', new Date('2026-12-03T22:00:00Z')) } }));
    const state = applyEvents(emptyState(), events);
    expect(state.tours.size).toBe(TOURS_KEPT + 1);
    expect(state.tours.has('running')).toBe(true);
    expect(state.tours.has('old-0')).toBe(false);
  });

  it('moves a hazard from open to verified', () => {
    const hazard: Hazard = {
      id: 'h1',
      siteId: 's1',
      state: 'open',
      note: '灭火器过期',
      location: null,
      deviceId: null,
      tourId: null,
      reportedBy: { id: 'u1', name: 'G' },
      reportedAt: '2026-12-03T22:00:00.000Z',
      assignee: null,
      assignedAt: null,
      rectifiedAt: null,
      rectifyNote: null,
      verifiedAt: null,
      verifiedBy: null,
      photoIds: [],
    };
    const by = { id: 'u2', name: 'C' };
    const state = applyEvents(emptyState(), [
      event({ type: 'hazard.reported', siteId: 's1', actor, payload: { hazard } }),
      event({ type: 'hazard.photoAdded', siteId: 's1', actor, payload: { hazardId: 'h1', photoId: 'p1' } }),
      event({ type: 'hazard.photoAdded', siteId: 's1', actor, payload: { hazardId: 'h1', photoId: 'p1' } }),
      event({ type: 'hazard.assigned', siteId: 's1', actor, payload: { hazardId: 'h1', assignee: { id: 'u1', name: 'G' }, by } }),
      event({ type: 'hazard.rectified', siteId: 's1', actor, payload: { hazardId: 'h1', note: '已更换', by: { id: 'u1', name: 'G' } } }),
      event({ type: 'hazard.verified', siteId: 's1', actor, payload: { hazardId: 'h1', by } }),
    ]);
    expect(state.hazards.get('h1')).toMatchObject({ state: 'verified', photoIds: ['p1'], rectifyNote: '已更换', verifiedBy: by, assignee: { id: 'u1' } });
  });
});
