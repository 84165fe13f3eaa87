// Video wall benchmark: `pnpm bench:video` (BENCH_MINUTES=5 by default, per run).
// Starts the built app (PGlite, simulator off) and plays the demo main monitor `/wall/main` (16
// live tiles: Vigil's tile player over the /video socket) in the system's Chromium, then, in a
// fresh Chromium, a bare page with 16 plain hls.js players (default config, HTTP) on the same
// 16 relay playlists. For each it prints CPU and memory of Chromium (and of the server) in the
// first and the last minute, the memory trend, and how far each tile plays behind the source
// playlist's live edge (from PROGRAM-DATE-TIME). Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 5);
const SAMPLE_MS = 5_000;
const WARM_UP_MS = 15_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'bench-admin-password';
// The demo main monitor's cameras, in its order.
const CAMERAS = [1, 2, 3, 18, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17].map((n) => `demo-cam-${String(n).padStart(2, '0')}`);
const CLK_TCK = 100;
const PAGE_KB = 4;

if (!existsSync(join(ROOT, 'server/dist/server.js')) || !existsSync(join(ROOT, 'client/dist/index.html'))) {
  console.log('building the app first (pnpm build)…');
  if (spawnSync('pnpm', ['build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

// ---- processes: CPU ticks and proportional memory (PSS) from /proc ------------------------
function processTable() {
  const table = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      table.push({ pid: Number(name), comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

function descendants(rootPid, table) {
  const out = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of table) if (!out.has(row.pid) && out.has(row.ppid)) (out.add(row.pid), (grew = true));
  }
  return table.filter((row) => out.has(row.pid));
}

function pssKb(pid) {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function rssKb(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

/** CPU ticks and memory of a process group: Chromium's processes (not the server), or the server. */
function measure(filter) {
  const table = processTable();
  const rows = descendants(process.pid, table).filter(filter);
  return { at: Date.now(), ticks: rows.reduce((sum, row) => sum + row.ticks, 0), pssMb: rows.reduce((sum, row) => sum + pssKb(row.pid), 0) / 1024, count: rows.length };
}

const isChromium = (row) => /chrom/i.test(row.comm);

// ---- the app ------------------------------------------------------------------------------
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-video-'));
const server = spawn(process.execPath, [join(ROOT, 'server/dist/server.js')], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'off', LOG_LEVEL: 'warn', HTTPS_PORT: 'off' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (const deadline = Date.now() + 60_000; ; ) {
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {
    // not yet
  }
  if (Date.now() > deadline) throw new Error('the app did not start');
  await new Promise((resolve) => setTimeout(resolve, 300));
}
const login = await fetch(`${url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: PASSWORD }),
});
const [cookieName, cookieValue] = (login.headers.get('set-cookie') ?? '').split(';')[0].split('=');

const require = createRequire(join(ROOT, 'client/package.json'));
const hlsScript = readFileSync(require.resolve('hls.js/dist/hls.min.js'), 'utf8');
const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bare hls.js</title>
<style>body{margin:0;background:#000;display:grid;grid-template-columns:repeat(4,1fr);grid-template-rows:repeat(4,1fr);height:100vh}video{width:100%;height:100%;object-fit:cover}</style>
<body><script>${hlsScript}</script><script>
window.players = ${JSON.stringify(CAMERAS)}.map((camera) => {
  const video = document.createElement('video');
  video.muted = true; video.autoplay = true; video.playsInline = true;
  document.body.append(video);
  const hls = new Hls();
  hls.loadSource('/api/v1/cameras/' + camera + '/sub/index.m3u8');
  hls.attachMedia(video);
  return { camera, video, hls };
});
window.benchTiles = () => window.players.map(({ camera, video, hls }) => ({
  cameraId: camera, state: video.readyState >= 2 && !video.paused ? 'live' : 'connecting',
  currentTime: video.currentTime, playingDate: hls.playingDate ? hls.playingDate.getTime() : null }));
</script>`;

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
/** Least-squares slope of y over minutes. */
const slopePerMinute = (points) => {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.minute, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const num = points.reduce((s, p) => s + (p.minute - mx) * (p.value - my), 0);
  const den = points.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
};

async function run(mode) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await context.addCookies([{ name: cookieName, value: cookieValue, url }]);
  const page = await context.newPage();
  if (mode === 'vigil') {
    await page.goto(`${url}/wall/main`);
  } else {
    await page.route(`${url}/bench-bare`, (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE }));
    await page.goto(`${url}/bench-bare`);
  }
  const readTiles =
    mode === 'vigil'
      ? () => page.evaluate(() => window.__vigilVideo?.tiles() ?? [])
      : () => page.evaluate(() => window.benchTiles());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
  };

  const liveDeadline = Date.now() + 60_000;
  let tiles = [];
  while (Date.now() < liveDeadline) {
    tiles = await readTiles();
    if (tiles.length === CAMERAS.length && tiles.every((tile) => tile.state === 'live')) break;
    await page.waitForTimeout(500);
  }
  const liveAtStart = tiles.filter((tile) => tile.state === 'live').length;
  await page.waitForTimeout(WARM_UP_MS);

  const start = Date.now();
  const samples = [];
  const behindEdge = [];
  const behindEdgeByTile = new Map();
  let previous = { chromium: measure(isChromium), server: measure((row) => row.pid === server.pid) };
  const cpu = [];
  const startTimes = new Map((await readTiles()).map((tile) => [tile.cameraId, tile.currentTime]));
  while (Date.now() - start < MINUTES * 60_000) {
    await page.waitForTimeout(SAMPLE_MS);
    const now = Date.now();
    const current = { chromium: measure(isChromium), server: measure((row) => row.pid === server.pid) };
    const seconds = (current.chromium.at - previous.chromium.at) / 1000;
    cpu.push({
      minute: (now - start) / 60_000,
      chromium: ((current.chromium.ticks - previous.chromium.ticks) / CLK_TCK / seconds) * 100,
      server: ((current.server.ticks - previous.server.ticks) / CLK_TCK / seconds) * 100,
    });
    previous = current;
    samples.push({ minute: (now - start) / 60_000, pssMb: current.chromium.pssMb, heapMb: await heapMb(), serverRssMb: rssKb(server.pid) / 1024 });
    // The source's live edge: the newest listed segment ends at the last whole second.
    const edge = Math.floor(now / 1000) * 1000;
    for (const tile of await readTiles()) {
      if (tile.playingDate === null) continue;
      const behind = (edge - tile.playingDate) / 1000;
      behindEdge.push(behind);
      behindEdgeByTile.set(tile.cameraId, [...(behindEdgeByTile.get(tile.cameraId) ?? []), behind]);
    }
  }
  const endTiles = await readTiles();
  const advanced = endTiles.filter((tile) => tile.currentTime - (startTimes.get(tile.cameraId) ?? 0) > MINUTES * 60 * 0.9).length;
  const live = endTiles.filter((tile) => tile.state === 'live').length;
  const instances = mode === 'vigil' ? await page.evaluate(() => window.__vigilVideo?.liveInstances() ?? -1) : CAMERAS.length;
  await browser.close();

  const firstMinute = cpu.filter((c) => c.minute <= 1);
  const lastMinute = cpu.filter((c) => c.minute > MINUTES - 1);
  const avg = (list, key) => list.reduce((sum, item) => sum + item[key], 0) / Math.max(1, list.length);
  const first = samples[0];
  const last = samples.at(-1);
  const pssByMinute = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    const near = samples.filter((sample) => sample.minute <= minute && sample.minute > minute - 1).at(-1);
    if (near) pssByMinute.push(Math.round(near.pssMb));
  }
  return {
    mode,
    pssByMinute,
    liveAtStart,
    live,
    advanced,
    instances,
    cpuFirst: avg(firstMinute, 'chromium'),
    cpuLast: avg(lastMinute, 'chromium'),
    serverCpuFirst: avg(firstMinute, 'server'),
    serverCpuLast: avg(lastMinute, 'server'),
    pssFirst: first.pssMb,
    pssLast: last.pssMb,
    pssSlope: slopePerMinute(samples.map((s) => ({ minute: s.minute, value: s.pssMb }))),
    heapFirst: first.heapMb,
    heapLast: last.heapMb,
    heapSlope: slopePerMinute(samples.map((s) => ({ minute: s.minute, value: s.heapMb }))),
    serverRssFirst: first.serverRssMb,
    serverRssLast: last.serverRssMb,
    behind: { p50: percentile(behindEdge, 50), p99: percentile(behindEdge, 99), max: Math.max(...behindEdge), n: behindEdge.length },
  };
}

const idleServerRssMb = rssKb(server.pid) / 1024;
const order = (process.env.BENCH_ORDER ?? 'vigil,bare').split(',');
try {
  const results = {};
  for (const mode of order) results[mode] = await run(mode);
  const none = { liveAtStart: NaN, live: NaN, advanced: NaN, instances: NaN, behind: {}, pssByMinute: [] };
  const vigil = results.vigil ?? none;
  const bare = results.bare ?? none;
  const f = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  console.log(`\nvideo wall bench: ${CAMERAS.length} live tiles (demo sub streams, 320×180 fMP4 H.264, 1 s segments), ${MINUTES} min each after ${WARM_UP_MS / 1000} s warm-up, Chromium on ${spawnSync('nproc').stdout.toString().trim()} cores (CPU: 100% = one core)\n`);
  console.log('                                   Vigil /wall/main     bare hls.js page');
  const line = (label, a, b) => console.log(`  ${label.padEnd(33)}${String(a).padStart(16)}${String(b).padStart(21)}`);
  line('tiles live at start / at end', `${vigil.liveAtStart} / ${vigil.live}`, `${bare.liveAtStart} / ${bare.live}`);
  line('tiles advanced ≥90% of the run', vigil.advanced, bare.advanced);
  line('hls.js instances at end', vigil.instances, bare.instances);
  line('Chromium CPU, first minute', `${f(vigil.cpuFirst)}%`, `${f(bare.cpuFirst)}%`);
  line('Chromium CPU, last minute', `${f(vigil.cpuLast)}%`, `${f(bare.cpuLast)}%`);
  line('Chromium memory (PSS), start', `${f(vigil.pssFirst, 0)} MB`, `${f(bare.pssFirst, 0)} MB`);
  line('Chromium memory (PSS), end', `${f(vigil.pssLast, 0)} MB`, `${f(bare.pssLast, 0)} MB`);
  line('  trend', `${f(vigil.pssSlope)} MB/min`, `${f(bare.pssSlope)} MB/min`);
  console.log(`  Chromium PSS at the end of each minute: Vigil ${vigil.pssByMinute.join(', ') || 'n/a'} MB; bare ${bare.pssByMinute.join(', ') || 'n/a'} MB`);
  line('page JS heap, start → end', `${f(vigil.heapFirst)} → ${f(vigil.heapLast)} MB`, `${f(bare.heapFirst)} → ${f(bare.heapLast)} MB`);
  line('  trend', `${f(vigil.heapSlope, 2)} MB/min`, `${f(bare.heapSlope, 2)} MB/min`);
  line('server CPU, first / last minute', `${f(vigil.serverCpuFirst)}% / ${f(vigil.serverCpuLast)}%`, `${f(bare.serverCpuFirst)}% / ${f(bare.serverCpuLast)}%`);
  console.log(`  (server RSS idle before the first run: ${f(idleServerRssMb, 0)} MB; runs in the order ${order.join(', ')})`);
  line('server RSS, start → end', `${f(vigil.serverRssFirst, 0)} → ${f(vigil.serverRssLast, 0)} MB`, `${f(bare.serverRssFirst, 0)} → ${f(bare.serverRssLast, 0)} MB`);
  line('behind the live edge, p50', `${f(vigil.behind.p50, 2)} s`, `${f(bare.behind.p50, 2)} s`);
  line('behind the live edge, p99', `${f(vigil.behind.p99, 2)} s`, `${f(bare.behind.p99, 2)} s`);
  line('behind the live edge, max', `${f(vigil.behind.max, 2)} s`, `${f(bare.behind.max, 2)} s`);
  console.log(`\n  behind the live edge = end of the newest segment in the source playlist (the last whole second) − the wall-clock time of the frame on screen (PROGRAM-DATE-TIME), every ${SAMPLE_MS / 1000} s for every tile (${vigil.behind.n ?? 0} / ${bare.behind.n ?? 0} samples).`);
  console.log('  bare = 16 hls.js players with hls.js defaults loading the same relay playlists over HTTP/1.1 in one page, no app around them.');
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
