import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, screenshotDir, startVigil, type RunningVigil } from './harness';

/**
 * A phone on the LAN opens Vigil by a name that is not localhost, so plain HTTP is not a secure
 * context there. Chromium maps the name to loopback, and trusts the generated server certificate
 * by its key (as a phone that installed the CA does).
 */
const PHONE_HOST = 'phone.vigil.test';
const GUARD_PASSWORD = 'guard-password-e2e';
/** The demo site's anchor (server/src/sim/demo-site.ts), as in guards.e2e.test.ts. */
const ORIGIN = { lat: 30.2741, lon: 120.1551 };
const SPAN = { x: 420, y: 300, lat: 30.276798 - 30.2741, lon: 120.159474 - 120.1551 };
const gps = (x: number, y: number) => ({ latitude: ORIGIN.lat + (y / SPAN.y) * SPAN.lat, longitude: ORIGIN.lon + (x / SPAN.x) * SPAN.lon, accuracy: 5 });
const INSECURE_MESSAGE = 'This page was opened over plain HTTP, so the browser withholds location and camera.';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;
let httpOrigin: string;
let httpsOrigin: string;

/** base64 SHA-256 of the server certificate's public key, as `--ignore-certificate-errors-spki-list` wants. */
function spkiHash(certFile: string): string {
  const key = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(key).digest('base64');
}

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  browser = await launchBrowser([
    `--host-resolver-rules=MAP ${PHONE_HOST} 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${spkiHash(join(vigil.dataDir, 'tls', 'server.crt'))}`,
  ]);
  mkdirSync(screenshotDir, { recursive: true });
  httpOrigin = `http://${PHONE_HOST}:${new URL(vigil.url).port}`;
  httpsOrigin = `https://${PHONE_HOST}:${vigil.httpsPort}`;
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const { sites } = await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites');
  siteId = sites[0]!.id;
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function linkedGuard(username: string, callsign: string): Promise<{ username: string; guardId: string }> {
  const { user } = await api<{ user: { id: string } }>(vigil, admin, 'POST', '/api/v1/users', {
    username,
    displayName: `Guard ${callsign}`,
    role: 'guard',
    password: GUARD_PASSWORD,
  });
  const { guard } = await api<{ guard: { id: string } }>(vigil, admin, 'POST', '/api/v1/guards', {
    siteId,
    callsign,
    name: `Guard ${callsign}`,
    userId: user.id,
    onShift: true,
  });
  return { username, guardId: guard.id };
}

/**
 * A phone-sized context with geolocation granted, as the guard would allow it: for the HTTPS
 * origin, or everywhere (Chromium grants nothing to one insecure origin).
 */
async function phone(origin?: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['geolocation'], origin ? { origin } : {});
  await context.setGeolocation(gps(120, 90));
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

const secureContext = (page: Page) => page.evaluate(() => ({ secure: window.isSecureContext, camera: 'mediaDevices' in navigator }));

