import { randomUUID } from 'node:crypto';
import { fitPlanTransform, nextCheckpointIndex, planToGps, tourStatus, type GuardLive, type LiveState, type PatrolTour, type Point, type Site } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { LaneFix, PositionLane } from '../positions/position-lane.js';
import type { Deps } from '../services/deps.js';
import { checkInAs } from '../services/patrols/patrol-checkins.service.js';

interface Waypoint {
  at: Point;
  floor: number;
}

const g = (x: number, y: number): Waypoint => ({ at: [x, y], floor: 0 });
const b = (x: number, y: number): Waypoint => ({ at: [x, y], floor: -1 });

/**
 * Patrol loops on the demo plan (sim/demo-site.ts), along its roads and paths and clear of the
 * buildings and the lake. A segment is on the floor of the waypoint it starts from, so B1 walks
 * through the garage entrance on the ground and down the ramp into the garage.
 */
const PATROLS: Record<string, Waypoint[]> = {
  // The ring road, clockwise and anticlockwise, with the chamfered north-east corner.
  a1: [g(25.5, 25.5), g(25.5, 274.5), g(363, 274.5), g(394.5, 243), g(394.5, 25.5)],
  // A2 holds the patrol post: the ring road the other way, in the order of the ring-road round's
  // checkpoints (sim/demo-patrol.ts: south-west, south-east, north-east, north-west).
  a2: [g(25.5, 25.5), g(394.5, 25.5), g(394.5, 243), g(363, 274.5), g(25.5, 274.5)],
  // Main gate, up the avenue, round the south and north lanes.
  a3: [g(210, 20), g(210, 88), g(385, 88), g(385, 208), g(35, 208), g(35, 88), g(210, 88)],
  // Round the lake inside the central garden.
  a4: [g(140, 108), g(285, 108), g(298, 120), g(298, 180), g(285, 192), g(140, 192), g(122, 180), g(122, 120)],
  // Through the garage entrance, down the ramp, round the garage aisles and back up.
  b1: [
    g(210, 30), g(210, 58), g(182, 58),
    b(182, 66), b(182, 99.5), b(104.5, 99.5), b(104.5, 174.5), b(304.5, 174.5), b(304.5, 99.5), b(182, 99.5),
    g(182, 58), g(210, 58),
  ],
  // The garage patrol: aisles only, on floor -1.
  b2: [b(104.5, 99.5), b(304.5, 99.5), b(304.5, 250), b(304.5, 174.5), b(45, 174.5), b(104.5, 174.5)],
  // North lane and the north stretch of the ring road.
  b3: [g(35, 208), g(385, 208), g(394.5, 208), g(394.5, 243), g(363, 274.5), g(25.5, 274.5), g(25.5, 208)],
  // South-west corner, between the towers and the wall.
  b4: [g(35, 40), g(160, 40), g(160, 75), g(35, 75)],
};

interface Walker {
  guardId: string;
  path: Waypoint[];
  leg: number;
  along: number;
  speed: number;
  battery: number;
}

const WALK_MS = 1000;
/** The patrol walker checks in this near a checkpoint (well inside any route's radius)… */
const CHECKIN_NEAR_M = 8;
/** …and, with a round starting within this, waits at its first checkpoint. */
const WAIT_AHEAD_MS = 25 * 60_000;
/** Near enough to wait: one step at most (a step may not land closer). */
const waitNearM = (walker: Walker, stepMs: number) => Math.max(3, (walker.speed * stepMs) / 1000);

/** Checks a demo guard in at a checkpoint of a tour by arrival (the server judges it like a phone's). */
export type SimulatedCheckin = (input: { guardId: string; siteId: string; tourId: string; deviceId: string; at: Date }) => Promise<unknown>;

const SIMULATOR = { kind: 'simulator' as const, id: 'simulator', name: 'Simulator' };

