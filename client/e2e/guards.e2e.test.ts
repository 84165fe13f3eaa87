import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, INGEST_KEY, api, apiSession, launchBrowser, screenshotDir, startVigil, type RunningVigil } from './harness';

/**
 * The demo site's anchor (server/src/sim/demo-site.ts): plan (0,0) ↔ 30.2741, 120.1551 and
 * (420,300) ↔ 30.276798, 120.159474, north up. Enough to place the phone at plan points.
 */
const ORIGIN = { lat: 30.2741, lon: 120.1551 };
const SPAN = { x: 420, y: 300, lat: 30.276798 - 30.2741, lon: 120.159474 - 120.1551 };
const gps = (x: number, y: number) => ({ latitude: ORIGIN.lat + (y / SPAN.y) * SPAN.lat, longitude: ORIGIN.lon + (x / SPAN.x) * SPAN.lon, accuracy: 5 });
/** Metres the marker may sit from the point the phone was given (the server fits the anchor by least squares). */
const TOLERANCE_M = 3;
const GUARD_PASSWORD = 'guard-password-e2e';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;

interface Linked {
  username: string;
  guardId: string;
  callsign: string;
}

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const { sites } = await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites');
  siteId = sites[0]!.id;
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

/** A guard user and the roster guard linked to it, made through the API as an admin would. */
async function linkedGuard(username: string, callsign: string): Promise<Linked> {
  const { user } = await api<{ user: { id: string } }>(vigil, admin, 'POST', '/api/v1/users', {
    username,
    displayName: `Guard ${callsign}`,
    role: 'guard',
    password: GUARD_PASSWORD,
  });
  const created = await api<{ guard: { id: string } }>(vigil, admin, 'POST', '/api/v1/guards', {
    siteId,
    callsign,
    name: `Guard ${callsign}`,
    userId: user.id,
    onShift: true,
  });
  return { username, guardId: created.guard.id, callsign };
}

