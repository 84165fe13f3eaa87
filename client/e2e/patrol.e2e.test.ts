import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointQrText } from '@vigil/shared';
import type { Browser } from 'playwright-core';
import { create as createQr } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, screenshotDir, startVigil, type RunningVigil } from './harness';
import { launchPhoneBrowser, linkedGuard, phoneOrigin, signInPhone } from './phones';

/**
 * Electronic patrol in the browser: the admin prints a route's QR labels; a guard's phone (by
 * its LAN name over HTTPS, so the camera works) scans a label with its camera — Chromium's fake
 * camera playing a video made here from the label's QR code — and the console shows the check-in.
 */

/** A Y4M video (what Chromium's fake camera plays) showing one QR code, white around it. */
function qrVideo(text: string, file: string): void {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const scale = 8;
  const quiet = 4;
  const side = (modules.size + quiet * 2) * scale;
  const size = side + (side % 2);
  const luma = Buffer.alloc(size * size, 235);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) luma.fill(16, ((quiet + row) * scale + dy) * size + (quiet + col) * scale, ((quiet + row) * scale + dy) * size + (quiet + col + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame, frame, frame]));
}

let vigil: RunningVigil;
let phoneBrowser: Browser;
let desk: Browser;
let admin: string;
let videoDir: string;
let routeId: string;
const CP = { deviceId: 'demo-cp-01', at: [26, 26] as [number, number] };

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  videoDir = mkdtempSync(join(tmpdir(), 'vigil-qr-'));
  const video = join(videoDir, 'label.y4m');
  qrVideo(checkpointQrText(CP.deviceId), video);
  phoneBrowser = await launchPhoneBrowser(vigil, ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  desk = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
}, 90_000);

afterAll(async () => {
  await phoneBrowser?.close();
  await desk?.close();
  await vigil?.stop();
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

describe('patrol: labels, a scan on the phone, the check-in on the console', () => {
  it('prints the QR labels of a route on an A4 sheet', async () => {
    const guard = await linkedGuard(vigil, admin, 'demo', 'patrol-e2e-guard', 'P7');
    // Every 30 minutes, all day: a tour is always under way, its first checkpoint due 25 minutes in.
    const { route } = await api<{ route: { id: string } }>(vigil, admin, 'POST', '/api/v1/patrol/routes', {
      siteId: 'demo',
      name: '测试巡更',
      nameEn: 'Test round',
      checkpoints: [
        { deviceId: CP.deviceId, minutes: 25 },
        { deviceId: 'demo-cp-02', minutes: 5 },
      ],
      schedule: { timeZone: 'Asia/Shanghai', start: '00:00', end: '00:00', everyMinutes: 30 },
      guardId: guard.guardId,
      radiusM: 25,
      graceMinutes: 5,
    });
    routeId = route.id;
    const context = await desk.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'vigil_session', value: admin.split('=')[1]!, url: vigil.url }]);
    const page = await context.newPage();
    await page.goto(`${vigil.url}/admin/patrols/${routeId}/labels`);
    await page.waitForSelector('[data-testid=qr-label] img');
    expect(await page.locator('[data-testid=qr-label]').evaluateAll((labels) => labels.map((label) => label.getAttribute('data-device')))).toEqual([CP.deviceId, 'demo-cp-02']);
    await expect.poll(() => page.locator('[data-testid=qr-label]').first().textContent()).toContain('西南巡更点');
    await page.screenshot({ path: join(screenshotDir, 'patrol-labels.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=labels-print]').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    await context.close();
  });

  it('scans the label with the phone camera, and the console and the wall show the check-in', async () => {
    const { page: phone, context } = await signInPhone(phoneBrowser, vigil, 'patrol-e2e-guard', 'zh-CN', CP.at);
    await context.grantPermissions(['geolocation', 'camera'], { origin: phoneOrigin(vigil) });
    const card = phone.locator('[data-testid=patrol-card]');
    await expect.poll(() => card.getAttribute('data-tour'), { timeout: 20_000 }).not.toBe('');
    const tourId = (await card.getAttribute('data-tour'))!;
    await expect.poll(() => phone.locator('[data-testid=patrol-next]').getAttribute('data-device')).toBe(CP.deviceId);
    await phone.screenshot({ path: join(screenshotDir, 'patrol-phone.png'), fullPage: true });

    const consoleContext = await desk.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
    await consoleContext.addCookies([{ name: 'vigil_session', value: admin.split('=')[1]!, url: vigil.url }]);
    const consolePage = await consoleContext.newPage();
    await consolePage.goto(`${vigil.url}/console`);
    const tourOnConsole = consolePage.locator(`[data-testid=patrol-tour][data-tour="${tourId}"]`);
    await tourOnConsole.waitFor({ timeout: 20_000 });
    expect(await tourOnConsole.getAttribute('data-checked')).toBe('0');
    const wallPage = await consoleContext.newPage();
    await wallPage.goto(`${vigil.url}/wall`);
    const tourOnWall = wallPage.locator(`[data-testid=wall-patrol][data-tour="${tourId}"]`);
    await tourOnWall.waitFor({ timeout: 20_000 });
    expect(await tourOnWall.getAttribute('data-checked')).toBe('0');
    expect(await tourOnWall.textContent()).toContain('测试巡更');
    expect(await tourOnWall.textContent()).toContain('下一点 西南巡更点');

    await phone.click('[data-testid=patrol-scan]');
    await phone.waitForSelector('[data-testid=patrol-sent]', { timeout: 20_000 });
    expect(await phone.locator('[data-testid=patrol-sent]').textContent()).toContain('西南巡更点');
    await expect.poll(() => phone.locator('[data-testid=patrol-next]').getAttribute('data-device')).toBe('demo-cp-02');

    await expect.poll(() => tourOnConsole.getAttribute('data-checked'), { timeout: 10_000 }).toBe('1');
    await tourOnConsole.click();
    await expect.poll(() => consolePage.locator('[data-testid=patrol-stop]').first().getAttribute('data-state')).toBe('checked');
    await consolePage.locator('[data-testid=patrol-panel]').screenshot({ path: join(screenshotDir, 'patrol-console.png') });
    // The wall: one of two points, the next one named, in Chinese.
    await expect.poll(() => tourOnWall.getAttribute('data-checked'), { timeout: 10_000 }).toBe('1');
    expect(await tourOnWall.textContent()).toContain('1/2 点');
    expect(await tourOnWall.textContent()).toContain('下一点 东南巡更点');
    await wallPage.screenshot({ path: join(screenshotDir, 'patrol-wall.png') });
    const detail = await api<{ checkins: { deviceId: string; method: string; flagged: boolean }[] }>(vigil, admin, 'GET', `/api/v1/patrol/tours/${tourId}`);
    expect(detail.checkins).toMatchObject([{ deviceId: CP.deviceId, method: 'qr' }]);
    await consoleContext.close();
    await context.close();
  });
});
