import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil, signInAt } from './harness';

let vigil: RunningVigil;
let browser: Browser;
/** The alarms the search should find, oldest first. */
const posted: string[] = [];
const MATCHING = 60;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  for (let i = 0; i < MATCHING; i += 1) {
    const answer = await postAlarm(vigil, { source: { externalId: `e2e-history-${i}` }, siteId: 'demo', kind: 'intrusion', priority: 2, message: `History beam ${i}, "north"` });
    expect(answer.status).toBe(201);
    posted.push(answer.alarm.id);
  }
  // Not found by the search: another kind with the same words, and another text.
  expect((await postAlarm(vigil, { source: { externalId: 'e2e-history-smoke' }, siteId: 'demo', kind: 'smoke', priority: 2, message: 'History beam smoke' })).status).toBe(201);
  expect((await postAlarm(vigil, { source: { externalId: 'e2e-history-other' }, siteId: 'demo', kind: 'intrusion', priority: 2, message: 'Unrelated beam' })).status).toBe(201);
  // The newest one repeats: its timeline has two events.
  expect((await postAlarm(vigil, { source: { externalId: `e2e-history-${MATCHING - 1}` }, siteId: 'demo', kind: 'intrusion', priority: 2, message: 'History beam again' })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

const signIn = (page: Page, to: string) => signInAt(vigil, page, to);

/** Waits until the table lists exactly these alarms, in this order (a page still loading, or the one before, does not). */
async function expectRows(page: Page, ids: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const shown = [...document.querySelectorAll('[data-testid=history-row]')].map((row) => row.getAttribute('data-alarm-id'));
      return shown.length === want.length && shown.every((id, index) => id === want[index]);
    },
    [...ids],
    { timeout: 10_000 },
  );
}

describe('the alarm history screen', () => {
  it('searches, pages older and newer, opens a timeline and downloads the CSV of the search', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/wall');
    await page.click('[data-testid=history-link]');
    await page.waitForURL('**/alarms/history');
    await page.waitForSelector('[data-testid=history-row]');

    await page.selectOption('[data-testid=filter-kind]', ['intrusion']);
    await page.fill('[data-testid=filter-text]', 'history beam');
    await page.click('[data-testid=history-search]');
    await page.waitForURL(/kind=intrusion/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('history beam');
    const first = [...posted].reverse().slice(0, 50);
    await expectRows(page, first);
    expect(await page.isDisabled('[data-testid=history-newer]')).toBe(true);

    await page.click('[data-testid=history-older]');
    await expectRows(page, [...posted].reverse().slice(50));
    expect(await page.isDisabled('[data-testid=history-older]')).toBe(true);

    await page.click('[data-testid=history-newer]');
    await expectRows(page, first);

    await page.click(`[data-testid=history-row][data-alarm-id="${posted.at(-1)}"]`);
    await page.waitForSelector('[data-testid=timeline-event]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline-event]').length === 2);
    expect(await page.$$eval('[data-testid=timeline-event]', (items) => items.map((item) => item.getAttribute('data-type')))).toEqual(['alarm.raised', 'alarm.repeated']);
    expect(await page.textContent('[data-testid=alarm-timeline]')).toContain('Repeated (time 2)');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'alarm-history-en.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=history-export]')]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^"Alarm id","Site","First seen \([^)]+\)"/);
    expect(lines).toHaveLength(1 + MATCHING);
    expect(lines[1]).toContain(`"${posted.at(-1)}"`);
    expect(bytes.toString('utf8')).toContain('"History beam 0, ""north"""');
    await context.close();
  });

  it('reads in Chinese: filters, columns and the timeline', async () => {
    const { context, page } = await newScreen(browser, 'zh-CN');
    await signIn(page, `/alarms/history`);
    await page.waitForSelector('[data-testid=history-row]');
    expect(await page.textContent('h1')).toBe('报警记录');
    expect(await page.textContent('[data-testid=history-table] thead')).toContain('报警内容');
    await page.click(`[data-testid=history-row][data-alarm-id="${posted.at(-1)}"]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline-event]').length === 2);
    expect(await page.textContent('[data-testid=alarm-timeline]')).toContain('再次报警（第 2 次）');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'alarm-history-zh.png') });

    // A time range the wrong way round: the server's refusal, named in Chinese, and no export of it.
    await page.fill('[data-testid=filter-from]', '2026-01-10T08:00');
    await page.fill('[data-testid=filter-to]', '2026-01-09T08:00');
    await page.click('[data-testid=history-search]');
    await page.waitForSelector('[data-testid=history-error]');
    expect(await page.textContent('[data-testid=history-error]')).toContain('必须晚于开始时间');
    expect(await page.$('[data-testid=history-export]')).toBeNull();
    await context.close();
  });
});
