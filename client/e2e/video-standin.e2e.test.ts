import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WallView } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRelay, type CameraSource, type FakeRelay } from './fake-relay';
import { launchBrowser, screenshotDir } from './harness';
import { startLiveHls, waitForSegments, type LiveHls } from './hls-fixture';

/**
 * The tile player (video channel, hls.js loader, controller) and the monitor screen in Chromium,
 * against live HLS written during the test from the demo loops, behind a stand-in for the server's relay;
 * the monitor on live state seeded through the app's reducer. The wall tests on the real server
 * (video.e2e.test.ts) run the same code against the real relay and wall.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const pageDir = join(here, 'pages/dist');
const CAMERAS = ['cam-a', 'cam-b', 'cam-c', 'cam-d'];

let source: LiveHls;
let relay: FakeRelay;
let browser: Browser;
const sources = new Map<string, CameraSource>();

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  source = startLiveHls('player');
  // The player's cameras, and the six of the seeded site on the monitor page.
  for (const camera of [...CAMERAS, 'cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-5', 'cam-6']) sources.set(camera, source.dir);
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
  await page.goto(`${relay.url}/player.html`);
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
    // Every picture 3 s further on (the assertions below say which one did not, if one stalls).
    await page
      .waitForFunction((times) => [...document.querySelectorAll('video')].every((video, index) => video.currentTime > times[index]! + 3), before.map((tile) => tile.currentTime), { timeout: 20_000 })
      .catch(() => undefined);
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

interface MonitorPage {
  setView(monitorId: string, view: WallView): void;
  raiseAlarm(id: string, priority: number): void;
  resolveAlarm(id: string): void;
  setLanguage(language: 'zh-CN' | 'en'): Promise<void>;
}
const monitorPage = (page: Page) => ({
  setView: (monitorId: string, view: WallView) =>
    page.evaluate(([id, next]) => (window as unknown as { monitorPage: MonitorPage }).monitorPage.setView(id, next), [monitorId, view] as const),
  raiseAlarm: (id: string, priority: number) =>
    page.evaluate(([alarmId, p]) => (window as unknown as { monitorPage: MonitorPage }).monitorPage.raiseAlarm(alarmId, p), [id, priority] as const),
  resolveAlarm: (id: string) => page.evaluate((alarmId) => (window as unknown as { monitorPage: MonitorPage }).monitorPage.resolveAlarm(alarmId), id),
  setLanguage: (language: 'zh-CN' | 'en') => page.evaluate((next) => (window as unknown as { monitorPage: MonitorPage }).monitorPage.setLanguage(next), language),
});

async function openMonitor(monitorId: string, locale = 'zh-CN'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale });
  await page.goto(`${relay.url}/monitor.html?monitor=${monitorId}`);
  await page.waitForSelector('[data-testid=monitor-screen]');
  return page;
}

const cameraTiles = (page: Page) =>
  page.$$eval('[data-testid=camera-tile]', (tiles) =>
    tiles.map((tile) => ({
      camera: tile.getAttribute('data-camera-id') ?? '',
      state: tile.getAttribute('data-state') ?? '',
      variant: tile.getAttribute('data-variant') ?? '',
      name: tile.querySelector('[data-testid=camera-name]')?.textContent ?? '',
      badge: tile.querySelector('[data-testid=stream-badge]')?.textContent ?? '',
    })),
  );
const allCameraTilesLive = (page: Page) =>
  page.waitForFunction(
    () => {
      const tiles = [...document.querySelectorAll('[data-testid=camera-tile]')];
      return tiles.length > 0 && tiles.every((tile) => tile.getAttribute('data-state') === 'live');
    },
    undefined,
    { timeout: 30_000 },
  );

const camera = (cameraId: string) => ({ kind: 'camera' as const, cameraId });
const empty = { kind: 'empty' as const };

describe('a monitor of the wall', () => {
  it('shows its layout: cameras by name with their state, a tour with its position, an empty tile by number, in both languages', async () => {
    const page = await openMonitor('m-main');
    await allCameraTilesLive(page);
    expect(await page.textContent('[data-testid=monitor-name]')).toBe('1号屏');
    expect(await page.getAttribute('[data-testid=monitor-grid]', 'data-layout')).toBe('2x2');
    expect(await cameraTiles(page)).toEqual([
      { camera: 'cam-1', state: 'live', variant: 'sub', name: '北门摄像机', badge: '实时' },
      { camera: 'cam-2', state: 'live', variant: 'sub', name: '南门摄像机', badge: '实时' },
      { camera: 'cam-4', state: 'live', variant: 'sub', name: '东侧周界摄像机', badge: '实时' },
    ]);
    expect(await page.textContent('[data-testid=tour-indicator]')).toBe('轮巡 1/3');
    expect(await page.textContent('[data-testid=empty-tile]')).toContain('1-4');
    expect(await page.textContent('[data-testid=connection-banner]')).toBe('实时');
    await page.screenshot({ path: join(screenshotDir, 'monitor-zh-CN.png') });

    await monitorPage(page).setLanguage('en');
    expect((await cameraTiles(page)).map((tile) => [tile.name, tile.badge])).toEqual([
      ['North gate camera', 'Live'],
      ['South gate camera', 'Live'],
      ['East perimeter camera', 'Live'],
    ]);
    expect(await page.textContent('[data-testid=tour-indicator]')).toBe('Tour 1/3');
    expect(await page.textContent('[data-testid=monitor-name]')).toBe('Screen 1');

    await monitorPage(page).setView('m-main', {
      layout: '1+5',
      tiles: [{ kind: 'tour', cameraIds: ['cam-5', 'cam-6'], dwellSeconds: 10, startedAt: new Date(Date.now() - 15_000).toISOString(), pausedAt: new Date().toISOString() }, empty, empty, empty, empty, empty],
    });
    await page.waitForSelector('[data-testid=tour-indicator][data-paused=true]');
    expect(await page.textContent('[data-testid=tour-indicator]')).toBe('Tour 2/2Paused');
    expect((await cameraTiles(page)).map((tile) => tile.camera)).toEqual(['cam-6']);
    await page.close();
  });

  it('fills the monitor with a double-clicked tile on the main stream, and goes back on Esc or another double-click', async () => {
    const page = await openMonitor('m-main', 'en-US');
    await allCameraTilesLive(page);
    await page.dblclick('[data-testid=wall-tile][data-index="1"]');
    await page.waitForSelector('[data-testid=monitor-grid][data-layout=enlarged]');
    await allCameraTilesLive(page);
    expect(await cameraTiles(page)).toEqual([{ camera: 'cam-2', state: 'live', variant: 'main', name: 'South gate camera', badge: 'Live' }]);
    expect(await liveInstances(page)).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'monitor-enlarged.png') });

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=monitor-grid][data-layout="2x2"]');
    await allCameraTilesLive(page);
    expect((await cameraTiles(page)).map((tile) => tile.variant)).toEqual(['sub', 'sub', 'sub']);

    await page.dblclick('[data-testid=wall-tile][data-index="0"]');
    await page.waitForSelector('[data-testid=monitor-grid][data-layout=enlarged]');
    await page.dblclick('[data-testid=wall-tile]');
    await page.waitForSelector('[data-testid=monitor-grid][data-layout="2x2"]');
    await allCameraTilesLive(page);
    expect(await liveInstances(page)).toBe(3);
    await page.close();
  });

  it('keeps one hls.js instance per camera tile on screen after 20 layout switches', async () => {
    const page = await openMonitor('m-main', 'en-US');
    const layouts: WallView[] = [
      { layout: '4x4', tiles: Array.from({ length: 16 }, (_, index) => camera(`cam-${(index % 6) + 1}`)) },
      { layout: '1', tiles: [camera('cam-3')] },
      { layout: '3x3', tiles: [camera('cam-1'), empty, camera('cam-2'), camera('cam-3'), empty, camera('cam-4'), camera('cam-5'), empty, camera('cam-6')] },
      { layout: '1+7', tiles: [camera('cam-2'), camera('cam-1'), empty, camera('cam-5'), empty, empty, camera('cam-6'), empty] },
      { layout: '2x2', tiles: [empty, camera('cam-4'), { kind: 'alarms' }, camera('cam-1')] },
    ];
    for (let round = 0; round < 20; round++) {
      await monitorPage(page).setView('m-main', layouts[round % layouts.length]!);
      await page.waitForTimeout(round % 3 === 0 ? 1_500 : 200);
    }
    await page.waitForSelector('[data-testid=monitor-grid][data-layout="2x2"]');
    await allCameraTilesLive(page);
    const tiles = await cameraTiles(page);
    expect(tiles.map((tile) => tile.camera)).toEqual(['cam-4', 'cam-1']);
    expect(await liveInstances(page)).toBe(tiles.length);
    expect(await page.$$eval('video[src]', (videos) => videos.length)).toBe(tiles.length);
    await page.close();
  });

  it('pops an alarm’s linked cameras onto the alarm monitor with its banner, and gives the monitor back when it is resolved', async () => {
    const page = await openMonitor('m-alarm', 'en-US');
    await page.waitForSelector('[data-testid=site-map]');
    expect(await page.$$('[data-testid=camera-tile]')).toHaveLength(0);

    await monitorPage(page).raiseAlarm('alarm-1', 1);
    await page.waitForSelector('[data-testid=takeover-banner][data-alarm-id=alarm-1]');
    expect(await page.textContent('[data-testid=takeover-kind]')).toBe('Door forced');
    expect(await page.textContent('[data-testid=takeover-place]')).toBe('Garage door · Garage');
    expect(await page.textContent('[data-testid=takeover-banner] [data-testid=alarm-priority]')).toBe('P1 Critical');
    await allCameraTilesLive(page);
    expect((await cameraTiles(page)).map((tile) => tile.camera)).toEqual(['cam-3', 'cam-4']);
    await page.screenshot({ path: join(screenshotDir, 'monitor-takeover.png') });

    await monitorPage(page).resolveAlarm('alarm-1');
    await page.waitForSelector('[data-testid=takeover-banner]', { state: 'detached' });
    await page.waitForSelector('[data-testid=site-map]');
    expect(await page.$$('[data-testid=camera-tile]')).toHaveLength(0);
    expect(await liveInstances(page)).toBe(0);
    await page.close();
  });

  it('says so when there is no such monitor', async () => {
    const page = await openMonitor('m-nowhere', 'en-US');
    await page.waitForSelector('[data-testid=monitor-unknown]');
    expect(await page.textContent('[data-testid=monitor-screen]')).toContain('There is no monitor “m-nowhere”');
    await page.close();
  });
});
