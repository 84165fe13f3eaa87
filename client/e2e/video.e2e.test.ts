import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  linkedCameras,
  PROTOCOL_VERSION,
  type Alarm,
  type AlarmRule,
  type ClientToServerEvents,
  type CommandAck,
  type Layout,
  type ServerToClientEvents,
  type Site,
  type TileContentInput,
} from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil } from './harness';
import { serveOrigin, startLiveHls, waitForSegments, type HttpOrigin, type LiveHls } from './hls-fixture';

/**
 * The video wall on the real built app: the server's relay and demo video (22 moving cameras,
 * demo-cam-01…22), its wall (monitors, presets, commands) and the monitor screen `/wall/:id`.
 * Monitors are set up the way the operator console does it: HTTP for the admin's monitor and
 * stream settings, the wall.* socket commands for what is on them.
 */
let vigil: RunningVigil;
let browser: Browser;
let cookie: string;
let operator: Socket<ServerToClientEvents, ClientToServerEvents>;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
  cookie = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  operator = io(vigil.url, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION, token: decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)) },
  });
  await new Promise<void>((resolve, reject) => {
    operator.once('connect', resolve);
    operator.once('connect_error', reject);
  });
}, 90_000);

afterAll(async () => {
  operator?.disconnect();
  await browser?.close();
  await vigil?.stop();
});

type WallCommand = 'wall.setLayout' | 'wall.assign' | 'wall.applyPreset' | 'wall.savePreset' | 'alarm.acknowledge' | 'alarm.resolve';
type CommandInput<TName extends WallCommand> = Omit<Parameters<ClientToServerEvents[TName]>[0], 'commandId'>;

let commands = 0;
/** Sends a command as the operator console does and expects the server to accept it. */
async function command<TName extends WallCommand>(name: TName, input: CommandInput<TName>): Promise<void> {
  commands += 1;
  const payload = { ...input, commandId: `e2e-video-${commands}-${Date.now()}` };
  const send = operator.timeout(5_000) as unknown as { emitWithAck(name: string, payload: unknown): Promise<CommandAck> };
  const ack = await send.emitWithAck(name, payload);
  expect(ack, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: true });
}

async function createMonitor(id: string, layout: Layout, alarmRule: AlarmRule | null = null): Promise<void> {
  await api(vigil, cookie, 'POST', '/api/v1/monitors', { id, siteId: 'demo', name: `测试屏 ${id}`, nameEn: `Test screen ${id}`, layout, alarmRule });
}

async function showCameras(monitorId: string, layout: Layout, cameraIds: (string | null)[]): Promise<void> {
  await command('wall.setLayout', { monitorId, layout });
  for (const [index, cameraId] of cameraIds.entries()) {
    const content: TileContentInput = cameraId ? { kind: 'camera', cameraId } : { kind: 'empty' };
    await command('wall.assign', { monitorId, index, content });
  }
}

const demoCamera = (n: number) => `demo-cam-${String(n).padStart(2, '0')}`;

