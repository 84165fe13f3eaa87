import { mkdirSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, planToPage, postAlarm, screenshotDir, startVigil, type RunningVigil } from './harness';

let vigil: RunningVigil;
let browser: Browser;
let cookie: string;
let site: SiteList['sites'][number];
/** Devices not used yet: each test raises its alarms on its own devices, so none is a repeat of another's. */
let unused: SiteDevice[];

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  cookie = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  site = (await api<SiteList>(vigil, cookie, 'GET', '/api/v1/sites')).sites[0]!;
  unused = site.devices.filter((device) => device.kind !== 'camera' && device.floor === 0);
  mkdirSync(screenshotDir, { recursive: true });
});

function takeDevice(): SiteDevice {
  const device = unused.shift();
  if (!device) throw new Error('the demo site has too few devices for these tests');
  return device;
}

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function signIn(page: Page, base = vigil.url): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL('**/wall');
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
}

async function raise(deviceId: string, kind: string, message: string, priority?: number): Promise<string> {
  const { status, alarm } = await postAlarm(vigil, { source: { deviceId }, kind, message, ...(priority ? { priority } : {}) });
  expect(status).toBeLessThan(300);
  return alarm.id;
}

const alarmRow = (page: Page, alarmId: string) => page.locator(`[data-testid=alarm-row][data-alarm-id="${alarmId}"]`);

interface SiteDevice {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  floor: number;
  zoneId: string | null;
  position: [number, number];
  camera: unknown;
  linkedCameraIds: string[];
}
interface SiteList {
  sites: { id: string; plan: { width: number; height: number }; devices: SiteDevice[] }[];
}

describe('an alarm’s place on an open wall (#13)', () => {
  it('follows a rename of its device without a reload, and says so when the device is removed', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page);
    await page.evaluate(() => Object.assign(window, { vigilNoReload: true }));
    // A door the map shows on its own (the site editor's test opens its details the same way).
    const device = site.devices.find((candidate) => candidate.id === 'demo-door-plant')!;
    unused = unused.filter((candidate) => candidate.id !== device.id);
    // The details of the device, opened from its marker (before its alarm's pulse covers it).
    await page.waitForSelector('[data-testid=site-map-canvas][data-floor="0"]');
    const toPage = await planToPage(page, site.plan);
    const at = toPage(device.position);
    await page.mouse.click(at.x, at.y);
    const details = `[data-testid=details-panel][data-kind=device][data-id="${device.id}"]`;
    await page.waitForSelector(details);

    const alarmId = await raise(device.id, 'door_held', 'Door held open');
    const place = alarmRow(page, alarmId).locator('.alarm-row__place');
    await expect.poll(() => place.textContent()).toContain(device.nameEn);

    const { kind, floor, zoneId, position, camera, linkedCameraIds } = device;
    const renamed = { name: '仓库后门', nameEn: 'Warehouse back door', kind, floor, zoneId, position, camera, linkedCameraIds };
    await api(vigil, cookie, 'PUT', `/api/v1/sites/${site.id}/devices/${device.id}`, renamed);
    await expect.poll(() => place.textContent(), { timeout: 5_000 }).toContain('Warehouse back door');
    expect(await place.textContent()).not.toContain(device.nameEn);
    expect(await page.textContent(`${details} .details-panel__title`)).toBe('Warehouse back door');

    await api(vigil, cookie, 'DELETE', `/api/v1/sites/${site.id}/devices/${device.id}`);
    await expect.poll(() => place.textContent(), { timeout: 5_000 }).toContain('Warehouse back door (device removed)');
    expect(await page.textContent('[data-testid=details-device-removed]')).toBe('Warehouse back door (device removed)');
    await page.screenshot({ path: join(screenshotDir, 'wall-device-removed-en.png') });

    // In Chinese too, from the same live state.
    await page.click('[data-testid=language-zh-CN]');
    await expect.poll(() => place.textContent()).toContain('仓库后门（设备已删除）');
    expect(await page.evaluate(() => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload)).toBe(true);
    await context.close();
  });
});

/** A TCP proxy in front of the server that can be cut and restored: the socket really loses its peer. */
function cuttableProxy(targetPort: number): Promise<{ url: string; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        const forget = () => (sockets.delete(client), sockets.delete(upstream));
        client.on('close', forget).on('error', () => upstream.destroy());
        upstream.on('close', forget).on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
  return listen().then(() => ({ url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut }));
}

