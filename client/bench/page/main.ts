import 'leaflet/dist/leaflet.css';
import '../../src/styles/guards.css';
import L from 'leaflet';
import { keyedOf } from '@vigil/shared';
import { handlePositionsFrame } from '../../src/features/guards/guardPositions';
import { indexSite } from '../../src/features/sites/siteIndex';
import { SiteMapView } from '../../src/map/siteMapView';
import { guardFix, PLAN, syntheticGuards, syntheticSite } from './synthetic';

/**
 * Two pages in one: `?mode=vigil` runs the wall's own map code (SiteMapView, GuardLayer, the
 * positions store) and `?mode=bare` a plain Leaflet canvas map with the same number of circles.
 * Both move GUARDS points once a second, in 4 frames a second, as the server's lane sends them.
 */
const params = new URLSearchParams(location.search);
const DEVICES = Number(params.get('devices') ?? 2000);
const GUARDS = Number(params.get('guards') ?? 300);
const FRAMES_PER_SECOND = 4;
const container = document.getElementById('map')!;

interface BenchWindow {
  benchReady?: boolean;
  benchReset?: () => void;
  benchResult?: () => BenchResult;
}
interface BenchResult {
  frames: number[];
  rafCount: number;
  elapsedMs: number;
  longTasks: number[];
}

const frameTimes: number[] = [];
/** Vigil mode: the store's apply of each frame, and the layer's batched draw it leads to. */
const applyTimes: number[] = [];
const flushTimes: number[] = [];
const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

type Mover = (slice: number, t: number) => void;

function startVigil(): Mover {
  const site = syntheticSite(DEVICES);
  const guards = syntheticGuards(GUARDS);
  const keyedGuards = keyedOf(guards);
  const words = { zoneName: (z: { name: string }) => z.name, deviceName: (d: { name: string }) => d.name, deviceKind: String, deviceStatus: String };
  const view = new SiteMapView(
    container,
    indexSite(site),
    () => undefined,
    () => undefined,
    { guards: () => keyedGuards, floor: () => 0, selectedGuardId: () => null },
    { listLabel: 'Guards', status: String, staleLabel: ({ callsign }) => callsign, describe: ({ callsign }) => callsign },
  );
  view.showFloor(0, words);
  // The layer's own measure covers the batched draw in requestAnimationFrame; add the store's apply.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'guard-layer-update') flushTimes.push(entry.duration);
  }).observe({ type: 'measure', buffered: false });
  return (slice, t) => {
    const start = performance.now();
    const fixes = [];
    for (let i = slice; i < GUARDS; i += FRAMES_PER_SECOND) fixes.push(guardFix(i, t));
    handlePositionsFrame({ siteId: 'bench', full: false, fixes });
    applyTimes.push(performance.now() - start);
  };
}

function startBare(): Mover {
  const map = L.map(container, { crs: L.CRS.Simple, preferCanvas: true, minZoom: -3 });
  map.fitBounds([
    [0, 0],
    [PLAN.height, PLAN.width],
  ]);
  const site = syntheticSite(DEVICES);
  for (const device of site.devices) L.circleMarker([device.position[1], device.position[0]], { radius: 6 }).addTo(map);
  const guards = Array.from({ length: GUARDS }, (_, i) => {
    const fix = guardFix(i, 0);
    return L.circleMarker([fix.position[1], fix.position[0]], { radius: 8, color: '#3ddc84' }).addTo(map);
  });
  return (slice, t) => {
    const start = performance.now();
    for (let i = slice; i < GUARDS; i += FRAMES_PER_SECOND) {
      const fix = guardFix(i, t);
      guards[i]!.setLatLng([fix.position[1], fix.position[0]]);
    }
    frameTimes.push(performance.now() - start);
  };
}

const move = params.get('mode') === 'bare' ? startBare() : startVigil();
let rafCount = 0;
let started = performance.now();
const countFrames = () => {
  rafCount += 1;
  requestAnimationFrame(countFrames);
};
requestAnimationFrame(countFrames);
let tick = 0;
setInterval(() => {
  const slice = tick % FRAMES_PER_SECOND;
  move(slice, Math.floor(tick / FRAMES_PER_SECOND) + 1);
  tick += 1;
}, 1000 / FRAMES_PER_SECOND);

const benchWindow = window as unknown as BenchWindow;
const framesOf = () => (applyTimes.length > 0 ? applyTimes.map((apply, i) => apply + (flushTimes[i] ?? 0)) : frameTimes.slice());
benchWindow.benchResult = () => ({ frames: framesOf(), rafCount, elapsedMs: performance.now() - started, longTasks: longTasks.slice() });
/** Forget the start-up (building thousands of markers) and measure the steady state from here. */
benchWindow.benchReset = () => {
  for (const list of [frameTimes, applyTimes, flushTimes, longTasks]) list.length = 0;
  rafCount = 0;
  started = performance.now();
};
benchWindow.benchReady = true;
