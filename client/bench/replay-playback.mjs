// Replay playback in the system's Chromium, for `pnpm bench:replay` (server/bench/replay.bench.ts
// starts it against its running server and prints what it writes): the wall live for SECONDS, the
// baseline of the same run, then the same wall replaying the generated day at 60×. Frames per
// second (requestAnimationFrame), long tasks (PerformanceObserver 'longtask', over 50 ms by
// definition), the page's JS heap before and after, and how far the replayed time went.
//
//   node client/bench/replay-playback.mjs '{"url":…,"cookie":"name=value","from":ms,"to":ms,"seconds":20,"speed":60}'
//   (with "profile": "<file>.cpuprofile", the page's CPU profile during playback is written there)
//
// Writes one line of JSON on stdout; exits 1 only when it breaks.
import { chromium } from 'playwright-core';

const config = JSON.parse(process.argv[2] ?? '{}');
const seconds = config.seconds ?? 20;
const speed = config.speed ?? 60;
const WARM_UP_MS = 3_000;

/** Counts frames and long tasks from `benchReset()` on; `benchResult()` reads them. */
function probe() {
  const state = { frames: [], longTasks: [], since: performance.now() };
  const frame = (at) => {
    state.frames.push(at);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.startTime >= state.since) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  window.benchReset = () => {
    state.frames = [];
    state.longTasks = [];
    state.since = performance.now();
  };
  window.benchResult = () => {
    const elapsed = (performance.now() - state.since) / 1000;
    const gaps = state.frames.slice(1).map((at, index) => at - state.frames[index]);
    return { elapsed, frames: state.frames.length, gaps, longTasks: state.longTasks };
  };
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function summary(result) {
  return {
    fps: result.frames / result.elapsed,
    frameGapP99Ms: percentile(result.gaps, 99),
    framesOver50Ms: result.gaps.filter((gap) => gap > 50).length,
    longTasks: result.longTasks.length,
    longestTaskMs: result.longTasks.length ? Math.max(...result.longTasks) : 0,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--no-first-run'],
});
try {
  const [name, ...value] = config.cookie.split('=');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await context.addCookies([{ name, value: value.join('='), url: config.url }]);
  await context.addInitScript(probe);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value / 1024 / 1024;
  };
  const measure = async () => {
    await page.waitForTimeout(WARM_UP_MS);
    await page.evaluate(() => window.benchReset());
    await page.waitForTimeout(seconds * 1000);
    return summary(await page.evaluate(() => window.benchResult()));
  };

  await page.goto(`${config.url}/wall`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]', { timeout: 60_000 });
  const live = await measure();
  const liveHeap = await heapMb();

  const range = new URLSearchParams({ replay: '1', from: new Date(config.from).toISOString(), to: new Date(config.to).toISOString() });
  await page.goto(`${config.url}/wall?${range}`);
  await page.waitForSelector('[data-testid=replay-status][data-status=ready]', { timeout: 60_000 });
  const heapBefore = await heapMb();
  await page.click(`[data-testid=replay-speed-${speed}]`);
  const startedAt = Date.parse(await page.getAttribute('[data-testid=replay-time]', 'datetime'));
  await page.click('[data-testid=replay-play]');
  if (config.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const replay = await measure();
  if (config.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    (await import('node:fs')).writeFileSync(config.profile, JSON.stringify(profile));
  }
  const endedAt = Date.parse(await page.getAttribute('[data-testid=replay-time]', 'datetime'));
  const heapAfter = await heapMb();
  await page.screenshot({ path: config.screenshot ?? '/tmp/bench-replay-playback.png' });
  process.stdout.write(
    `${JSON.stringify({ seconds, speed, live, liveHeapMb: liveHeap, replay, heapBeforeMb: heapBefore, heapAfterMb: heapAfter, replayedMs: endedAt - startedAt, wallMs: (WARM_UP_MS + seconds * 1000) })}\n`,
  );
} finally {
  await browser.close();
}
