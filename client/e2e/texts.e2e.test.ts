import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, postAlarm, screenshotDir, startVigil, type RunningVigil } from './harness';

/** The demo site's anchor (server/src/sim/demo-site.ts), enough to put a tracker at a plan point. */
const ORIGIN = { lat: 30.2741, lon: 120.1551 };
const SPAN = { x: 420, y: 300, lat: 30.276798 - 30.2741, lon: 120.159474 - 120.1551 };
const gps = (x: number, y: number) => ({ lat: ORIGIN.lat + (y / SPAN.y) * SPAN.lat, lon: ORIGIN.lon + (x / SPAN.x) * SPAN.lon });

const CALLSIGN = 'X9';
const GUARD_NAME = '保安甲';
/** A Latin word: what a Chinese screen must not show but for names. */
const LATIN_WORD = /[A-Za-z]{2,}/;
const CJK = /[\u3400-\u9fff\uff08-\uff1a\u201c\u201d]/;

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let sosAlarmId: string;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const { sites } = await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites');
  const trackerId = 'trk-texts-x9';
  const created = await api<{ tracker: { path: string } }>(vigil, admin, 'POST', '/api/v1/guards', {
    siteId: sites[0]!.id,
    callsign: CALLSIGN,
    name: GUARD_NAME,
    trackerId,
    onShift: true,
  });
  const spot = gps(300, 200);
  // A new guard reports at its own tracker URL (`/osmand/<token>`).
  const sos = await fetch(`${vigil.url}${created.tracker.path}?id=${trackerId}&lat=${spot.lat}&lon=${spot.lon}&alarm=sos`);
  expect(sos.status).toBe(200);
  const { alarms } = await api<{ alarms: { id: string; kind: string }[] }>(vigil, admin, 'GET', '/api/v1/alarms?state=open');
  sosAlarmId = alarms.find((alarm) => alarm.kind === 'sos')!.id;
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function wall(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', 'admin');
  await page.fill('[data-testid=login-password]', ADMIN_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL('**/wall');
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
  return { context, page };
}

const row = (page: Page, alarmId: string) => page.locator(`[data-testid=alarm-row][data-alarm-id="${alarmId}"]`);

describe('one language per screen', () => {
  it("shows a guard's SOS entirely in Chinese on a Chinese wall and entirely in English on an English one", async () => {
    const zh = await wall('zh-CN');
    const sos = row(zh.page, sosAlarmId);
    await sos.waitFor();
    expect(await sos.locator('[data-testid=alarm-message]').innerText()).toBe(`${CALLSIGN}（${GUARD_NAME}）一键报警`);
    const chinese = (await sos.innerText()).replaceAll(CALLSIGN, '');
    expect(chinese).not.toMatch(LATIN_WORD);
    await zh.page.screenshot({ path: join(screenshotDir, 'texts-sos-zh.png') });

    const en = await wall('en-US');
    const english = row(en.page, sosAlarmId);
    await english.waitFor();
    expect(await english.locator('[data-testid=alarm-message]').innerText()).toBe(`SOS from ${CALLSIGN} (${GUARD_NAME})`);
    expect((await english.innerText()).replaceAll(GUARD_NAME, '')).not.toMatch(CJK);

    // The same screen switched to the other language says it in that language at once.
    await zh.page.click('[data-testid=language-en]');
    await zh.page.waitForFunction(
      (id) => document.querySelector(`[data-alarm-id="${id}"] [data-testid=alarm-message]`)?.textContent?.startsWith('SOS from'),
      sosAlarmId,
    );
    await Promise.all([zh.context.close(), en.context.close()]);
  });

  it('shows an alarm stored with the old bilingual message in the screen language only', async () => {
    const posted = await postAlarm(vigil, { source: { deviceId: 'demo-smoke-01' }, kind: 'smoke', message: '烟感报警 · Smoke detected' });
    const zh = await wall('zh-CN');
    await row(zh.page, posted.alarm.id).waitFor();
    expect(await row(zh.page, posted.alarm.id).locator('[data-testid=alarm-message]').innerText()).toBe('烟感报警');
    await zh.page.click('[data-testid=language-en]');
    await zh.page.waitForFunction(
      (id) => document.querySelector(`[data-alarm-id="${id}"] [data-testid=alarm-message]`)?.textContent === 'Smoke detected',
      posted.alarm.id,
    );
    await zh.context.close();
  });

  it('says a refused command in Chinese on a Chinese screen: an invalid note, an alarm resolved from another tab', async () => {
    const posted = await postAlarm(vigil, { source: { deviceId: 'demo-smoke-02' }, kind: 'smoke', message: 'Rauchmelder 2' });
    const first = await wall('zh-CN');
    const second = await wall('zh-CN');
    // The second tab does not hear of the resolve, as a tab behind a slow link would not yet.
    await second.page.routeWebSocket(/socket\.io/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (typeof message === 'string' && message.includes('"alarm.resolved"')) return;
        socket.send(message);
      });
    });
    await second.page.reload();
    await second.page.waitForSelector('[data-testid=connection-banner][data-status=live]');

    const alarm = row(first.page, posted.alarm.id);
    await alarm.locator('[data-testid=alarm-ack]').click();
    await first.page.waitForSelector(`[data-testid=alarm-row][data-alarm-id="${posted.alarm.id}"][data-state=acknowledged]`);
    await second.page.waitForSelector(`[data-testid=alarm-row][data-alarm-id="${posted.alarm.id}"][data-state=acknowledged]`);

    // A note longer than the field allows (the page's own limit taken off, as a script might).
    await alarm.locator('[data-testid=alarm-resolve]').click();
    await first.page.click('[data-testid=disposition-false]');
    await first.page.$eval('[data-testid=resolve-note]', (note) => note.removeAttribute('maxlength'));
    await first.page.fill('[data-testid=resolve-note]', '长'.repeat(1001));
    await first.page.click('[data-testid=resolve-confirm]');
    const refusal = alarm.locator('[data-testid=command-error]');
    await refusal.waitFor();
    expect(await refusal.locator('.command-error__message').innerText()).toBe('操作失败：备注：最多 1000 个字符');

    // Resolved here, then again from the tab that did not hear of it.
    await refusal.locator('button').last().click();
    await alarm.locator('[data-testid=alarm-resolve]').click();
    await first.page.click('[data-testid=disposition-false]');
    await first.page.click('[data-testid=resolve-confirm]');
    await alarm.waitFor({ state: 'detached' });

    const stale = row(second.page, posted.alarm.id);
    await stale.locator('[data-testid=alarm-resolve]').click();
    await second.page.click('[data-testid=disposition-false]');
    await second.page.click('[data-testid=resolve-confirm]');
    const refused = stale.locator('[data-testid=command-error] .command-error__message');
    await refused.waitFor();
    const text = await refused.innerText();
    expect(text).toBe('操作失败：无法处置：告警当前为“已处置”');
    expect(text).not.toMatch(LATIN_WORD);
    await second.page.screenshot({ path: join(screenshotDir, 'texts-refusal-zh.png') });
    await Promise.all([first.context.close(), second.context.close()]);
  });
});
