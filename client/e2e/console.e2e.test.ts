import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiSession, api, launchBrowser, newScreen, planToPage, screenshotDir, startVigil, type RunningVigil } from './harness';

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

async function openScreen(locale: string, path: string): Promise<Page> {
  const { page } = await newScreen(browser, locale);
  await page.goto(`${vigil.url}/login?next=${path}`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${path}`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
  return page;
}

async function openConsole(locale: string): Promise<Page> {
  const page = await openScreen(locale, '/console');
  await page.waitForSelector('[data-testid=monitor-card-main]');
  return page;
}

const tile = (page: Page, monitorId: string, index: number) => page.locator(`[data-testid=tile-${monitorId}-${index}]`);

describe('the operator console', () => {
  it('sends a camera to a tile, and every console sees the wall change at once', async () => {
    const page = await openConsole('en-US');
    const other = await openConsole('zh-CN');
    expect(await tile(page, 'main', 4).textContent()).toContain('South-west corner camera');

    await tile(page, 'main', 4).click();
    expect(await page.textContent('[data-testid=target-where]')).toBe('Target: Main wall, tile 5');
    await page.click('[data-testid=send-demo-cam-22]');
    await page.waitForFunction(() => document.querySelector('[data-testid=tile-main-4]')?.textContent?.includes('Pump room camera'));
    await other.waitForFunction(() => document.querySelector('[data-testid=tile-main-4]')?.textContent?.includes('水泵房摄像机'));
    // Nothing else on the wall moved.
    expect(await tile(other, 'main', 3).textContent()).toContain('地库出入口摄像机');
    await page.screenshot({ path: join(screenshotDir, 'console-en.png') });
    await other.close();
    await page.close();
  });

  it('changes a layout, saves it as a preset and sends the preset to another monitor', async () => {
    const page = await openConsole('en-US');
    await page.click('[data-testid=layout-perimeter-2x2]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^=tile-perimeter-]').length === 4);
    const presetButton = page.locator('[data-testid=monitor-card-perimeter] button', { hasText: 'Save as preset' });
    await presetButton.click();
    await page.fill('[data-testid=monitor-card-perimeter] input', 'Night gates');
    await page.click('[data-testid=monitor-card-perimeter] button[type=submit]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=preset-alarm] option')].some((option) => option.textContent === 'Night gates'),
    );
    const value = await page.locator('[data-testid=preset-alarm] option', { hasText: 'Night gates' }).getAttribute('value');
    await page.selectOption('[data-testid=preset-alarm]', value!);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^=tile-alarm-]').length === 4);
    const perimeter = await page.locator('[data-testid^=tile-perimeter-]').allTextContents();
    const alarm = await page.locator('[data-testid^=tile-alarm-]').allTextContents();
    expect(alarm).toEqual(perimeter);
    await page.close();
  });

  it('starts a tour of ticked cameras in a tile, and pauses it', async () => {
    const page = await openConsole('zh-CN');
    await page.check('[data-testid=camera-demo-cam-19] input[type=checkbox]');
    await page.check('[data-testid=camera-demo-cam-20] input[type=checkbox]');
    await tile(page, 'main', 15).click();
    await page.fill('.target-bar__dwell input', '5');
    await page.click('[data-testid=start-tour]');
    await page.waitForFunction(() => document.querySelector('[data-testid=tile-main-15]')?.getAttribute('data-kind') === 'tour');
    expect(await tile(page, 'main', 15).textContent()).toMatch(/轮巡 [12]\/2 车库[AB]区摄像机/);
    await page.click('[data-testid=tour-controls] >> text=暂停轮巡');
    await page.waitForFunction(() => document.querySelector('[data-testid=tile-main-15]')?.textContent?.includes('轮巡已暂停'));
    await page.screenshot({ path: join(screenshotDir, 'console-zh-CN.png') });
    await page.close();
  });

  it('lets an admin add a monitor with an alarm rule, naming a bad id, and change the rule', async () => {
    const page = await openConsole('en-US');
    await page.click('[data-testid=add-monitor]');
    await page.fill('[data-testid=monitor-id]', 'Lobby Screen');
    await page.fill('[data-testid=monitor-name]', '大堂屏');
    await page.check('[data-testid=monitor-rule-on]');
    await page.selectOption('[data-testid=monitor-rule-priority]', '2');
    await page.click('[data-testid=monitor-settings-save]');
    expect(await page.textContent('[data-testid=monitor-settings-error]')).toMatch(/^id: may contain only lower-case letters/);
    await page.fill('[data-testid=monitor-id]', 'lobby');
    await page.click('[data-testid=monitor-settings-save]');
    await page.waitForSelector('[data-testid=monitor-card-lobby]');
    expect(await page.textContent('[data-testid=monitor-card-lobby] .monitor-card__rule')).toBe('Alarm linkage: P2 and above');

    await page.click('[data-testid=settings-lobby]');
    await page.uncheck('[data-testid=monitor-rule-on]');
    await page.click('[data-testid=monitor-settings-save]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=monitor-card-lobby] .monitor-card__rule'));
    await page.close();
  });

  it('opens a camera from its icon on the map: live in the details, large on its main stream, and sent to a monitor', async () => {
    const page = await openScreen('en-US', '/wall');
    await page.waitForSelector('[data-testid=site-map-canvas][data-floor="0"]');
    const toPage = await planToPage(page, { width: 420, height: 300 });
    const lakeside = toPage([212, 112]);
    await page.mouse.click(lakeside.x, lakeside.y);
    await page.waitForSelector('[data-testid=details-panel][data-kind=device][data-id="demo-cam-17"]');
    await page.waitForSelector('[data-testid=camera-details] [data-testid=camera-tile][data-variant=sub][data-state=live]', { timeout: 30_000 });

    await page.click('[data-testid=open-camera]');
    await page.waitForSelector('[data-testid=camera-viewer] [data-testid=camera-tile][data-variant=main][data-state=live]', { timeout: 30_000 });
    await page.screenshot({ path: join(screenshotDir, 'wall-camera-viewer-en.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=camera-viewer]', { state: 'detached' });

    await page.selectOption('[data-testid=send-camera-to-monitor]', 'perimeter');
    await page.waitForSelector('[data-testid=camera-details] >> text=Sent to Perimeter and gates');
    const cookie = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
    const { monitors } = await api<{ monitors: { id: string; view: unknown }[] }>(vigil, cookie, 'GET', '/api/v1/monitors');
    expect(monitors.find((monitor) => monitor.id === 'perimeter')?.view).toEqual({ layout: '1', tiles: [{ kind: 'camera', cameraId: 'demo-cam-17' }] });
    await page.close();
  });
});