/** Signs in on the login page and lands on `/wall/<monitorId>`, as a wall PC's browser does. */
async function openMonitorPage(monitorId: string, locale: string): Promise<Page> {
  const { page } = await newScreen(browser, locale);
  await page.goto(`${vigil.url}/login?next=${encodeURIComponent(`/wall/${monitorId}`)}`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**/wall/${monitorId}`);
  return page;
}

async function openMonitor(monitorId: string, locale = 'en-US'): Promise<Page> {
  const page = await openMonitorPage(monitorId, locale);
  await page.waitForSelector(`[data-testid=monitor-screen][data-monitor-id="${monitorId}"]`);
  return page;
}

interface VideoReading {
  camera: string;
  state: string;
  currentTime: number;
}
const readVideos = (page: Page) =>
  page.$$eval('[data-testid=camera-tile]', (tiles) =>
    tiles.map((tile) => ({
      camera: tile.getAttribute('data-camera-id') ?? '',
      state: tile.getAttribute('data-state') ?? '',
      currentTime: tile.querySelector('video')?.currentTime ?? 0,
    })),
  ) as Promise<VideoReading[]>;

const waitAllLive = (page: Page, count: number, timeout = 45_000) =>
  page.waitForFunction(
    (expected) => {
      const tiles = [...document.querySelectorAll('[data-testid=camera-tile]')];
      return tiles.length === expected && tiles.every((tile) => tile.getAttribute('data-state') === 'live');
    },
    count,
    { timeout },
  );
/**
 * Watches every tile in the page, 4 times a second: a tile whose picture played on at least
 * 0.5 s in the last second (no seek in it: a jump to the live edge is not playback) must not say
 * `connecting` or `stalled`. Returns what it saw wrong.
 */
async function watchBadges(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen = new Map<HTMLVideoElement, { at: number; time: number }[]>();
    const wrong: string[] = [];
    (window as unknown as { __badgeLies: string[] }).__badgeLies = wrong;
    // Media events do not bubble: listen in the capture phase. A seek starts the history over.
    const forget = (event: Event) => seen.delete(event.target as HTMLVideoElement);
    document.addEventListener('seeking', forget, true);
    document.addEventListener('seeked', forget, true);
    setInterval(() => {
      const now = performance.now();
      for (const tile of document.querySelectorAll('[data-testid=camera-tile]')) {
        const video = tile.querySelector('video');
        if (!video || video.seeking) continue;
        const history = (seen.get(video) ?? []).filter((sample) => now - sample.at <= 1_000);
        history.push({ at: now, time: video.currentTime });
        seen.set(video, history);
        const played = video.currentTime - history[0]!.time;
        const state = tile.getAttribute('data-state');
        const badge = tile.querySelector('[data-testid=stream-badge]')?.className ?? '';
        if (played >= 0.5 && (state === 'connecting' || state === 'stalled' || /--(connecting|stalled)/.test(badge))) {
          wrong.push(`${tile.getAttribute('data-camera-id')}: ${state} while the picture played ${played.toFixed(2)} s in the last second`);
        }
      }
    }, 250);
  });
  return () => page.evaluate(() => (window as unknown as { __badgeLies: string[] }).__badgeLies.slice(0, 20));
}

const liveInstances = (page: Page) => page.evaluate(() => window.__vigilVideo?.liveInstances() ?? -1);
const tileState = (page: Page, cameraId: string) => page.getAttribute(`[data-testid=camera-tile][data-camera-id="${cameraId}"]`, 'data-state');

describe('the video wall', () => {
  it('says so when a monitor address names no monitor, after signing in', async () => {
    const page = await openMonitorPage('no-such-monitor', 'zh-CN');
    await page.waitForSelector('[data-testid=monitor-unknown]');
    expect(await page.textContent('[data-testid=monitor-screen]')).toContain('没有编号为“no-such-monitor”的监视器');
    await page.context().close();
  });

  it('plays 16 demo cameras on one monitor, every picture moving for 20 s, no badge saying connecting or stalled over it', async () => {
    const cameras = Array.from({ length: 16 }, (_, index) => demoCamera(index + 1));
    await createMonitor('e2e-grid', '4x4');
    await showCameras('e2e-grid', '4x4', cameras);
    const page = await openMonitor('e2e-grid');
    const badgeLies = await watchBadges(page);
    await waitAllLive(page, 16);
    expect((await readVideos(page)).map((video) => video.camera)).toEqual(cameras);

    let previous = await readVideos(page);
    for (let sample = 0; sample < 4; sample++) {
      await page.waitForTimeout(5_000);
      const now = await readVideos(page);
      expect(await badgeLies(), `at ${(sample + 1) * 5} s`).toEqual([]);
      for (const [index, video] of now.entries()) {
        expect(video.state, `${video.camera} at ${(sample + 1) * 5} s`).toBe('live');
        expect(video.currentTime, `${video.camera} at ${(sample + 1) * 5} s`).toBeGreaterThan(previous[index]!.currentTime);
      }
      previous = now;
    }
    expect(await liveInstances(page)).toBe(16);
    await page.screenshot({ path: join(screenshotDir, 'wall-monitor-4x4.png') });
    await page.context().close();
  }, 120_000);

  describe('a camera whose stream goes away', () => {
    let hls: LiveHls;
    let origin: HttpOrigin & { port: number };

    beforeAll(async () => {
      hls = startLiveHls('camera-17');
      await waitForSegments(hls, 3);
      origin = await serveOrigin(() => hls.dir);
    }, 60_000);
    afterAll(async () => {
      await origin?.close();
      await hls?.stop();
    });

    it('shows reconnecting, then offline, and plays again when the stream is back', async () => {
      const cameraId = demoCamera(17);
      await api(vigil, cookie, 'PUT', `/api/v1/cameras/${cameraId}/streams`, { mainUrl: `${origin.url}/index.m3u8` });
      await createMonitor('e2e-flaky', '1');
      await showCameras('e2e-flaky', '1', [cameraId]);
      const page = await openMonitor('e2e-flaky');
      await waitAllLive(page, 1);

      await origin.close();
      await page.waitForSelector(`[data-testid=camera-tile][data-camera-id="${cameraId}"][data-state=reconnecting]`, { timeout: 30_000 });
      await page.waitForSelector(`[data-testid=camera-tile][data-camera-id="${cameraId}"][data-state=offline]`, { timeout: 60_000 });
      expect(await page.textContent('[data-testid=stream-badge]')).toBe('Offline');
      await page.screenshot({ path: join(screenshotDir, 'wall-monitor-offline.png') });

      origin = await serveOrigin(() => hls.dir, origin.port);
      await page.waitForSelector(`[data-testid=camera-tile][data-camera-id="${cameraId}"][data-state=live]`, { timeout: 60_000 });
      const [resumed] = await readVideos(page);
      await page.waitForTimeout(3_000);
      const [later] = await readVideos(page);
      expect(later!.currentTime).toBeGreaterThan(resumed!.currentTime);
      expect(await tileState(page, cameraId)).toBe('live');
      await page.context().close();
    }, 180_000);
  });

  it('keeps as many hls.js instances as live tiles on screen after switching layouts 20 times', async () => {
    const monitorId = 'e2e-layouts';
    await createMonitor(monitorId, '2x2');
    const presets: { id: string; layout: Layout; cameras: (string | null)[] }[] = [
      { id: 'e2e-4x4', layout: '4x4', cameras: Array.from({ length: 16 }, (_, index) => demoCamera(index + 1)) },
      { id: 'e2e-3x3', layout: '3x3', cameras: [demoCamera(9), demoCamera(10), null, demoCamera(12), demoCamera(13), null, demoCamera(15), demoCamera(16), demoCamera(17)] },
      { id: 'e2e-1', layout: '1', cameras: [demoCamera(20)] },
      { id: 'e2e-1p5', layout: '1+5', cameras: [demoCamera(18), demoCamera(2), null, demoCamera(4), demoCamera(5), demoCamera(6)] },
    ];
    for (const preset of presets) {
      await showCameras(monitorId, preset.layout, preset.cameras);
      await command('wall.savePreset', { monitorId, presetId: preset.id, name: preset.id });
    }
    const page = await openMonitor(monitorId);
    for (let round = 0; round < 20; round++) {
      const preset = presets[round % presets.length]!;
      await command('wall.applyPreset', { monitorId, presetId: preset.id });
      await page.waitForSelector(`[data-testid=monitor-grid][data-layout="${preset.layout}"]`);
      await page.waitForTimeout(round % 4 === 0 ? 2_000 : 300);
    }
    // The last one applied (round 19, the fourth preset): 1 + 5 with five cameras.
    await waitAllLive(page, 5);
    expect(await liveInstances(page)).toBe(5);
    expect(await page.$$eval('video[src]', (videos) => videos.length)).toBe(5);
    await page.context().close();
  }, 180_000);

  it('pops an alarm’s linked camera onto the alarm monitor, and gives the monitor back when the alarm is resolved', async () => {
    const rule: AlarmRule = { kinds: [], maxPriority: 9, cameraCount: 4, radius: 60 };
    await createMonitor('e2e-alarm', '1', rule);
    await command('wall.assign', { monitorId: 'e2e-alarm', content: { kind: 'map', siteId: 'demo', floor: 0 } });
    const page = await openMonitor('e2e-alarm');
    await page.waitForSelector('[data-testid=site-map]');

    const { status, alarm: posted } = await postAlarm(vigil, { source: { deviceId: 'demo-door-club' }, kind: 'door_forced', message: 'Clubhouse door forced' });
    expect(status).toBeLessThan(300);
    const { sites } = await api<{ sites: Site[] }>(vigil, cookie, 'GET', '/api/v1/sites');
    const { alarms } = await api<{ alarms: Alarm[] }>(vigil, cookie, 'GET', '/api/v1/alarms?state=open');
    const alarm = alarms.find((candidate) => candidate.id === posted.id)!;
    const expected = linkedCameras(alarm, sites.find((site) => site.id === 'demo')!, { count: rule.cameraCount, radius: rule.radius });
    expect(expected.length).toBeGreaterThan(0);

    await page.waitForSelector(`[data-testid=takeover-banner][data-alarm-id="${posted.id}"]`, { timeout: 2_000 });
    expect(await page.textContent('[data-testid=takeover-kind]')).toBe('Door forced');
    await page.waitForSelector(`[data-testid=camera-tile][data-camera-id="${expected[0]}"][data-state=live]`, { timeout: 45_000 });
    expect((await readVideos(page)).map((video) => video.camera)).toEqual(expected);
    await page.screenshot({ path: join(screenshotDir, 'wall-monitor-takeover.png') });

    await command('alarm.acknowledge', { alarmId: posted.id });
    await command('alarm.resolve', { alarmId: posted.id, disposition: 'false', note: 'e2e' });
    await page.waitForSelector('[data-testid=takeover-banner]', { state: 'detached' });
    await page.waitForSelector('[data-testid=site-map]');
    expect(await page.$$('[data-testid=camera-tile]')).toHaveLength(0);
    await page.context().close();
  }, 120_000);
});
