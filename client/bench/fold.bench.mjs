// Storm folding benchmark: `pnpm bench:fold` (optionally OPEN=2000 EVENTS=2000 ROUNDS=200).
// Bundles the queue's real code (stormFold.ts, liveQueue.ts) with Vite and measures, in one run:
//  - one fold of OPEN open alarms (a storm of most of them in one zone, the rest spread over 20
//    zones in the hour before) against the baseline the queue did before folding: filter + sort;
//  - a storm arriving event by event (EVENTS raised alarms, each a new live state), the work the
//    wall does per event for the queue and the tone (liveFold, cached per state) against the
//    baseline filter + sort per event;
//  - how many items the queue renders with folding against the rows it rendered without.
// Prints figures; it asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const OPEN = Number(process.env.OPEN ?? 2000);
const EVENTS = Number(process.env.EVENTS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'vigil-fold-bench-'));

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    minify: false,
    lib: { entry: join(here, 'fold-entry.ts'), formats: ['es'], fileName: 'fold' },
  },
});
const { foldQueue, liveFold, compareAlarms, isOpen } = await import(pathToFileURL(join(outDir, 'fold.js')).href);

const T0 = Date.parse('2026-12-02T03:00:00.000Z');
function alarm(i, seconds, zoneId, priority = 5) {
  const at = new Date(T0 + seconds * 1000).toISOString();
  return {
    id: `a-${i}`, siteId: 'demo', kind: priority === 1 ? 'fire' : 'device_offline', priority, state: i % 3 === 0 ? 'acknowledged' : 'new',
    source: { deviceId: `d-${i}` }, deviceId: `d-${i}`, location: null, zoneId, message: 'Device offline', text: null, attributes: {},
    occurredAt: at, firstAt: at, lastAt: at, count: 1, owner: null, acknowledgedAt: null, heldAt: null, disposition: null, note: null,
    resolvedAt: null, resolvedBy: null,
  };
}
/** Three quarters in one zone's storm (at 50/s), the rest over the hour before in 20 zones, a few P1s. */
function openAlarms(n) {
  const storm = Math.floor(n * 0.75);
  return Array.from({ length: n }, (_, i) =>
    i < storm ? alarm(i, 3600 + i * 0.02, 'z-storm') : alarm(i, (i - storm) * (3600 / (n - storm)), `z-${i % 20}`, i % 50 === 0 ? 1 : 3 + (i % 4)),
  );
}
const baseline = (alarms) => alarms.filter((a) => isOpen(a.state)).sort(compareAlarms);

function time(fn, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn(r);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pick = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: pick(0.5), p99: pick(0.99), total: samples.reduce((a, b) => a + b, 0) };
}
const ms = (value) => `${value.toFixed(3)} ms`;

const alarms = openAlarms(OPEN);
const now = T0 + 3700_000;
for (let i = 0; i < 20; i++) (baseline(alarms), foldQueue(alarms, now));

const sortOnly = time(() => baseline(alarms), ROUNDS);
const fold = time(() => foldQueue(baseline(alarms), now), ROUNDS);
const items = foldQueue(alarms, now);
console.log(`one pass over ${OPEN} open alarms (${ROUNDS} rounds)`);
console.log(`  baseline filter+sort   p50 ${ms(sortOnly.p50)}  p99 ${ms(sortOnly.p99)}`);
console.log(`  filter+sort+fold       p50 ${ms(fold.p50)}  p99 ${ms(fold.p99)}  (${(fold.p50 / sortOnly.p50).toFixed(2)}x baseline)`);
console.log(`  queue renders ${items.length} items (${items.filter((item) => item.type === 'storm').length} storm cards) instead of ${OPEN} rows`);

// A storm arriving one event at a time: each event is a new alarms record, as the reducer makes.
const arriving = openAlarms(EVENTS);
const states = [];
let record = {};
for (const a of arriving) {
  record = { ...record, [a.id]: a };
  states.push({ alarms: record, sites: {} });
}
const perEventBaseline = time((r) => baseline(Object.values(states[r].alarms)), EVENTS);
// The tone folds the state before and after each event, the queue renders the after state: all three share one fold per state.
const perEventFold = time((r) => {
  const after = states[r];
  if (r > 0) liveFold(states[r - 1], now);
  liveFold(after, now);
  liveFold(after, now);
}, EVENTS);
console.log(`a storm of ${EVENTS} alarms arriving one event at a time`);
console.log(`  baseline filter+sort per event   p50 ${ms(perEventBaseline.p50)}  p99 ${ms(perEventBaseline.p99)}  total ${ms(perEventBaseline.total)}`);
console.log(`  fold (tone + queue) per event    p50 ${ms(perEventFold.p50)}  p99 ${ms(perEventFold.p99)}  total ${ms(perEventFold.total)}  (${(perEventFold.total / perEventBaseline.total).toFixed(2)}x baseline)`);
if (process.env.KEEP_BUNDLE) console.log(`bundle kept in ${outDir}`);
else rmSync(outDir, { recursive: true, force: true });
