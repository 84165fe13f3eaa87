import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, newScreen, screenshotDir, startVigil, type RunningVigil } from './harness';

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

async function signIn(page: Page, next = '/wall'): Promise<void> {
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL('**/wall');
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
  if (next !== '/wall') {
    await page.goto(`${vigil.url}${next}`);
    await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
  }
}

const groundDevices = async (page: Page) => Number(await page.getAttribute('[data-testid=floor-0-devices]', 'data-count'));

describe('the site editor', () => {
  it('places a camera that appears on the wall in another page without a reload', async () => {
    const wall = await newScreen(browser, 'en-US');
    await signIn(wall.page);
    await wall.page.evaluate(() => Object.assign(window, { vigilNoReload: true }));
    const before = await groundDevices(wall.page);

    const editor = await newScreen(browser, 'en-US');
    await signIn(editor.page, '/admin/site');
    await editor.page.waitForSelector('[data-testid=site-editor-map] .site-editor-device');
    await editor.page.click('[data-testid=editor-floor-0]');
    await editor.page.selectOption('[data-testid=device-kind]', 'camera');
    const map = (await editor.page.locator('[data-testid=site-editor-map]').boundingBox())!;
    await editor.page.mouse.click(map.x + map.width * 0.42, map.y + map.height * 0.55);
    await editor.page.waitForSelector('[data-testid=device-form]');
    const deviceId = (await editor.page.textContent('[data-testid=device-form] .site-editor-form__id code'))!;
    expect(deviceId).toMatch(/-camera-/);

    await wall.page.waitForFunction(
      (count) => Number(document.querySelector('[data-testid=floor-0-devices]')?.getAttribute('data-count')) === count,
      before + 1,
      { timeout: 5_000 },
    );
    expect(await wall.page.evaluate(() => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload)).toBe(true);

    // The field of view: typed, drawn live, saved.
    await editor.page.fill('[data-testid=field-heading]', '135');
    await editor.page.fill('[data-testid=field-range]', '45');
    await editor.page.fill('[data-testid=field-name-en]', 'East lawn camera');
    await editor.page.click('[data-testid=save]');
    await editor.page.waitForFunction(() => document.querySelector('[data-testid=field-name-en]')?.getAttribute('value') === 'East lawn camera');
    expect(await editor.page.inputValue('[data-testid=field-heading]')).toBe('135');
    await editor.page.screenshot({ path: join(screenshotDir, 'site-editor-en.png') });

    await editor.page.click('[data-testid=language-zh-CN]');
    await editor.page.screenshot({ path: join(screenshotDir, 'site-editor-zh-CN.png') });
    await wall.page.screenshot({ path: join(screenshotDir, 'site-editor-wall-after.png') });
    await Promise.all([wall.context.close(), editor.context.close()]);
  });

  it('draws a zone with Geoman, drags a device, and deletes both', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/admin/site');
    await page.waitForSelector('[data-testid=site-editor-map] .site-editor-device');
    await page.click('[data-testid=editor-floor--1]');
    const map = (await page.locator('[data-testid=site-editor-map]').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: map.x + map.width * fx, y: map.y + map.height * fy });

    await page.click('[data-testid=tool-polygon]');
    for (const [fx, fy] of [[0.3, 0.3], [0.4, 0.3], [0.4, 0.4]] as const) await page.mouse.click(at(fx, fy).x, at(fx, fy).y);
    await page.mouse.dblclick(at(0.3, 0.4).x, at(0.3, 0.4).y);
    await page.waitForSelector('[data-testid=zone-form]');
    const zoneId = (await page.textContent('[data-testid=zone-form] .site-editor-form__id code'))!;
    await page.fill('[data-testid=field-name-en]', 'Bike store');
    await page.selectOption('[data-testid=field-kind]', 'plant_room');
    await page.click('[data-testid=save]');
    await page.waitForFunction(() => document.querySelector('[data-testid=field-name-en]')?.getAttribute('value') === 'Bike store');

    await page.selectOption('[data-testid=device-kind]', 'water_sensor');
    await page.mouse.click(at(0.35, 0.35).x, at(0.35, 0.35).y);
    await page.waitForSelector('[data-testid=device-form]');
    const deviceId = (await page.textContent('[data-testid=device-form] .site-editor-form__id code'))!;
    expect(await page.inputValue('[data-testid=field-zone]')).toBe(zoneId);
    const positionText = () => page.textContent('[data-testid=device-form] .site-editor-form__id');
    const before = await positionText();

    await page.click('[data-testid=tool-select]');
    const marker = page.locator(`[data-device-id="${deviceId}"]`);
    const box = (await marker.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((text) => document.querySelector('[data-testid=device-form] .site-editor-form__id')?.textContent !== text, before);

    page.on('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid=delete]');
    await page.waitForSelector(`[data-device-id="${deviceId}"]`, { state: 'detached' });
    type Exported = { features: { properties: { id: string }; geometry: { coordinates: unknown } }[] };
    const exported = () => page.evaluate(async () => (await fetch('/api/v1/sites/demo/export')).json()) as Promise<Exported>;
    expect((await exported()).features.some((feature) => feature.properties.id === deviceId)).toBe(false);

    // Reshape the zone: select it, drag a Geoman vertex; the new ring is saved.
    await page.mouse.click(at(0.37, 0.33).x, at(0.37, 0.33).y);
    await page.waitForSelector('[data-testid=zone-form]');
    const ringBefore = JSON.stringify((await exported()).features.find((feature) => feature.properties.id === zoneId)?.geometry.coordinates);
    const vertex = page.locator('[data-testid=site-editor-map] .marker-icon').first();
    const corner = (await vertex.boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    await page.mouse.move(corner.x - 40, corner.y - 30, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => JSON.stringify((await exported()).features.find((feature) => feature.properties.id === zoneId)?.geometry.coordinates), { timeout: 5_000 })
      .not.toBe(ringBefore);

    await page.waitForSelector('[data-testid=zone-form]');
    await page.click('[data-testid=delete]');
    await page.waitForSelector('[data-testid=zone-form]', { state: 'detached' });
    expect((await exported()).features.some((feature) => feature.properties.id === zoneId)).toBe(false);

    // With nothing selected the panel holds the site's settings (PATCH → site.saved).
    await page.fill('[data-testid=settings-name-en]', 'Emerald Lake Gardens (edited)');
    await page.click('[data-testid=site-settings] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-site-name]')?.textContent === 'Emerald Lake Gardens (edited)');
    await page.click('[data-testid=language-zh-CN]');
    await page.screenshot({ path: join(screenshotDir, 'site-editor-settings-zh-CN.png') });
    await context.close();
  });

  it('shows the server’s errors per feature and field for a bad import, and changes nothing', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/admin/site');
    await page.waitForSelector('[data-testid=site-editor-map] .site-editor-device');
    const exported = (await page.evaluate(async () => (await fetch('/api/v1/sites/demo/export')).json())) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[];
    };
    const deviceIndex = exported.features.findIndex((feature) => feature.properties.entity === 'device');
    exported.features[deviceIndex]!.properties.kind = 'laser';
    exported.features[0]!.geometry.coordinates = [[[0, 0], [10, 0], [10, 10], [1, 1]]];
    const file = join(tmpdir(), `bad-site-${Date.now()}.geojson`);
    writeFileSync(file, JSON.stringify(exported));
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=editor-errors]');
    const lines = await page.locator('[data-testid=editor-errors] li').allTextContents();
    const id = String(exported.features[deviceIndex]!.properties.id);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^features\\[${deviceIndex}\\] \\(device ${id}\\)\\.properties\\.kind: must be one of`)));
    expect(lines).toContainEqual(expect.stringMatching(/^features\[0\] \(zone [^)]+\)\.geometry\.coordinates\[0\]: a ring must be closed/));
    await page.screenshot({ path: join(screenshotDir, 'site-editor-import-errors.png') });
    await context.close();
  });
});