/** The real check-in (patrol-checkins.service.ts) for a demo guard, by arrival, as the simulator. */
export function simulatorCheckin(deps: Deps): SimulatedCheckin {
  return ({ guardId, siteId, tourId, deviceId, at }) =>
    checkInAs(
      deps,
      { clientId: `sim-${randomUUID()}`, tourId, method: 'arrival', deviceId, scannedAt: at.toISOString() },
      { id: guardId, siteId },
      { userId: SIMULATOR.id, actor: SIMULATOR },
    );
}

/** The round the patrol walker is on, or the next one it should wait for. */
function patrolDuty(state: LiveState, site: Site, guardId: string, now: Date): { tour: PatrolTour; running: boolean } | null {
  let next: PatrolTour | null = null;
  for (const tour of state.tours.values()) {
    if (tour.siteId !== site.id || (tour.guardId !== null && tour.guardId !== guardId)) continue;
    const status = tourStatus(tour, now);
    if (status === 'in_progress') return { tour, running: true };
    if (status === 'upcoming' && Date.parse(tour.startsAt) - now.getTime() <= WAIT_AHEAD_MS && (!next || tour.startsAt < next.startsAt)) next = tour;
  }
  return next ? { tour: next, running: false } : null;
}

function near(site: Site, deviceId: string | undefined, at: Point, floor: number, metres: number): boolean {
  const device = site.devices.find((d) => d.id === deviceId);
  return device !== undefined && device.floor === floor && Math.hypot(device.position[0] - at[0], device.position[1] - at[1]) <= metres;
}

function step(walker: Walker, seconds: number): { at: Point; floor: number; heading: number } {
  let distance = walker.speed * seconds;
  for (;;) {
    const from = walker.path[walker.leg]!;
    const to = walker.path[(walker.leg + 1) % walker.path.length]!;
    const length = Math.hypot(to.at[0] - from.at[0], to.at[1] - from.at[1]);
    if (walker.along + distance <= length || length === 0) {
      walker.along += distance;
      const t = length === 0 ? 0 : walker.along / length;
      const heading = ((Math.atan2(to.at[0] - from.at[0], to.at[1] - from.at[1]) * 180) / Math.PI + 360) % 360;
      return { at: [from.at[0] + (to.at[0] - from.at[0]) * t, from.at[1] + (to.at[1] - from.at[1]) * t], floor: from.floor, heading };
    }
    distance -= length - walker.along;
    walker.along = 0;
    walker.leg = (walker.leg + 1) % walker.path.length;
  }
}

/** What the walker needs of the lane: to submit fixes and to see who reported last. */
export type WalkerLane = Pick<PositionLane, 'submit' | 'lastReportedBy'>;

/**
 * A demo guard is handed over for good once a real source (a phone, a tracker, Traccar) has
 * reported for it: the simulator no longer walks it, so a real fix is never undone a second
 * later and a real guard who falls silent stays silent (stale, then the silent alarm).
 */
function handedOver(lane: WalkerLane, guard: GuardLive | undefined): boolean {
  const source = guard ? lane.lastReportedBy(guard.id) : undefined;
  return source !== undefined && source !== 'simulator';
}

/**
 * Walks the demo guards (trackers `demo-guard-a1` … `demo-guard-b4`) at walking pace, one fix a
 * second each, through the same ingest code as a real tracker (source `simulator`).
 * `tick` is one step of every walker (the timer calls it; tests call it directly).
 */
