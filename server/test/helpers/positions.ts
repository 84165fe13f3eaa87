import { fitPlanTransform, planToGps, type Point, type PositionsFrame, type Site } from '@vigil/shared';
import { buildSite } from './factories.js';
import { api, type ClientSocket, type TestServer } from './server.js';

/** The test estate with a geographic anchor (200 × 120 m) and a restricted plant yard. */
export function buildAnchoredSite(): Site {
  const base = buildSite();
  const metresPerDegreeLat = 111_195;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos((30.2741 * Math.PI) / 180);
  const at = (x: number, y: number) => ({ plan: [x, y] as Point, lat: 30.2741 + y / metresPerDegreeLat, lon: 120.1551 + x / metresPerDegreeLon });
  return {
    ...base,
    anchor: { controlPoints: [at(0, 0), at(200, 0), at(0, 120), at(200, 120)] },
    zones: [
      ...base.zones,
      { id: 'test-z-yard', siteId: 'test', name: '变电所', nameEn: 'Transformer yard', kind: 'restricted', floor: 0, geometry: { type: 'Polygon', coordinates: [[[150, 20], [180, 20], [180, 40], [150, 40], [150, 20]]] } },
    ],
  };
}

export function gpsAt(site: Site, point: Point): { lat: number; lon: number } {
  const fitted = fitPlanTransform(site.anchor!);
  if (!fitted.ok) throw new Error(fitted.error);
  return planToGps(fitted.transform, point);
}

/** Records the `positions` frames a socket receives, with their arrival time. */
export function recordFrames(socket: ClientSocket): { frames: { frame: PositionsFrame; at: number }[] } {
  const recorder = { frames: [] as { frame: PositionsFrame; at: number }[] };
  socket.on('positions', (frame) => recorder.frames.push({ frame, at: Date.now() }));
  return recorder;
}

let guardCounter = 0;

/** A guard on the test site via the roster API; returns its id, tracker id and tracker URL path (`/osmand/<token>`). */
export async function addGuard(server: TestServer, cookie: string, fields: Record<string, unknown> = {}): Promise<{ id: string; trackerId: string; osmand: string }> {
  guardCounter += 1;
  const trackerId = `trk-${guardCounter}-${Math.random().toString(36).slice(2, 6)}`;
  const response = await api(server, 'POST', '/api/v1/guards', {
    cookie,
    body: { siteId: 'test', callsign: `T${guardCounter}`, name: `Guard ${guardCounter}`, trackerId, ...fields },
  });
  if (response.status !== 201) throw new Error(`guard create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.guard.id as string, trackerId, osmand: response.body.tracker.path as string };
}
