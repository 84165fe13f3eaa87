import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRelay, type FakeRelay } from './fake-relay';
import { launchBrowser, screenshotDir } from './harness';

/**
 * The commander's screen, the wall's incident tile and an alarm monitor during an incident, on
 * live state seeded through the app's reducer (pages/command.tsx): a fire plan 130 s in, three
 * steps done, call 119 overdue, the dispatch step due soon. Screenshots in e2e/screenshots.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
let relay: FakeRelay;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  [relay, browser] = await Promise.all([startFakeRelay(join(here, 'pages/dist'), () => null), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

async function open(screen: string, lang: 'en' | 'zh-CN', viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const context = await browser.newContext({ locale: lang, viewport });
  const page = await context.newPage();
  await page.goto(`${relay.url}/command.html?screen=${screen}&lang=${lang}`);
  return page;
}

const row = (page: Page, stepId: string) => page.locator(`[data-testid=command-screen] [data-testid=step-row][data-step-id=${stepId}], [data-testid=incident-tile] [data-testid=step-row][data-step-id=${stepId}]`).first();

describe('the running checklist', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`shows each step's state with colour, shape and words on /command (${lang})`, async () => {
      const page = await open('command', lang);
      await page.locator('[data-testid=plan-checklist]').waitFor();
      await expect.poll(() => row(page, 'assess').getAttribute('data-state')).toBe('done');
      expect(await row(page, 'false_alarm').getAttribute('data-state')).toBe('bypassed');
      expect(await row(page, 'call_119').getAttribute('data-tone')).toBe('overdue');
      expect(await row(page, 'dispatch').getAttribute('data-tone')).toBe('warning');
      expect(await row(page, 'evacuate').getAttribute('data-tone')).toBe('ok');
      const overdue = await row(page, 'call_119').locator('[data-testid=step-timer]').innerText();
      expect(overdue).toMatch(lang === 'en' ? /^overdue 0:1\d$/ : /^超时 0:1\d$/);
      expect(await page.locator('[data-testid=current-step]').getAttribute('data-step-id')).toBe('call_119');
      await expect.poll(() => page.locator('[data-testid=ranked-guard]').count()).toBe(3);
      expect(await page.locator('[data-testid=dispatch-unanswered]').count()).toBe(1);
      expect(await page.locator('[data-testid=escalation-banner]').isVisible()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, `command-${lang}.png`) });
      await page.context().close();
    });
  }

  it('answers a step through the app reducer, and names the open required steps when resolving is refused', async () => {
    const page = await open('command', 'en');
    await page.locator('[data-testid=step-answer-called]').click();
    await expect.poll(() => row(page, 'call_119').getAttribute('data-state')).toBe('done');
    expect(await page.locator('[data-testid=current-step]').getAttribute('data-step-id')).toBe('dispatch');
    await page.locator('[data-testid=incident-resolve]').click();
    await page.locator('[data-testid=blocking-steps]').waitFor();
    expect(await page.locator('[data-testid=blocking-steps] li').allInnerTexts()).toContain('Send 2 guards with extinguishers');
    await page.locator('[data-testid=step-skip]').click();
    await page.locator('[data-testid=skip-dialog]').waitFor();
    expect(await page.locator('[data-testid=skip-dialog-confirm]').isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'command-refused-skip-en.png') });
    await page.context().close();
  });

  it('fills the wall tile with the most urgent incident, legible from afar', async () => {
    const page = await open('wall', 'zh-CN');
    await page.locator('[data-testid=incident-tile]').waitFor();
    expect(await page.locator('[data-testid=current-step-title]').innerText()).toBe('拨打119报警');
    const size = await page.locator('[data-testid=current-step-title]').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: join(screenshotDir, 'wall-incident-tile-zh-CN.png') });
    await page.context().close();
  });

  it('shows the checklist beside the cameras when the alarm on a monitor belongs to an open incident', async () => {
    const page = await open('takeover', 'en');
    await page.locator('[data-testid=takeover-banner]').waitFor();
    expect(await page.locator('[data-testid=takeover-checklist] [data-testid=incident-tile]').isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'monitor-takeover-incident-en.png') });
    await page.context().close();
  });
});