describe("the guard's phone by a LAN name", () => {
  it('is sent from plain HTTP to HTTPS, where its fix reaches the wall', async () => {
    const guard = await linkedGuard('guard-https', 'H1');
    const wallContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1920, height: 1080 } });
    const wall = await wallContext.newPage();
    await wall.goto(`${vigil.url}/login`);
    await signIn(wall, 'admin', ADMIN_PASSWORD);
    await wall.waitForSelector('[data-testid=connection-banner][data-status=live]');

    const device = await phone(httpsOrigin);
    await device.page.goto(`${httpOrigin}/guard`);
    // The server redirected /guard to HTTPS; there the app asks for a login and comes back.
    await device.page.waitForURL(`${httpsOrigin}/login?next=%2Fguard`);
    await signIn(device.page, guard.username, GUARD_PASSWORD);
    await device.page.waitForURL(`${httpsOrigin}/guard`);
    expect(await secureContext(device.page)).toEqual({ secure: true, camera: true });
    await device.page.waitForSelector('[data-testid=connection-banner][data-status=live]');
    expect(await device.page.locator('[data-testid=insecure-context]').count()).toBe(0);

    await device.page.waitForSelector('[data-testid=guard-queue][data-count="0"][data-taken]:not([data-taken="0"])');
    await wall.waitForFunction(
      (selector) => {
        const marker = document.querySelector<HTMLElement>(selector);
        return marker !== null && Math.hypot(Number(marker.dataset.x) - 120, Number(marker.dataset.y) - 90) <= 3;
      },
      `[data-testid=guard-marker][data-guard-id="${guard.guardId}"]`,
      { timeout: 15_000 },
    );
    await device.page.screenshot({ path: join(screenshotDir, 'guard-https-en.png') });
    await Promise.all([device.context.close(), wallContext.close()]);
  });

  it('over plain HTTP anyway says why it cannot locate, and links to the HTTPS page and the phone setup', async () => {
    const guard = await linkedGuard('guard-plain', 'H2');
    const device = await phone();
    // Signing in on the plain address: the app goes to /guard itself, no request the server could redirect.
    await device.page.goto(`${httpOrigin}/login`);
    await signIn(device.page, guard.username, GUARD_PASSWORD);
    await device.page.waitForURL(`${httpOrigin}/guard`);
    expect(await secureContext(device.page)).toEqual({ secure: false, camera: false });

    const notice = device.page.locator('[data-testid=insecure-context]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(INSECURE_MESSAGE);
    const https = device.page.locator('[data-testid=insecure-context-https]');
    await https.waitFor();
    expect(await https.getAttribute('href')).toBe(`${httpsOrigin}/guard`);
    expect(await device.page.getAttribute('[data-testid=insecure-context-setup]', 'href')).toBe(`${httpOrigin}/setup/phone`);
    await device.page.waitForSelector('[data-testid=guard-last-fix]:text("Blocked: this page is not on HTTPS")');
    expect(await device.page.textContent('body')).not.toContain('Location not allowed');
    await device.page.screenshot({ path: join(screenshotDir, 'guard-insecure-en.png') });

    await device.page.click('[data-testid=language-zh-CN]');
    expect(await notice.textContent()).toContain('此页面通过不加密的 HTTP 打开，浏览器因此不提供定位和相机。');
    await device.page.screenshot({ path: join(screenshotDir, 'guard-insecure-zh-CN.png') });

    // The link leads to a secure page.
    await https.click();
    await device.page.waitForURL(`${httpsOrigin}/**`);
    expect((await secureContext(device.page)).secure).toBe(true);
    await device.context.close();
  });

  it('offers the CA and the HTTPS guard page as QR codes and links on the plain-HTTP setup page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${httpOrigin}/setup/phone`);
    await page.waitForSelector('[data-testid=phone-setup]');
    const caUrl = `${httpOrigin}/api/v1/tls/ca.crt`;
    expect(await page.getAttribute('[data-testid=qr-ca]', 'data-url')).toBe(caUrl);
    expect(await page.getAttribute('[data-testid=qr-guard]', 'data-url')).toBe(`${httpsOrigin}/guard`);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.qr-code__image')].filter((image) => image.complete && image.naturalWidth > 0).length === 2);
    expect(await page.textContent('[data-testid=phone-setup-ca]')).toContain('证书信任设置');

    const download = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
    }, caUrl);
    expect(download.status).toBe(200);
    expect(download.type).toBe('application/x-x509-ca-cert');
    const der = readFileSync(join(vigil.dataDir, 'tls', 'ca.crt'), 'utf8');
    expect(download.size).toBe(new X509Certificate(der).raw.byteLength);
    expect(await page.textContent('[data-testid=phone-setup-ca]')).toContain(new X509Certificate(der).fingerprint256);
    await page.screenshot({ path: join(screenshotDir, 'phone-setup-zh-CN.png'), fullPage: true });
    await page.click('[data-testid=language-en]');
    expect(await page.textContent('[data-testid=phone-setup-ca]')).toContain('Certificate Trust Settings');
    await context.close();
  });
});
