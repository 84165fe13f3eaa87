import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, newScreen, planToPage, screenshotDir, startVigil, type RunningVigil } from './harness';

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

/** A PNG drawn by the browser itself: no file on disk, no encoder, no internet. */
async function planImage(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 420;
    canvas.height = 300;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#e8dfcc';
    context.fillRect(0, 0, 420, 300);
    context.strokeStyle = '#8a5a2b';
    for (let x = 0; x <= 420; x += 50) context.strokeRect(x, 0, 1, 300);
    for (let y = 0; y <= 300; y += 50) context.strokeRect(0, y, 420, 1);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

describe('the site backdrop', () => {
  it('uploads a plan image in the site settings; the wall shows it under the plan, on its floor only; a broken URL leaves the plan as it was', async () => {
    const wall = await newScreen(browser, 'en-US');
    await signIn(wall.page);
    const canvas = '[data-testid=site-map-canvas]';
    await wall.page.waitForSelector(`${canvas}[data-floor="0"][data-backdrop=none]`);
    const shownDevices = await wall.page.getAttribute(canvas, 'data-shown-devices');

    const editor = await newScreen(browser, 'en-US');
    await signIn(editor.page, '/admin/site');
    await editor.page.waitForSelector('[data-testid=site-settings]');
    await editor.page.selectOption('[data-testid=backdrop-kind]', 'image');
    await editor.page.setInputFiles('[data-testid=backdrop-file]', { name: 'plan.png', mimeType: 'image/png', buffer: await planImage(editor.page) });
    await editor.page.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-testid=backdrop-url]')?.value ?? '').startsWith('/api/v1/sites/demo/images/'));
    const url = await editor.page.inputValue('[data-testid=backdrop-url]');
    await editor.page.selectOption('[data-testid=backdrop-floor]', '0');
    await editor.page.click('[data-testid=site-settings] button[type=submit]');
    await editor.page.waitForSelector('[data-testid=site-editor-map][data-backdrop=shown]');

    // The wall, without a reload: the image is loaded, in the backdrop pane under the vector plan, over the plan's extent.
    await wall.page.waitForSelector(`${canvas}[data-backdrop=shown]`);
    const image = await wall.page.$eval(`${canvas} .leaflet-backdrop-pane img`, (element) => {
      const img = element as HTMLImageElement;
      const pane = (name: string) => Number(getComputedStyle(document.querySelector(`[data-testid=site-map-canvas] .leaflet-${name}-pane`)!).zIndex);
      return { src: new URL(img.src).pathname, width: img.naturalWidth, backdrop: pane('backdrop'), plan: pane('plan'), ground: pane('ground') };
    });
    expect(image).toMatchObject({ src: url, width: 420 });
    expect(image.ground).toBeLessThan(image.backdrop);
    expect(image.backdrop).toBeLessThan(image.plan);
    const imageBox = (await wall.page.locator(`${canvas} .leaflet-backdrop-pane img`).boundingBox())!;
    const planBox = (await wall.page.locator(`${canvas} .leaflet-ground-pane path`).boundingBox())!;
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(imageBox[key] - planBox[key])).toBeLessThan(2);
    expect(await wall.page.getAttribute(canvas, 'data-shown-devices')).toBe(shownDevices);
    await wall.page.evaluate(() => document.fonts.ready);
    await wall.page.screenshot({ path: join(screenshotDir, 'wall-backdrop-en.png') });

    // The ground's plan is not the garage's.
    await wall.page.click('[data-testid=floor--1]');
    await wall.page.waitForSelector(`${canvas}[data-floor="-1"][data-backdrop=none]`);
    expect(await wall.page.locator(`${canvas} .leaflet-backdrop-pane img`).count()).toBe(0);
    await wall.page.click('[data-testid=floor-0]');
    await wall.page.waitForSelector(`${canvas}[data-floor="0"][data-backdrop=shown]`);

    // A URL that does not load: a notice, the plan and its devices as before.
    await editor.page.fill('[data-testid=backdrop-url]', '/plans/missing.png');
    await editor.page.click('[data-testid=site-settings] button[type=submit]');
    await wall.page.waitForSelector(`${canvas}[data-backdrop=failed]`);
    expect(await wall.page.textContent('[data-testid=backdrop-failed]')).toContain('could not be loaded');
    expect(await wall.page.getAttribute(canvas, 'data-shown-devices')).toBe(shownDevices);
    await wall.page.click('[data-testid=language-zh-CN]');
    expect(await wall.page.textContent('[data-testid=backdrop-failed]')).toContain('平面底图加载失败');

    await editor.page.selectOption('[data-testid=backdrop-kind]', 'none');
    await editor.page.click('[data-testid=site-settings] button[type=submit]');
    await wall.page.waitForSelector(`${canvas}[data-backdrop=none]`);
    expect(await wall.page.locator('[data-testid=backdrop-failed]').count()).toBe(0);
    await Promise.all([wall.context.close(), editor.context.close()]);
  });
});

