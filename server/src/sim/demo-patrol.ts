import type { PatrolRoute } from '@vigil/shared';

/** The demo's patrol route id: fixed, so a restart (or a route the admin removed) does not seed it again. */
export const DEMO_ROUTE_ID = '6f0a5a51-7b7e-4c51-9a39-2f3c5d8e0001';

/**
 * The ring-road round of the demo site (环路巡更): the four corner checkpoints, about eight
 * minutes apart, every two hours all day, walked by whoever holds the patrol post.
 */
export function demoPatrolRoute(siteId: string): PatrolRoute {
  return {
    id: DEMO_ROUTE_ID,
    siteId,
    name: '环路巡更',
    nameEn: 'Ring-road round',
    checkpoints: [
      { deviceId: 'demo-cp-01', minutes: 2, nfcTagId: null },
      { deviceId: 'demo-cp-02', minutes: 8, nfcTagId: null },
      { deviceId: 'demo-cp-03', minutes: 8, nfcTagId: null },
      { deviceId: 'demo-cp-04', minutes: 8, nfcTagId: null },
    ],
    schedule: { timeZone: 'Asia/Shanghai', start: '00:00', end: '00:00', everyMinutes: 120 },
    guardId: null,
    post: '巡逻岗',
    radiusM: 25,
    allowArrival: true,
    graceMinutes: 10,
    active: true,
  };
}
