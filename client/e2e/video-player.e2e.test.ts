import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRelay, type CameraSource, type FakeRelay } from './fake-relay';
import { launchBrowser, screenshotDir } from './harness';
import { startLiveHls, waitForSegments, type LiveHls } from './hls-fixture';

/**
 * The tile player (video channel, hls.js loader, controller) in Chromium against live HLS that
 * ffmpeg makes during the test, behind a stand-in for the server's relay. The app's own wall
 * tests (video.e2e.test.ts) run the same code against the real relay.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const pageDir = join(here, 'player-page/dist');
const CAMERAS = ['cam-a', 'cam-b', 'cam-c', 'cam-d'];

let source: LiveHls;
let relay: FakeRelay;
let browser: Browser;
const sources = new Map<string, CameraSource>();

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  source = startLiveHls('player');
  for (const camera of CAMERAS) sources.set(camera, source.dir);
  await build({ configFile: join(here, 'player-page/vite.config.ts') });
  [relay, browser] = await Promise.all([startFakeRelay(pageDir, (camera) => sources.get(camera) ?? null), launchBrowser(), waitForSegments(source, 3)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await source?.stop();
});

interface TileReading {
  camera: string;
  state: string;
  history: string;
  currentTime: number;
  hasSource: boolean;
}

const readTiles = (page: Page) =>
  page.$$eval('video', (videos) =>
    videos.map((video) => ({
      camera: video.dataset.camera ?? '',
      state: video.dataset.state ?? '',
      history: video.dataset.history ?? '',
      currentTime: video.currentTime,
      hasSource: video.hasAttribute('src'),
    })),
  ) as Promise<TileReading[]>;

const liveInstances = (page: Page) => page.evaluate(() => window.__vigilVideo?.liveInstances() ?? -1);

async function openPage(): Promise<{ page: Page; sockets: string[]; workers: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const sockets: string[] = [];
  const workers: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`${relay.url}/`);
  await page.waitForFunction(() => 'playerPage' in window);
  return { page, sockets, workers };
}

const openTiles = (page: Page, cameras: string[]) =>
  page.evaluate((ids) => (window as unknown as { playerPage: { openTiles(ids: string[]): void } }).playerPage.openTiles(ids), cameras);
const closeAll = (page: Page) => page.evaluate(() => (window as unknown as { playerPage: { closeAll(): void } }).playerPage.closeAll());

describe('the tile player on live HLS', () => {
  it('plays 16 tiles over one WebSocket, with the transmux worker, and every picture moves', async () => {
    const { page, sockets, workers } = await openPage();
    const cameras = Array.from({ length: 16 }, (_, index) => CAMERAS[index % CAMERAS.length]!);
    await openTiles(page, cameras);
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.dataset.state === 'live'), undefined, { timeout: 30_000 });

    const before = await readTiles(page);
    await page.waitForTimeout(10_000);
    const after = await readTiles(page);
    expect(after.map((tile) => tile.state)).toEqual(cameras.map(() => 'live'));
    for (const [index, tile] of after.entries()) expect(tile.currentTime, `tile ${index}`).toBeGreaterThan(before[index]!.currentTime + 3);

    expect(sockets.filter((url) => url.includes('/socket.io/'))).toHaveLength(1);
    expect(relay.counts.http).toBe(0);
    expect(relay.counts.socket).toBeGreaterThan(16);
    expect(workers.some((url) => url.includes('hls.worker'))).toBe(true);
    expect(await liveInstances(page)).toBe(16);
    await page.screenshot({ path: join(screenshotDir, 'player-16.png') });
    await page.close();
  });

  it('leaves exactly one hls.js instance per open tile after opening and closing tiles 20 times, and closes the channel after the last', async () => {
    const { page } = await openPage();
    for (let round = 0; round < 20; round++) {
      await closeAll(page);
      await openTiles(page, CAMERAS.slice(0, 1 + (round % CAMERAS.length)));
      await page.waitForTimeout(150);
    }
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.dataset.state === 'live'), undefined, { timeout: 30_000 });
    const tiles = await readTiles(page);
    expect(tiles).toHaveLength(4);
    expect(await liveInstances(page)).toBe(4);
    expect(tiles.every((tile) => tile.hasSource)).toBe(true);

    await closeAll(page);
    expect(await liveInstances(page)).toBe(0);
    await page.waitForFunction(() => window.__vigilVideo?.channelOpen() === false, undefined, { timeout: 10_000 });
    await page.close();
  });

  it('says reconnecting, then offline, when a camera stops answering, and plays again when it is back', async () => {
    const { page } = await openPage();
    await openTiles(page, ['cam-a', 'cam-b']);
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.dataset.state === 'live'), undefined, { timeout: 30_000 });

    sources.set('cam-a', 'down');
    await page.waitForSelector('video[data-camera=cam-a][data-state=offline]', { timeout: 60_000 });
    const [down, other] = await readTiles(page);
    expect(down!.history).toMatch(/live.* reconnecting.* offline$/);
    expect(other!.state).toBe('live');

    sources.set('cam-a', source.dir);
    await page.waitForSelector('video[data-camera=cam-a][data-state=live]', { timeout: 60_000 });
    const resumed = (await readTiles(page))[0]!;
    await page.waitForTimeout(3_000);
    expect((await readTiles(page))[0]!.currentTime).toBeGreaterThan(resumed.currentTime);
    await page.close();
  }, 150_000);

  it('calls a camera whose playlist is missing offline at once', async () => {
    const { page } = await openPage();
    await openTiles(page, ['cam-missing']);
    await page.waitForSelector('video[data-camera=cam-missing][data-state=offline]', { timeout: 20_000 });
    expect((await readTiles(page))[0]!.history).not.toContain('live');
    await page.close();
  });
});