describe('linked cameras', () => {
  it('links the nearest cameras to a door in the editor; the wall lists them in the door’s details, away from the door', async () => {
    type ExportedDevice = { properties: { id: string; entity: string; kind: string; name: string; nameEn: string | null; linkedCameraIds?: string[] }; geometry: { coordinates: [number, number] } };
    const editor = await newScreen(browser, 'en-US');
    await signIn(editor.page, '/admin/site');
    await editor.page.waitForSelector('[data-testid=site-editor-map] .site-editor-device');
    await editor.page.click('[data-testid=editor-floor-0]');
    await editor.page.locator('[data-device-id="demo-door-plant"]').click();
    await editor.page.waitForSelector('[data-testid=linked-cameras]');
    const offered = await editor.page.$$eval('[data-testid=linked-cameras] input[type=checkbox]', (boxes) => boxes.map((box) => box.getAttribute('data-testid')!.replace('linked-camera-', '')));
    const [nearest, second] = offered;
    // Tick the second nearest first: the saved order is still nearest first.
    await editor.page.check(`[data-testid="linked-camera-${second}"]`);
    await editor.page.check(`[data-testid="linked-camera-${nearest}"]`);
    expect(await editor.page.textContent('[data-testid=linked-count]')).toContain('2 chosen');
    await editor.page.click('[data-testid=save]');
    const exported = () => editor.page.evaluate(async () => (await (await fetch('/api/v1/sites/demo/export')).json()) as { features: ExportedDevice[] });
    await expect.poll(async () => (await exported()).features.find((f) => f.properties.id === 'demo-door-plant')?.properties.linkedCameraIds, { timeout: 5_000 }).toEqual([nearest, second]);
    // The distances offered are nearest first.
    const features = (await exported()).features;
    const door = features.find((f) => f.properties.id === 'demo-door-plant')!.geometry.coordinates;
    const distance = (id: string) => Math.hypot(...(features.find((f) => f.properties.id === id)!.geometry.coordinates.map((v, i) => v - door[i]!) as [number, number]));
    expect(distance(nearest!)).toBeLessThanOrEqual(distance(second!));
    await editor.page.locator('[data-testid=linked-cameras]').scrollIntoViewIfNeeded();
    await editor.page.screenshot({ path: join(screenshotDir, 'site-editor-linked-cameras-en.png') });

    const wall = await newScreen(browser, 'en-US');
    await signIn(wall.page);
    await wall.page.waitForSelector('[data-testid=site-map-canvas][data-floor="0"]');
    const site = await wall.page.evaluate(async () => (await (await fetch('/api/v1/sites')).json()) as { sites: { plan: { width: number; height: number } }[] });
    const toPage = await planToPage(wall.page, site.sites[0]!.plan);
    const at = toPage(door);
    await wall.page.mouse.click(at.x, at.y);
    const details = '[data-testid=details-panel][data-kind=device][data-id="demo-door-plant"]';
    await wall.page.waitForSelector(details);
    // The door is in the east of the plan: the panel opens on the west side, not over it.
    expect(await wall.page.getAttribute(details, 'data-side')).toBe('left');
    const names = (id: string) => features.find((f) => f.properties.id === id)!.properties.nameEn!;
    expect(await wall.page.locator('[data-testid=details-linked-cameras] li').allTextContents()).toEqual([names(nearest!), names(second!)]);
    await wall.page.screenshot({ path: join(screenshotDir, 'wall-linked-cameras-en.png') });
    await wall.page.click(`[data-testid=details-linked-cameras] button:text("${names(nearest!)}")`);
    await wall.page.waitForSelector(`[data-testid=details-panel][data-kind=device][data-id="${nearest}"]`);
    await Promise.all([wall.context.close(), editor.context.close()]);
  });
});