describe('a wall that loses its server (#15)', () => {
  it('dims the map and the queue, says "as of" when, and disables the commands with the reason; back live it is normal', async () => {
    const proxy = await cuttableProxy(Number(new URL(vigil.url).port));
    const { context, page } = await newScreen(browser, 'en-US');
    try {
      await signIn(page, proxy.url);
      const alarmId = await raise(takeDevice().id, 'fire', 'Manual call point activated');
      const ack = alarmRow(page, alarmId).locator('[data-testid=alarm-ack]');
      await ack.waitFor();
      expect(await ack.isEnabled()).toBe(true);
      expect(await page.getAttribute('[data-testid=wall]', 'data-stale')).toBe('false');
      expect(await page.locator('[data-testid=data-as-of]').count()).toBe(0);
      const mapFilter = () => page.$eval('[data-testid=wall] .site-map', (map) => getComputedStyle(map).filter);
      expect(await mapFilter()).toBe('none');

      const before = Date.now();
      await proxy.cut();
      await page.waitForSelector('[data-testid=connection-banner][data-status=reconnecting]', { timeout: 5_000 });
      await page.waitForSelector('[data-testid=wall][data-stale=true]');
      expect(await mapFilter()).toContain('grayscale');
      expect(await page.$eval('[data-testid=wall] .alarm-queue__list', (list) => getComputedStyle(list).filter)).toContain('brightness');

      // "As of" the moment it stopped being live, in local time with seconds.
      const asOf = page.locator('[data-testid=data-as-of]');
      const stamp = Date.parse((await asOf.getAttribute('datetime'))!);
      expect(stamp).toBeGreaterThanOrEqual(before - 1_000);
      expect(stamp).toBeLessThanOrEqual(Date.now());
      expect(await asOf.textContent()).toMatch(/^As of \d\d:\d\d:\d\d$/);

      expect(await ack.isDisabled()).toBe(true);
      expect(await ack.getAttribute('title')).toContain('Not connected');
      expect(await alarmRow(page, alarmId).locator('[data-testid=alarm-actions-offline]').textContent()).toBe('Offline — reconnecting');
      await page.screenshot({ path: join(screenshotDir, 'wall-stale-en.png') });

      await page.click('[data-testid=language-zh-CN]');
      expect(await asOf.textContent()).toMatch(/^截至 \d\d:\d\d:\d\d$/);
      expect(await alarmRow(page, alarmId).locator('[data-testid=alarm-actions-offline]').textContent()).toBe('离线 — 正在重连');
      await page.click('[data-testid=language-en]');

      await proxy.restore();
      await page.waitForSelector('[data-testid=connection-banner][data-status=live]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid=wall][data-stale=false]');
      // The console too: its wall commands are disabled offline, and say why, rather than time out.
      await page.goto(`${proxy.url}/console`);
      await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
      const send = page.locator('[data-testid=send-demo-cam-22]');
      await page.locator('[data-testid=tile-main-4]').click();
      expect(await send.isEnabled()).toBe(true);
      await proxy.cut();
      await page.waitForSelector('[data-testid=console][data-stale=true]', { timeout: 5_000 });
      expect(await send.isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=tile-main-4]').isDisabled()).toBe(true);
      expect(await page.textContent('[data-testid=console-offline]')).toBe('Offline — reconnecting');
      expect(await page.locator('[data-testid=data-as-of]').count()).toBe(1);
      await proxy.restore();
      await page.waitForSelector('[data-testid=console][data-stale=false]', { timeout: 20_000 });
      expect(await send.isEnabled()).toBe(true);
      await page.goto(`${proxy.url}/wall`);
      await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
      expect(await asOf.count()).toBe(0);
      expect(await mapFilter()).toBe('none');
      expect(await ack.isEnabled()).toBe(true);
      await ack.click();
      await page.waitForSelector(`[data-testid=alarm-row][data-alarm-id="${alarmId}"][data-state=acknowledged]`);
    } finally {
      await context.close();
      await proxy.close();
      }
  });
});

/** Counts the oscillators the page starts: each tone the wall plays starts some, silence starts none. */
const countTones = () => {
  const counted = window as unknown as { toneNotes: number };
  counted.toneNotes = 0;
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function createOscillator(this: AudioContext) {
    counted.toneNotes += 1;
    return original.call(this);
  };
};

