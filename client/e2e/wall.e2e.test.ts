import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil } from './harness';

let vigil: RunningVigil;
let browser: Browser;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL('**/wall');
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
}

async function raise(deviceId: string, kind: string, message: string): Promise<string> {
  const { status, alarm } = await postAlarm(vigil, { source: { deviceId }, kind, message });
  expect(status).toBeLessThan(300);
  return alarm.id;
}

const alarmRow = (page: Page, alarmId: string) => page.locator(`[data-testid=alarm-row][data-alarm-id="${alarmId}"]`);

describe('signing in', () => {
  it('sends a visitor to the login screen, explains a wrong password, then opens the wall', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await page.goto(`${vigil.url}/wall`);
    await page.waitForURL('**/login');
    await page.fill('[data-testid=login-username]', 'admin');
    await page.fill('[data-testid=login-password]', 'not-the-password');
    await page.click('[data-testid=login-submit]');
    expect(await page.textContent('[data-testid=login-error]')).toBe('Wrong username or password');

    await page.click('[data-testid=language-zh-CN]');
    expect(await page.textContent('[data-testid=login-error]')).toBe('用户名或密码错误');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await signIn(page);
    expect(await page.textContent('[data-testid=site-name]')).toBe('翠湖花园');
    await context.close();
  });
});

const LANGUAGES = [
  { locale: 'zh-CN', critical: 'P1 紧急', note: '员工误按', shot: 'wall-zh-CN.png' },
  { locale: 'en-US', critical: 'P1 Critical', note: 'Staff pressed it by mistake', shot: 'wall-en-flow.png' },
];

describe('the alarm queue', () => {
  it.each(LANGUAGES)('($locale) shows a posted alarm with its marker within a second, most urgent first, and takes it to resolved', async ({ locale, critical, note, shot }) => {
    const { context, page } = await newScreen(browser, locale);
    await signIn(page);

    const doorHeld = await raise('demo-door-b02', 'door_held', 'Door held open');
    await alarmRow(page, doorHeld).waitFor();
    // The promise the wall makes: an alarm is on screen, with its marker, within a second of the POST's answer.
    const fire = await raise('demo-mcp-01', 'fire', 'Manual call point activated');
    await page.locator(`.alarm-pulse[data-alarm-id="${fire}"]`).waitFor({ timeout: 1_000 });
    await alarmRow(page, fire).waitFor({ timeout: 1_000 });

    const order = await page.locator('[data-testid=alarm-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alarm-id')));
    expect(order.indexOf(fire)).toBeLessThan(order.indexOf(doorHeld));
    expect(await alarmRow(page, fire).locator('[data-testid=alarm-priority]').textContent()).toBe(critical);
    expect(await alarmRow(page, fire).getAttribute('data-state')).toBe('new');
    await page.screenshot({ path: join(screenshotDir, shot) });

    const row = alarmRow(page, fire);
    await row.locator('[data-testid=alarm-ack]').click();
    await page.waitForSelector(`[data-testid=alarm-row][data-alarm-id="${fire}"][data-state=acknowledged]`);
    expect(await row.locator('[data-testid=alarm-owner]').textContent()).toContain('Administrator');
    expect(await row.locator('[data-testid=alarm-ack]').count()).toBe(0);

    await row.locator('[data-testid=alarm-resolve]').click();
    await page.click('[data-testid=disposition-false]');
    await page.fill('[data-testid=resolve-note]', note);
    await page.click('[data-testid=resolve-confirm]');
    await row.waitFor({ state: 'detached' });
    expect(await page.locator(`.alarm-pulse[data-alarm-id="${fire}"]`).count()).toBe(0);
    expect(await page.locator(`[data-testid=resolved-row][data-alarm-id="${fire}"]`).count()).toBe(1);

    // Resolved for everyone, with the disposition and the note, as the API reports it.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const resolved = (await (await fetch(`${vigil.url}/api/v1/alarms?state=resolved`, { headers: { cookie } })).json()) as {
      alarms: { id: string; disposition: string; note: string }[];
    };
    expect(resolved.alarms.find((alarm) => alarm.id === fire)).toMatchObject({ disposition: 'false', note });

    await context.close();
  });

  it('catches up on an alarm raised while the wall was offline', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page);
    await context.setOffline(true);
    await page.waitForSelector('[data-testid=connection-banner][data-status=offline]');
    expect(await page.textContent('[data-testid=connection-banner]')).toBe('OFFLINE');

    const panic = await raise('demo-panic-main', 'panic', 'Panic button pressed');
    await context.setOffline(false);
    await page.waitForSelector('[data-testid=connection-banner][data-status=live]', { timeout: 20_000 });
    await alarmRow(page, panic).waitFor();
    expect(await alarmRow(page, panic).locator('[data-testid=alarm-kind]').textContent()).toBe('Panic button');
    await page.screenshot({ path: join(screenshotDir, 'wall-en.png') });
    await context.close();
  });
});
