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

/** A fire panel reporting every smoke detector of a zone at once: `count` alarms, all posted together. */
async function firePanelStorm(zone: string, count: number): Promise<string[]> {
  const posted = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      postAlarm(vigil, { source: { externalId: `panel-${zone}-detector-${i + 1}` }, siteId: 'demo', zoneId: `demo-z-${zone}`, kind: 'smoke', message: `Detector ${i + 1} smoke` }),
    ),
  );
  for (const { status } of posted) expect(status).toBeLessThan(300);
  return posted.map(({ alarm }) => alarm.id);
}

async function apiAlarms(page: Page, state: string): Promise<{ id: string; state: string; owner: { name: string } | null }[]> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await fetch(`${vigil.url}/api/v1/alarms?state=${state}&limit=500`, { headers: { cookie } });
  return ((await response.json()) as { alarms: { id: string; state: string; owner: { name: string } | null }[] }).alarms;
}

const LANGUAGES = [
  { locale: 'zh-CN', zone: 'clubhouse', title: '告警风暴', count: '40 条告警', place: '会所', kinds: '烟感报警 ×40', shot: 'storm-zh-CN' },
  { locale: 'en-US', zone: 'plant-room', title: 'Alarm storm', count: '40 alarms', place: 'Plant room', kinds: 'Smoke ×40', shot: 'storm-en' },
];

describe('an alarm storm on the wall', () => {
  it.each(LANGUAGES)('($locale) folds 40 alarms from one zone into one card, keeps a P1 from it in view, and acknowledges them all at once', async ({ locale, zone, title, count, place, kinds, shot }) => {
    const { context, page } = await newScreen(browser, locale);
    await signIn(page);
    const storm = page.locator(`[data-testid=storm-card][data-storm-key="zone:demo:demo-z-${zone}"]`);

    const ids = await firePanelStorm(zone, 40);
    await page.waitForSelector(`[data-testid=storm-card][data-storm-key="zone:demo:demo-z-${zone}"][data-count="40"]`);
    // Folded: no row of its own for any of the 40, one card saying what, where and how many.
    for (const id of ids.slice(0, 5)) expect(await page.locator(`[data-testid=alarm-row][data-alarm-id="${id}"]`).count()).toBe(0);
    expect(await storm.locator('.storm-card__title').textContent()).toBe(title);
    expect(await storm.locator('[data-testid=storm-count]').textContent()).toBe(count);
    expect(await storm.locator('[data-testid=storm-place]').textContent()).toBe(place);
    expect(await storm.locator('[data-testid=storm-kinds]').textContent()).toBe(kinds);
    expect(await storm.locator('[data-testid=storm-unacknowledged]').textContent()).toContain('40');
    // Folding is display: the header still counts every open alarm.
    const open = await apiAlarms(page, 'open');
    expect(open.filter(({ id }) => ids.includes(id))).toHaveLength(40);
    expect(await page.textContent('[data-testid=open-count]')).toContain(String(open.length));

    // A fire call point in the same zone: its own row, above the card, not folded.
    const fire = await postAlarm(vigil, { source: { externalId: `panel-${zone}-mcp` }, siteId: 'demo', zoneId: `demo-z-${zone}`, kind: 'fire', message: 'Manual call point' });
    const fireRow = page.locator(`[data-testid=alarm-row][data-alarm-id="${fire.alarm.id}"]`);
    await fireRow.waitFor({ timeout: 5_000 });
    expect(await fireRow.getAttribute('data-priority')).toBe('1');
    expect(await fireRow.isVisible()).toBe(true);
    await storm.locator('[data-testid=storm-critical-apart]').waitFor();
    expect(await storm.getAttribute('data-count')).toBe('40');
    const fireBox = (await fireRow.boundingBox())!;
    const stormBox = (await storm.boundingBox())!;
    expect(fireBox.y).toBeLessThan(stormBox.y);
    await page.screenshot({ path: join(screenshotDir, `${shot}.png`) });

    // Expanded: every member as its usual row with its own actions (rendered as they scroll into view).
    await storm.locator('[data-testid=storm-expand]').click();
    const members = storm.locator('[data-testid=storm-members] [data-testid=alarm-row]');
    await members.first().waitFor();
    expect(await members.first().locator('[data-testid=alarm-ack]').count()).toBe(1);
    const firstShown = await members.first().getAttribute('data-alarm-id');
    expect(ids).toContain(firstShown);
    // Scrolled to the end (again on each poll: rows are measured as they render, which moves the end).
    await page.waitForFunction(
      ([key, wanted]) => {
        const list = document.querySelector(`[data-storm-key="${key}"] [data-testid=storm-members]`);
        list?.scrollTo(0, list.scrollHeight);
        return [...(list?.querySelectorAll('[data-testid=alarm-row]') ?? [])].some((row) => wanted.includes(row.getAttribute('data-alarm-id') ?? '') && row.getAttribute('data-index') === '39');
      },
      [`zone:demo:demo-z-${zone}`, ids] as const,
      { polling: 250 },
    );
    await page.screenshot({ path: join(screenshotDir, `${shot}-expanded.png`) });

    // Acknowledge all 40 at once: each is acknowledged as itself, by this operator.
    await storm.locator('[data-testid=storm-ack-all]').click();
    await page.waitForSelector(`[data-storm-key="zone:demo:demo-z-${zone}"] [data-testid=storm-report][data-phase=done]`, { timeout: 60_000 });
    await page.waitForFunction((key) => document.querySelector(`[data-storm-key="${key}"] [data-testid=storm-unacknowledged]`)?.classList.contains('storm-card__acked'), `zone:demo:demo-z-${zone}`, { timeout: 60_000 });
    expect(await storm.getAttribute('data-count')).toBe('40');
    const acknowledged = (await apiAlarms(page, 'acknowledged')).filter(({ id }) => ids.includes(id));
    expect(acknowledged).toHaveLength(40);
    expect(acknowledged.every(({ owner }) => owner?.name === 'Administrator')).toBe(true);
    // The fire was not in the storm, so not acknowledged with it: still new, still its own row.
    expect(await fireRow.getAttribute('data-state')).toBe('new');
    await page.screenshot({ path: join(screenshotDir, `${shot}-acknowledged.png`) });

    // Resolving them all unfolds the card (20 or fewer left is no storm) and empties it; the report stays.
    await storm.locator('[data-testid=storm-resolve-all]').click();
    await page.click('[data-testid=disposition-fault]');
    await page.click('[data-testid=resolve-confirm]');
    const report = page.locator(`[data-testid=storm-unfolded-report][data-storm-key="zone:demo:demo-z-${zone}"] [data-testid=storm-report][data-phase=done]`);
    await report.waitFor({ timeout: 60_000 });
    expect(await storm.count()).toBe(0);
    await page.waitForFunction((wanted) => ![...document.querySelectorAll('[data-testid=alarm-row]')].some((row) => wanted.includes(row.getAttribute('data-alarm-id') ?? '')), ids, { timeout: 60_000 });
    expect((await apiAlarms(page, 'open')).filter(({ id }) => ids.includes(id))).toEqual([]);
    expect((await apiAlarms(page, 'resolved')).filter(({ id }) => ids.includes(id))).toHaveLength(40);
    await context.close();
    // 80 commands and three screenshots: longer than the default on a busy machine.
  }, 180_000);
});
