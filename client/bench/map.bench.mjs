// Map benchmark: `pnpm bench:map` (optionally BENCH_SECONDS=20 DEVICES=2000 GUARDS=300).
// Builds bench/page with Vite (the wall's real map code: SiteMapView, GuardLayer, the positions
// store) and drives it in the system's Chromium next to a bare Leaflet canvas page with the same
// number of circle markers, moving the same guards at 1 Hz in 4 frames a second. Prints figures;
// it asserts nothing.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DEVICES = Number(process.env.DEVICES ?? 2000);
const GUARDS = Number(process.env.GUARDS ?? 300);
const WARM_UP_MS = 3_000;
const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'dist');

await build({ configFile: join(here, 'vite.config.ts') });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.woff2': 'font/woff2' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(outDir, path === '/' ? 'index.html' : path);
  if (!file.startsWith(outDir) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
});

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

async function run(mode) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`http://127.0.0.1:${port}/index.html?mode=${mode}&devices=${DEVICES}&guards=${GUARDS}`);
  await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 60_000 });
  await page.waitForTimeout(WARM_UP_MS);
  await page.evaluate(() => window.benchReset());
  await page.waitForTimeout(SECONDS * 1000);
  const result = await page.evaluate(() => window.benchResult());
  if (mode === 'vigil') await page.screenshot({ path: join(here, '../e2e/screenshots/bench-map.png') });
  await page.close();
  return {
    mode,
    frames: result.frames.length,
    meanMs: mean(result.frames),
    p95Ms: percentile(result.frames, 95),
    maxMs: Math.max(...result.frames),
    fps: (result.rafCount / result.elapsedMs) * 1000,
    longTasks: result.longTasks.length,
    longTaskMaxMs: result.longTasks.length ? Math.max(...result.longTasks) : 0,
  };
}

const chromiumVersion = browser.version();
const vigil = await run('vigil');
const bare = await run('bare');
await browser.close();
server.close();

const row = (r) =>
  `${r.mode.padEnd(6)} frames=${String(r.frames).padStart(4)}  per-frame mean=${r.meanMs.toFixed(2)} ms p95=${r.p95Ms.toFixed(2)} ms max=${r.maxMs.toFixed(2)} ms  fps=${r.fps.toFixed(1)}  long tasks(>50ms)=${r.longTasks} (max ${r.longTaskMaxMs.toFixed(0)} ms)`;
console.log(`map bench: ${DEVICES} devices + ${GUARDS} guards at 1 Hz (4 frames/s), ${SECONDS} s each after ${WARM_UP_MS / 1000} s warm-up, Chromium ${chromiumVersion}`);
console.log(row(vigil));
console.log(row(bare));
console.log(
  `ratio vigil/bare: per-frame mean ${(vigil.meanMs / bare.meanMs).toFixed(2)}x, p95 ${(vigil.p95Ms / bare.p95Ms).toFixed(2)}x, fps ${(vigil.fps / bare.fps).toFixed(2)}x`,
);
console.log('per-frame = main-thread JS for one positions frame: vigil = store apply + batched layer draw (performance.measure); bare = the setLatLng calls. Leaflet\'s own canvas repaint is in fps/long tasks for both.');
