import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Alarm, type CommandAck } from '@vigil/shared';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, screenshotDir, startVigil, type RunningVigil } from './harness';

const GUARD_PASSWORD = 'guard-password-e2e-sos';
const SOS = '[data-testid=sos-button]';
const PROGRESS = '[data-testid=sos-progress]';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;

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

async function linkedGuard(username: string, callsign: string): Promise<{ username: string; guardId: string; callsign: string }> {
  const { user } = await api<{ user: { id: string } }>(vigil, admin, 'POST', '/api/v1/users', { username, displayName: `Guard ${callsign}`, role: 'guard', password: GUARD_PASSWORD });
  const { guard } = await api<{ guard: { id: string } }>(vigil, admin, 'POST', '/api/v1/guards', { siteId, callsign, name: `Guard ${callsign}`, userId: user.id, onShift: true });
  return { username, guardId: guard.id, callsign };
}

async function signIn(page: Page, username: string, password: string, lands: string): Promise<void> {
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${lands}`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
}

/** The guard's phone: a phone-sized touch screen, no location (the SOS does not need one). */
async function phone(guard: { username: string; callsign: string }, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, guard.username, GUARD_PASSWORD, '/guard');
  await page.waitForSelector(`[data-testid=guard-callsign]:text("${guard.callsign}")`);
  return { context, page };
}

async function wall(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, 'admin', ADMIN_PASSWORD, '/wall');
  return { context, page };
}

/** Press and hold the SOS button for longer than the 1.5 s hold. */
async function holdSos(page: Page): Promise<void> {
  // The button where the thumb can reach it: a tap lower down (a status, the patrol card) scrolls it away.
  await page.locator(SOS).scrollIntoViewIfNeeded();
  const box = (await page.locator(SOS).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(1_900);
  await page.mouse.up();
}

const sosAlarmsOf = async (guardId: string) =>
  (await api<{ alarms: Alarm[] }>(vigil, admin, 'GET', '/api/v1/alarms?state=open')).alarms.filter((alarm) => alarm.kind === 'sos' && alarm.attributes.guardId === guardId);

/** An operator's console socket: acknowledges and resolves an alarm as the wall's buttons do. */
async function resolveAsOperator(alarmId: string): Promise<void> {
  const socket = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, reconnection: false, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const command = (name: 'alarm.acknowledge' | 'alarm.resolve', body: Record<string, unknown>) =>
      new Promise<CommandAck>((resolve) => (socket.emit as (n: string, b: unknown, a: (r: CommandAck) => void) => void)(name, body, resolve));
    expect(await command('alarm.acknowledge', { commandId: `ack-${alarmId}`, alarmId })).toMatchObject({ ok: true });
    expect(await command('alarm.resolve', { commandId: `resolve-${alarmId}`, alarmId, disposition: 'confirmed' })).toMatchObject({ ok: true });
  } finally {
    socket.disconnect();
  }
}

describe("the guard phone's SOS", () => {
  it('keeps an SOS pressed offline across a reload and delivers it once when back online, then says received', async () => {
    const guard = await linkedGuard('guard-sos-offline', 'S1');
    const screen = await wall();
    const device = await phone(guard);

    await device.context.setOffline(true);
    await device.page.waitForSelector('[data-testid=connection-banner][data-status=offline]');
    await holdSos(device.page);
    await device.page.waitForSelector(`${PROGRESS}[data-phase=waiting]`);
    expect(await device.page.textContent('[data-testid=sos-hint]')).toMatch(/^Waiting for network/);
    // Pressed again in panic: still one SOS.
    await holdSos(device.page);
    await device.page.waitForSelector(`${PROGRESS}[data-phase=waiting]`);
    await device.page.screenshot({ path: join(screenshotDir, 'guard-sos-waiting-en.png') });
    // Really offline: nothing reached the server, the wall shows nothing.
    await device.page.waitForTimeout(2_000);
    expect(await sosAlarmsOf(guard.guardId)).toEqual([]);
    expect(await screen.page.locator('[data-testid=alarm-row]').count()).toBe(0);

    // The page goes away while offline (a reload that cannot load); the SOS is in the phone's storage.
    await expect(device.page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await device.context.setOffline(false);
    await device.page.goto(`${vigil.url}/guard`);
    await device.page.waitForSelector(`${PROGRESS}[data-phase=received]`, { timeout: 20_000 });
    expect(await device.page.textContent('[data-testid=sos-hint]')).toBe('Received by the control room');
    await device.page.waitForSelector('[data-testid=guard-current-status][data-status=sos]');
    await screen.page.waitForSelector('[data-testid=alarm-row]');
    expect(await screen.page.locator('[data-testid=alarm-row]').count()).toBe(1);
    expect(await sosAlarmsOf(guard.guardId)).toHaveLength(1);
    expect((await sosAlarmsOf(guard.guardId))[0]!.count).toBe(1);
    await device.page.screenshot({ path: join(screenshotDir, 'guard-sos-received-en.png') });

    // A reload now shows it still received, and sends nothing more.
    await device.page.reload();
    await device.page.waitForSelector(`${PROGRESS}[data-phase=received]`);
    await device.page.waitForTimeout(1_000);
    expect(await sosAlarmsOf(guard.guardId)).toHaveLength(1);
    expect((await sosAlarmsOf(guard.guardId))[0]!.count).toBe(1);
    await Promise.all([device.context.close(), screen.context.close()]);
  });

  it('leaves SOS on the phone when the control room resolves it', async () => {
    const guard = await linkedGuard('guard-sos-resolved', 'S2');
    const device = await phone(guard, 'zh-CN');
    await device.page.click('[data-testid=guard-status-busy]');
    await device.page.waitForSelector('[data-testid=guard-current-status][data-status=busy]');
    await holdSos(device.page);
    await device.page.waitForSelector(`${PROGRESS}[data-phase=received]`);
    expect(await device.page.textContent('[data-testid=sos-hint]')).toBe('指挥中心已收到求救');
    await device.page.waitForSelector('[data-testid=guard-current-status][data-status=sos]');

    const [alarm] = await sosAlarmsOf(guard.guardId);
    await resolveAsOperator(alarm!.id);
    await device.page.waitForSelector('[data-testid=guard-current-status][data-status=busy]');
    await device.page.waitForSelector(PROGRESS, { state: 'detached' });
    expect(await device.page.getAttribute(SOS, 'data-state')).toBe('idle');
    expect(await device.page.textContent('[data-testid=sos-hint]')).toBe('按住 1.5 秒发送求救');
    await device.page.screenshot({ path: join(screenshotDir, 'guard-sos-resolved-zh.png') });
    // Resolved stays resolved across a reload.
    await device.page.reload();
    await device.page.waitForSelector('[data-testid=guard-current-status][data-status=busy]');
    expect(await device.page.locator(PROGRESS).count()).toBe(0);
    await device.context.close();
  });
});