export function createGuardWalker(
  deps: Deps,
  lane: WalkerLane,
  live: () => LiveState,
  log: Pick<FastifyBaseLogger, 'debug'>,
  options: WalkerOptions = {},
): { tick: () => Promise<void> } {
  const siteId = options.siteId ?? 'demo';
  const random = options.random ?? Math.random;
  const patrolGuardId = options.patrolGuardId ?? 'demo-guard-a2';
  const stepMs = options.stepMs ?? WALK_MS;
  // One check-in at a time, and one try per checkpoint of a tour (a refusal is not retried).
  let checkingIn = false;
  let lastTried = '';
  const patrol = (walker: Walker, state: LiveState, site: Site, now: Date): boolean => {
    if (walker.guardId !== patrolGuardId || !options.checkIn) return false;
    const duty = patrolDuty(state, site, walker.guardId, now);
    if (!duty) return false;
    const here = step({ ...walker }, 0);
    if (!duty.running) return near(site, duty.tour.checkpoints[0]?.deviceId, here.at, here.floor, waitNearM(walker, stepMs));
    const index = nextCheckpointIndex(duty.tour);
    const deviceId = index === null ? undefined : duty.tour.checkpoints[index]!.deviceId;
    const key = `${duty.tour.id}:${index}`;
    if (deviceId && !checkingIn && key !== lastTried && near(site, deviceId, here.at, here.floor, CHECKIN_NEAR_M)) {
      checkingIn = true;
      lastTried = key;
      options
        .checkIn({ guardId: walker.guardId, siteId: site.id, tourId: duty.tour.id, deviceId, at: now })
        .catch((error: unknown) => log.debug({ err: error, guardId: walker.guardId, tourId: duty.tour.id }, 'simulated check-in refused'))
        .finally(() => {
          checkingIn = false;
        });
    }
    return false;
  };
  const walkers: Walker[] = Object.entries(PATROLS).map(([key, path], index) => ({
    guardId: `demo-guard-${key}`,
    path,
    leg: index % path.length,
    along: 0,
    speed: 1.1 + random() * 0.5,
    battery: 60 + random() * 40,
  }));
  const tick = async () => {
    const state = live();
    const site = state.sites[siteId];
    const fitted = site?.anchor ? fitPlanTransform(site.anchor) : null;
    if (!site || !fitted?.ok) return;
    const now = deps.clock();
    const sent: Promise<unknown>[] = [];
    for (const walker of walkers) {
      // The simulator walks the demo guards by id (sim/demo-guards.ts), straight into the lane.
      const guard = state.guards.get(walker.guardId);
      if (!guard || handedOver(lane, guard)) continue;
      // The patrol post's guard waits at the first checkpoint for a round about to begin.
      const waiting = patrol(walker, state, site, now);
      const { at, floor, heading } = step(walker, waiting ? 0 : stepMs / 1000);
      // GPS noise of a phone outdoors: a metre or two.
      const noisy: Point = [at[0] + (random() - 0.5) * 3, at[1] + (random() - 0.5) * 3];
      const { lat, lon } = planToGps(fitted.transform, noisy);
      walker.battery = Math.max(5, walker.battery - 0.002);
      const fix: LaneFix = {
        guard,
        at: now,
        lat,
        lon,
        accuracy: floor < 0 ? 15 + random() * 10 : 4 + random() * 4,
        heading,
        speed: waiting ? 0 : walker.speed,
        battery: Math.round(walker.battery),
        sos: false,
        floor,
        source: 'simulator',
      };
      sent.push(
        lane.submit([fix]).catch((error: unknown) => {
          log.debug({ err: error, guardId: walker.guardId }, 'simulated fix refused');
        }),
      );
    }
    await Promise.all(sent);
  };
  return { tick };
}

export interface WalkerOptions {
  siteId?: string;
  random?: () => number;
  /** The demo guard who walks the site's patrol rounds and checks in on them (A2). */
  patrolGuardId?: string;
  checkIn?: SimulatedCheckin;
  /** The walk time of a tick (tests take longer steps); the timer ticks every WALK_MS. */
  stepMs?: number;
}

/** Starts the walk, one step a second; returns its stop. */
export function startGuardWalker(deps: Deps, lane: WalkerLane, live: () => LiveState, log: FastifyBaseLogger, options: WalkerOptions = {}): () => void {
  const { tick } = createGuardWalker(deps, lane, live, log, options);
  const timer = setInterval(() => void tick(), WALK_MS);
  return () => clearInterval(timer);
}