async function signIn(page: Page, username: string, password: string, lands: string): Promise<void> {
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${lands}`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
}

async function phone(guard: Linked, at: { x: number; y: number }, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(gps(at.x, at.y));
  const page = await context.newPage();
  await signIn(page, guard.username, GUARD_PASSWORD, '/guard');
  await page.waitForSelector(`[data-testid=guard-callsign]:text("${guard.callsign}")`);
  return { context, page };
}

async function wall(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, 'admin', ADMIN_PASSWORD, '/wall');
  return { context, page };
}

const marker = (page: Page, guardId: string) => `[data-testid=guard-marker][data-guard-id="${guardId}"]`;

/** Waits until the wall's marker for the guard sits within TOLERANCE_M of a plan point. */
async function markerReaches(page: Page, guardId: string, at: { x: number; y: number }): Promise<void> {
  await page.waitForFunction(
    ({ selector, x, y, tolerance }) => {
      const element = document.querySelector<HTMLElement>(selector);
      if (!element) return false;
      return Math.hypot(Number(element.dataset.x) - x, Number(element.dataset.y) - y) <= tolerance;
    },
    { selector: marker(page, guardId), x: at.x, y: at.y, tolerance: TOLERANCE_M },
    { timeout: 15_000 },
  );
}

describe('the guard page', () => {
  it("reports the phone's position and moves that guard's marker on the wall", async () => {
    const guard = await linkedGuard('guard-walk', 'E1');
    const screen = await wall();
    const device = await phone(guard, { x: 100, y: 100 });
    await markerReaches(screen.page, guard.guardId, { x: 100, y: 100 });
    expect(await screen.page.getAttribute(marker(screen.page, guard.guardId), 'data-floor')).toBe('0');

    await device.context.setGeolocation(gps(160, 140));
    await markerReaches(screen.page, guard.guardId, { x: 160, y: 140 });
    await device.page.waitForSelector('[data-testid=guard-queue][data-count="0"]');

    await device.page.click('[data-testid=guard-status-busy]');
    await screen.page.waitForSelector(`${marker(screen.page, guard.guardId)}[data-status=busy]`);

    // The accessible list has a button per guard: it opens the same details as a click on the marker.
    await screen.page.$eval(`${marker(screen.page, guard.guardId)} button`, (button) => (button as HTMLButtonElement).click());
    const details = `[data-testid=details-panel][data-kind=guard][data-id="${guard.guardId}"]`;
    await screen.page.waitForSelector(details);
    expect(await screen.page.textContent(details)).toContain('Busy');
    expect(await screen.page.textContent(details)).toContain('Last fix');

    await device.page.screenshot({ path: join(screenshotDir, 'guard-en.png') });
    await screen.page.screenshot({ path: join(screenshotDir, 'wall-guards-en.png') });
    for (const page of [device.page, screen.page]) await page.click('[data-testid=language-zh-CN]');
    expect(await device.page.textContent('[data-testid=guard-current-status]')).toContain('忙碌');
    expect(await screen.page.textContent(details)).toContain('最后定位');
    await device.page.screenshot({ path: join(screenshotDir, 'guard-zh-CN.png') });
    await screen.page.screenshot({ path: join(screenshotDir, 'wall-guards-zh-CN.png') });
    await Promise.all([device.context.close(), screen.context.close()]);
  });

  it('puts the guard on the floor picked on the phone, at once and for the fixes after', async () => {
    const guard = await linkedGuard('guard-floors', 'E4');
    const screen = await wall('zh-CN');
    const device = await phone(guard, { x: 182, y: 70 }, 'zh-CN');
    const onWall = marker(screen.page, guard.guardId);
    await markerReaches(screen.page, guard.guardId, { x: 182, y: 70 });
    expect(await screen.page.getAttribute(onWall, 'data-floor')).toBe('0');
    expect(await device.page.getAttribute('[data-testid=guard-floor-0]', 'aria-pressed')).toBe('true');

    // Standing still at the ramp foot: the phone reads no new position, the pick is sent anyway.
    await device.page.click('[data-testid=guard-floor--1]');
    await screen.page.waitForSelector(`${onWall}[data-floor="-1"][data-on-floor=false]`);
    await screen.page.click('[data-testid=floor--1]');
    await screen.page.waitForSelector(`${onWall}[data-floor="-1"][data-on-floor=true]`);
    await device.page.screenshot({ path: join(screenshotDir, 'guard-floor-zh-CN.png') });

    // The next fix keeps the floor, and so does the page opened again.
    await device.context.setGeolocation(gps(182, 90));
    await markerReaches(screen.page, guard.guardId, { x: 182, y: 90 });
    expect(await screen.page.getAttribute(onWall, 'data-floor')).toBe('-1');
    await device.page.reload();
    await device.page.waitForSelector('[data-testid=guard-floor--1][aria-pressed=true]');
    await Promise.all([device.context.close(), screen.context.close()]);
  });

  it('sends SOS only after a press held for 1.5 s, and the wall gets the alarm', async () => {
    const guard = await linkedGuard('guard-sos', 'E3');
    const screen = await wall();
    const device = await phone(guard, { x: 300, y: 200 });
    await markerReaches(screen.page, guard.guardId, { x: 300, y: 200 });
    const sos = '[data-testid=sos-button]';
    await device.page.locator(sos).scrollIntoViewIfNeeded();
    const box = (await device.page.locator(sos).boundingBox())!;
    await device.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await device.page.mouse.down();
    await device.page.waitForTimeout(400);
    await device.page.mouse.up();
    expect(await device.page.getAttribute(sos, 'data-state')).toBe('idle');
    expect(await screen.page.locator('[data-testid=alarm-row]').count()).toBe(0);

    await device.page.mouse.down();
    await device.page.waitForSelector(`${sos}[data-state=received]`, { timeout: 10_000 });
    await device.page.mouse.up();
    await screen.page.waitForSelector('[data-testid=alarm-row]');
    await device.page.screenshot({ path: join(screenshotDir, 'guard-sos-en.png') });
    await screen.page.screenshot({ path: join(screenshotDir, 'wall-sos-en.png') });
  });

  it('keeps fixes taken offline and sends them in order, each once, when back online', async () => {
    const guard = await linkedGuard('guard-offline', 'E2');
    const screen = await wall();
    const device = await phone(guard, { x: 200, y: 80 });
    await markerReaches(screen.page, guard.guardId, { x: 200, y: 80 });
    const queue = '[data-testid=guard-queue]';
    // The wall shows a fix before the phone has its ack: wait for the ack, so only new fixes queue.
    await device.page.waitForSelector(`${queue}[data-count="0"]`);
    const takenBefore = Number(await device.page.getAttribute(queue, 'data-taken'));

    await device.context.setOffline(true);
    await device.page.waitForSelector('[data-testid=connection-banner][data-status=offline]');
    const offline = [
      { x: 210, y: 90 },
      { x: 220, y: 100 },
      { x: 230, y: 110 },
    ];
    for (const [i, at] of offline.entries()) {
      await device.context.setGeolocation(gps(at.x, at.y));
      await device.page.waitForSelector(`${queue}[data-count="${i + 1}"]`);
    }
    // Nothing reached the wall while the phone was offline. Close the page: the queue is in storage.
    await markerReaches(screen.page, guard.guardId, { x: 200, y: 80 });
    await device.page.close();

    // Back online, the page opened again (now somewhere else) sends the stored queue first, then its new fix.
    const back = { x: 240, y: 120 };
    await device.context.setOffline(false);
    await device.context.setGeolocation(gps(back.x, back.y));
    const reopened = await device.context.newPage();
    await reopened.goto(`${vigil.url}/guard`);
    await reopened.waitForSelector(`${queue}[data-taken="1"][data-count="0"]`, { timeout: 20_000 });
    await markerReaches(screen.page, guard.guardId, back);

    const { trails } = await api<{ trails: Record<string, { at: string; position: [number, number] }[]> }>(
      vigil,
      admin,
      'GET',
      `/api/v1/sites/${siteId}/trails?minutes=5`,
    );
    const trail = trails[guard.guardId] ?? [];
    const near = (p: [number, number], at: { x: number; y: number }) => Math.hypot(p[0] - at.x, p[1] - at.y) <= TOLERANCE_M;
    // Each offline point stored exactly once, in the order taken, after the first one.
    const hits = offline.map((at) => trail.filter((point) => near(point.position, at)));
    expect(hits.map((points) => points.length)).toEqual([1, 1, 1]);
    const times = [...hits.map((points) => Date.parse(points[0]!.at)), Date.parse(trail.at(-1)!.at)];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(near(trail.at(-1)!.position, back)).toBe(true);
    expect(trail.length).toBe(takenBefore + offline.length + 1);
    await Promise.all([device.context.close(), screen.context.close()]);
  });
});

describe('the floor switcher', () => {
  it("shows the garage's devices on floor -1 and hides the ground floor's", async () => {
    const screen = await wall('zh-CN');
    const canvas = '[data-testid=site-map-canvas]';
    await screen.page.waitForSelector(`${canvas}[data-floor="0"]`);
    const groundDevices = Number(await screen.page.getAttribute('[data-testid=floor-0-devices]', 'data-count'));
    const garageDevices = Number(await screen.page.getAttribute('[data-testid=floor--1-devices]', 'data-count'));
    expect(garageDevices).toBeGreaterThan(0);
    expect(await screen.page.getAttribute(canvas, 'data-shown-devices')).toBe(String(groundDevices));

    await screen.page.click('[data-testid=floor--1]');
    await screen.page.waitForSelector(`${canvas}[data-floor="-1"]`);
    expect(await screen.page.getAttribute(canvas, 'data-shown-devices')).toBe(String(garageDevices));
    await screen.page.evaluate(() => document.fonts.ready);
    await screen.page.screenshot({ path: join(screenshotDir, 'wall-garage-zh-CN.png') });
    await screen.context.close();
  });
});

describe('devices on the wall', () => {
  it("follow a device's live status without a reload", async () => {
    const { sites } = await api<{ sites: { devices: { id: string; floor: number; status: string }[] }[] }>(vigil, admin, 'GET', '/api/v1/sites');
    const device = sites[0]!.devices.find((candidate) => candidate.floor === 0 && candidate.status === 'online')!;
    const screen = await wall();
    const canvas = '[data-testid=site-map-canvas]';
    await screen.page.waitForSelector(`${canvas}[data-floor="0"]`);
    const faultsBefore = Number(/fault:(\d+)/.exec((await screen.page.getAttribute(canvas, 'data-device-statuses')) ?? '')?.[1] ?? 0);

    const response = await fetch(`${vigil.url}/api/v1/devices/${device.id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'fault' }),
    });
    expect(response.status).toBeLessThan(300);
    await screen.page.waitForSelector(`${canvas}[data-device-statuses*="fault:${faultsBefore + 1}"]`);
    await screen.context.close();
  });
});