describe('operator tools (#17)', () => {
  it('acknowledges three ticked alarms at once and resolves two of them as a drill', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page);
    const ids = [
      await raise(takeDevice().id, 'panic', 'Panic button pressed', 9),
      await raise(takeDevice().id, 'door_held', 'Door held open', 9),
      await raise(takeDevice().id, 'tamper', 'Cover opened', 9),
    ].reverse(); // the same priority: newest first
    for (const id of ids) await alarmRow(page, id).waitFor();
    const order = await page.locator('[data-testid=alarm-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alarm-id')!));
    expect(order.filter((id) => ids.includes(id))).toEqual(ids);
    // Adjacent in the queue, so the shift-click range holds these three alone.
    expect(order.indexOf(ids[2]!) - order.indexOf(ids[0]!)).toBe(2);

    // A tick, then shift-click on the third: all three.
    await alarmRow(page, ids[0]!).locator('[data-testid=alarm-check]').click();
    await alarmRow(page, ids[2]!).locator('[data-testid=alarm-check]').click({ modifiers: ['Shift'] });
    expect(await page.textContent('[data-testid=batch-count]')).toBe('3 selected');
    expect(await page.textContent('[data-testid=batch-ack]')).toBe('Acknowledge 3');
    await page.click('[data-testid=batch-ack]');
    for (const id of ids) await page.waitForSelector(`[data-testid=alarm-row][data-alarm-id="${id}"][data-state=acknowledged]`);
    expect(await page.textContent('[data-testid=batch-report]')).toBe('3 done');

    // Untick the last, resolve the other two as a drill (演练), with one note.
    await alarmRow(page, ids[2]!).locator('[data-testid=alarm-check]').click();
    expect(await page.textContent('[data-testid=batch-resolve]')).toBe('Resolve 2');
    await page.click('[data-testid=batch-resolve]');
    expect(await page.textContent('.resolve-dialog__title')).toBe('Resolve 2 alarms');
    await page.click('[data-testid=disposition-drill]');
    await page.fill('[data-testid=resolve-note]', 'Quarterly drill');
    await page.screenshot({ path: join(screenshotDir, 'wall-batch-resolve-en.png') });
    await page.click('[data-testid=resolve-confirm]');
    await alarmRow(page, ids[0]!).waitFor({ state: 'detached' });
    await alarmRow(page, ids[1]!).waitFor({ state: 'detached' });
    expect(await alarmRow(page, ids[2]!).getAttribute('data-state')).toBe('acknowledged');

    const { alarms } = await api<{ alarms: { id: string; state: string; disposition: string | null; note: string | null }[] }>(vigil, cookie, 'GET', '/api/v1/alarms');
    const byId = new Map(alarms.map((alarm) => [alarm.id, alarm]));
    expect(byId.get(ids[0]!)).toMatchObject({ state: 'resolved', disposition: 'drill', note: 'Quarterly drill' });
    expect(byId.get(ids[1]!)).toMatchObject({ state: 'resolved', disposition: 'drill', note: 'Quarterly drill' });
    expect(byId.get(ids[2]!)).toMatchObject({ state: 'acknowledged' });

    // The dialog's drill is worded in Chinese too.
    await page.click('[data-testid=language-zh-CN]');
    await alarmRow(page, ids[2]!).locator('[data-testid=alarm-resolve]').click();
    expect(await page.textContent('[data-testid=disposition-drill]')).toBe('演练');
    await page.click('[data-testid=resolve-cancel]');
    await context.close();
  });

  it('mutes the repeat tone with a badge of the time left, across a reload, until unmuted', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await context.addInitScript(countTones);
    await page.clock.install();
    await signIn(page);
    // Headless Chromium may let the page sound at once; a wall PC's browser asks for this click.
    if ((await page.locator('[data-testid=sound-unlock]').count()) > 0) await page.click('[data-testid=sound-unlock]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=sound-unlock]'));
    const notes = () => page.evaluate(() => (window as unknown as { toneNotes: number }).toneNotes);

    const critical = await raise(takeDevice().id, 'fire', 'Manual call point activated', 1);
    await alarmRow(page, critical).waitFor();
    await expect.poll(notes).toBeGreaterThan(0);

    // Unmuted, the still-new critical alarm sounds again after the reminder interval.
    let before = await notes();
    await page.clock.fastForward(31_000);
    await expect.poll(notes).toBeGreaterThan(before);

    await page.click('[data-testid=tone-mute]');
    await page.click('[data-testid=tone-mute-15]');
    const badge = page.locator('[data-testid=tone-muted]');
    expect(await page.textContent('[data-testid=tone-muted-left]')).toMatch(/^Muted 1[45]:\d\d$/);
    before = await notes();
    await page.clock.fastForward(31_000);
    await page.waitForTimeout(500);
    expect(await notes()).toBe(before);
    // About 31 s off the 15 minutes; the badge rounds to the second it is drawn in (14:28–14:30).
    expect(await page.textContent('[data-testid=tone-muted-left]')).toMatch(/^Muted 14:(?:2[89]|30)$/);
    await page.screenshot({ path: join(screenshotDir, 'wall-tone-muted-en.png') });

    // A reload keeps the mute (its end time is stored, so it still ends by itself).
    await page.reload();
    await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
    expect(await badge.count()).toBe(1);
    expect(await page.textContent('[data-testid=tone-muted-left]')).toMatch(/^Muted 1[45]:\d\d$/);

    await page.click('[data-testid=language-zh-CN]');
    expect(await page.textContent('[data-testid=tone-muted-left]')).toMatch(/^已静音 1[45]:\d\d$/);
    await badge.click();
    expect(await badge.count()).toBe(0);
    expect(await page.locator('[data-testid=tone-mute]').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('vigil.toneMute'))).toContain('"mutedUntil":null');
    await context.close();
  });
});
