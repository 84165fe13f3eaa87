import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, launchBrowser, type RunningVigil } from './harness';

/**
 * Guards' phones as they reach Vigil: by a LAN name over HTTPS (the generated local CA), a secure
 * context, so location, camera and vibration work. Start Vigil with `{ https: true }`.
 */
export const PHONE_HOST = 'phone.vigil.test';
export const GUARD_PASSWORD = 'guard-password-e2e';

/** The demo site's anchor (server/src/sim/demo-site.ts) and its span in metres and degrees. */
const ORIGIN = { lat: 30.2741, lon: 120.1551 };
const SPAN = { x: 420, y: 300, lat: 30.276798 - 30.2741, lon: 120.159474 - 120.1551 };

/** A phone's GPS fix at plan metres (x east, y north) on the demo site, 4 m accurate. */
export const gps = (x: number, y: number) => ({ latitude: ORIGIN.lat + (y / SPAN.y) * SPAN.lat, longitude: ORIGIN.lon + (x / SPAN.x) * SPAN.lon, accuracy: 4 });

export const phoneOrigin = (vigil: RunningVigil): string => `https://${PHONE_HOST}:${vigil.httpsPort}`;

function spkiHash(certFile: string): string {
  const key = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(key).digest('base64');
}

/** Chromium that resolves the phone's LAN name to this Vigil and trusts its generated certificate. */
export function launchPhoneBrowser(vigil: RunningVigil, extraArgs: string[] = []): Promise<Browser> {
  return launchBrowser([
    `--host-resolver-rules=MAP ${PHONE_HOST} 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${spkiHash(join(vigil.dataDir, 'tls', 'server.crt'))}`,
    ...extraArgs,
  ]);
}

/** A guard user with a guard on the roster, linked and on shift. */
export async function linkedGuard(vigil: RunningVigil, admin: string, siteId: string, username: string, callsign: string): Promise<{ username: string; guardId: string; name: string }> {
  const name = `Guard ${callsign}`;
  const { user } = await api<{ user: { id: string } }>(vigil, admin, 'POST', '/api/v1/users', { username, displayName: name, role: 'guard', password: GUARD_PASSWORD });
  const { guard } = await api<{ guard: { id: string } }>(vigil, admin, 'POST', '/api/v1/guards', { siteId, callsign, name, userId: user.id, onShift: true });
  return { username, guardId: guard.id, name };
}

/**
 * A phone-sized context signed in to /guard over HTTPS by the LAN name, location granted and
 * standing at `at` (plan metres); `navigator.vibrate` records its patterns in `window.vibrations`.
 */
export async function signInPhone(browser: Browser, vigil: RunningVigil, username: string, locale: string, at: [number, number]): Promise<{ context: BrowserContext; page: Page }> {
  const origin = phoneOrigin(vigil);
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['geolocation'], { origin });
  await context.setGeolocation(gps(...at));
  await context.addInitScript(() => {
    const vibrations: unknown[] = [];
    Object.assign(window, { vibrations });
    Object.defineProperty(navigator, 'vibrate', {
      value: (pattern: unknown) => {
        vibrations.push(pattern);
        return true;
      },
    });
  });
  const page = await context.newPage();
  await page.goto(`${origin}/login?next=%2Fguard`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', GUARD_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`${origin}/guard`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
  if (!(await page.evaluate(() => window.isSecureContext))) throw new Error(`the phone page at ${origin} is not a secure context`);
  return { context, page };
}
