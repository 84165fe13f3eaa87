import { DEVICE_KINDS, type GuardFix, type GuardLive, type Site } from '@vigil/shared';

export const PLAN = { width: 1200, height: 900 };

/** A deterministic pseudo-random sequence, so every run draws the same site. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export function syntheticSite(deviceCount: number): Site {
  const next = random(7);
  return {
    id: 'bench',
    name: '基准小区',
    nameEn: 'Bench site',
    plan: PLAN,
    anchor: null,
    backdrop: null,
    floors: [{ level: 0, name: '地面', nameEn: 'Ground' }],
    zones: [
      {
        id: 'z-all',
        siteId: 'bench',
        name: '全区',
        nameEn: 'Everywhere',
        kind: 'public',
        floor: 0,
        geometry: { type: 'Polygon', coordinates: [[[0, 0], [PLAN.width, 0], [PLAN.width, PLAN.height], [0, PLAN.height], [0, 0]]] },
      },
    ],
    devices: Array.from({ length: deviceCount }, (_, i) => {
      const kind = DEVICE_KINDS[i % DEVICE_KINDS.length]!;
      return {
        id: `d${i}`,
        siteId: 'bench',
        zoneId: 'z-all',
        kind,
        name: `设备 ${i}`,
        nameEn: `Device ${i}`,
        position: [next() * PLAN.width, next() * PLAN.height] as [number, number],
        floor: 0,
        status: i % 50 === 0 ? ('fault' as const) : ('online' as const),
        camera: kind === 'camera' ? { heading: next() * 360, angle: 70, range: 25 } : null,
        linkedCameraIds: [],
      };
    }),
  };
}

export function syntheticGuards(count: number): Record<string, GuardLive> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `g${i}`,
      {
        id: `g${i}`,
        siteId: 'bench',
        callsign: `G${i}`,
        name: `Guard ${i}`,
        status: i % 10 === 0 ? ('en_route' as const) : ('available' as const),
        onShift: true,
        userId: null,
        zoneIds: [],
      },
    ]),
  );
}

const STARTED = Date.now();

/** Guards walking in circles: where guard `i` is at time `t` (seconds after the page opened). */
export function guardFix(i: number, t: number): GuardFix {
  const cx = ((i * 37) % 30) * (PLAN.width / 30) + 20;
  const cy = ((i * 11) % 20) * (PLAN.height / 20) + 20;
  const angle = t / 20 + i;
  return {
    guardId: `g${i}`,
    siteId: 'bench',
    at: new Date(STARTED + t * 1000).toISOString(),
    position: [cx + Math.cos(angle) * 15, cy + Math.sin(angle) * 15],
    floor: 0,
    accuracy: 6,
    heading: ((angle * 180) / Math.PI + 180) % 360,
    speed: 1.3,
    battery: 80,
    source: 'simulator',
  };
}
