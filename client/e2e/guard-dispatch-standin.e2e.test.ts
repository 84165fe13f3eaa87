import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRelay, type FakeRelay } from './fake-relay';
import { launchBrowser, screenshotDir } from './harness';

/**
 * The guard phone's dispatch on seeded live state with a stand-in socket (pages/guard-dispatch.tsx),
 * on a phone viewport: ringing, answering offline, the outbox across a reload, the incident view,
 * declining, the photo shrunk. On the real server over HTTPS: guard-dispatch.e2e.test.ts.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const pageDir = join(here, 'pages/dist');
const ORIGIN = { lat: 30.2741, lon: 120.1551 };
const SPAN = { x: 420, y: 300, lat: 30.276798 - 30.2741, lon: 120.159474 - 120.1551 };
const gps = (x: number, y: number) => ({ latitude: ORIGIN.lat + (y / SPAN.y) * SPAN.lat, longitude: ORIGIN.lon + (x / SPAN.x) * SPAN.lon, accuracy: 5 });
const INSTRUCTION = '带灭火器到3号楼大堂，先确认火情';

let relay: FakeRelay;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  [relay, browser] = await Promise.all([startFakeRelay(pageDir, () => null), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

type PageApi = {
  sendDispatch(id: string, instruction: string | null): void;
  completeStep(stepId: string): void;
  detectArrival(id: string): void;
  cancel(id: string): void;
  flagUnanswered(id: string): void;
  setMode(mode: 'ok' | 'timeout' | 'refuse'): void;
  setLink(up: boolean): void;
  sent(): { name: string; input: { commandId: string; action: string; reason?: string } }[];
  setLanguage(language: 'zh-CN' | 'en'): Promise<void>;
};
const call = <T,>(page: Page, run: (api: PageApi) => T) =>
  page.evaluate(`(${run.toString()})(window.guardDispatchPage)`) as Promise<Awaited<T>>;

async function phone(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(gps(150, 60));
  // Vibration is recorded (headless Chromium has no motor).
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
  await open(page);
  return { context, page };
}

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${relay.url}/guard-dispatch.html${query}`);
  await page.waitForSelector('[data-testid=guard-callsign]');
}

const vibrations = (page: Page) => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations);
const answers = async (page: Page) => (await call(page, (api) => api.sent())).filter((command) => command.name === 'dispatch.answer').map((command) => command.input);

describe("dispatch on the guard's phone (stand-in socket)", () => {
  it('rings and vibrates until accepted offline; the answer waits in the outbox across a reload and goes once', async () => {
    const { context, page } = await phone();
    await call(page, (api) => api.sendDispatch('d-1', '带灭火器到3号楼大堂，先确认火情'));
    const card = page.locator('[data-testid=dispatch-ringing]');
    await card.waitFor();
    expect(await page.textContent('[data-testid=dispatch-kind]')).toContain('Fire · Level I (most severe)');
    expect(await page.textContent('[data-testid=dispatch-title]')).toBe('3号楼大堂烟感报警');
    expect(await page.textContent('[data-testid=dispatch-instruction]')).toBe(INSTRUCTION);
    expect(await page.textContent('[data-testid=dispatch-place]')).toBe('Building 3 · Ground');
    expect(await page.textContent('[data-testid=dispatch-sent-ago]')).toMatch(/Sent by 李主管 · 0:1\d ago/);
    expect((await vibrations(page)).length).toBeGreaterThanOrEqual(1);
    // Rings again while unanswered.
    await page.waitForFunction(() => (window as unknown as { vibrations: unknown[] }).vibrations.filter(Array.isArray).length >= 2, null, { timeout: 8_000 });
    expect(await page.isVisible('[data-testid=dispatch-accept]')).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-ringing-en.png') });
    // The SOS stays in reach: the card folds to a bar (still ringing) and the SOS button comes into view.
    await page.tap('[data-testid=dispatch-jump-sos]');
    await page.waitForSelector('[data-testid=dispatch-ringing][data-folded=true]');
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid=sos-button]')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await page.getAttribute('[data-testid=guard-dispatch]', 'data-ringing')).toBe('true');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-ringing-folded-en.png') });
    await page.tap('[data-testid=dispatch-unfold]');

    await call(page, (api) => api.setLink(false));
    await page.tap('[data-testid=dispatch-accept]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    expect(await card.count()).toBe(0);
    expect(await page.getAttribute('[data-testid=dispatch-answer]', 'data-phase')).toBe('waiting');
    expect((await vibrations(page)).at(-1)).toBe(0);
    expect(await answers(page)).toEqual([]);

    // Reloaded in the dead spot: the accept is still there; the dispatch comes again with the sync.
    await open(page, '?link=down');
    await call(page, (api) => api.sendDispatch('d-1', '带灭火器到3号楼大堂，先确认火情'));
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    expect(await card.count()).toBe(0);
    await call(page, (api) => api.setLink(true));
    await page.waitForSelector('[data-testid=dispatch-answer][data-phase=received]');
    const sent = await answers(page);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ dispatchId: 'd-1', action: 'accept' });
    await context.close();
  });

  it('shows the incident after accepting: map with both places, own steps by state, times; then en route → on scene (detected) → clear', async () => {
    const { context, page } = await phone();
    await call(page, (api) => api.sendDispatch('d-1', '带灭火器到3号楼大堂，先确认火情'));
    await page.tap('[data-testid=dispatch-accept]');
    await page.waitForSelector('[data-testid=dispatch-answer][data-phase=received]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    await call(page, (api) => api.completeStep('cordon'));
    const steps = await page.$$eval('[data-testid=dispatch-step]', (items) => items.map((item) => `${item.getAttribute('data-step-id')}:${item.getAttribute('data-status')}`));
    // The plan started 2.5 min ago: cordon done, first firefighting open, evacuate open; the false-alarm branch is not taken.
    expect(steps).toEqual(['cordon:done', 'first_fire:ok', 'evacuate:ok', 'false_alarm:bypassed']);
    await page.waitForSelector('[data-testid=dispatch-map-canvas] .dispatch-map__label--you');
    expect(await page.textContent('[data-testid=dispatch-map-facts]')).toMatch(/About \d+ m in a straight line/);
    expect(await page.textContent('[data-testid=dispatch-time-accepted] dd')).not.toBe('—');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-view-en.png'), fullPage: true });
    await page.locator('[data-testid=dispatch-map]').screenshot({ path: join(screenshotDir, 'guard-dispatch-map-en.png') });

    await page.tap('[data-testid=dispatch-en_route]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=en_route]');
    await page.waitForSelector('[data-testid=dispatch-answer][data-action=en_route][data-phase=received]');
    await call(page, (api) => api.detectArrival('d-1'));
    await page.waitForSelector('[data-testid=dispatch-view][data-state=on_scene]');
    expect(await page.isVisible('[data-testid=dispatch-clear]')).toBe(true);
    await page.tap('[data-testid=dispatch-clear]');
    await page.waitForSelector('[data-testid=dispatch-view]', { state: 'detached' });
    expect((await answers(page)).map((answer) => answer.action)).toEqual(['accept', 'en_route', 'clear']);
    await context.close();
  });

  it('declines with a quick reason, and in Chinese', async () => {
    const { context, page } = await phone('zh-CN');
    await call(page, (api) => api.sendDispatch('d-2', null));
    await page.waitForSelector('[data-testid=dispatch-ringing]');
    expect(await page.textContent('[data-testid=dispatch-kind]')).toContain('火灾 · I 级（特别严重）');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-ringing-zh-CN.png') });
    await page.tap('[data-testid=dispatch-decline]');
    expect(await page.isDisabled('[data-testid=decline-confirm]')).toBe(true);
    await page.tap('[data-testid=decline-reason-tooFar]');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-decline-zh-CN.png') });
    await page.tap('[data-testid=decline-confirm]');
    await page.waitForSelector('[data-testid=dispatch-ringing]', { state: 'detached' });
    expect(await answers(page)).toEqual([expect.objectContaining({ dispatchId: 'd-2', action: 'decline', reason: '距离太远' })]);
    await context.close();
  });

  it('says when a dispatch went unanswered; stops ringing when the control room cancels it, and says so', async () => {
    const { context, page } = await phone();
    await call(page, (api) => api.sendDispatch('d-4', null));
    await page.waitForSelector('[data-testid=dispatch-ringing]');
    await call(page, (api) => api.flagUnanswered('d-4'));
    await page.waitForSelector('[data-testid=dispatch-unanswered]');
    await call(page, (api) => api.cancel('d-4'));
    await page.waitForSelector('[data-testid=dispatch-ringing]', { state: 'detached' });
    expect(await page.getAttribute('[data-testid=guard-dispatch]', 'data-ringing')).toBe('false');
    expect((await vibrations(page)).at(-1)).toBe(0);
    expect(await page.textContent('[data-testid=dispatch-cancelled]')).toContain('The control room cancelled your dispatch to "3号楼大堂烟感报警"');
    await context.close();
  });

  it('a refused answer rings again and says why, with a retry under the same command id', async () => {
    const { context, page } = await phone();
    await call(page, (api) => api.sendDispatch('d-5', null));
    await call(page, (api) => api.setMode('refuse'));
    await page.tap('[data-testid=dispatch-accept]');
    await page.waitForSelector('[data-testid=dispatch-answer][data-phase=failed]', { timeout: 15_000 });
    expect(await page.isVisible('[data-testid=dispatch-ringing]')).toBe(true);
    expect(await page.textContent('[data-testid=dispatch-answer]')).toContain('refused (action: cannot accept a dispatch that is cancelled)');
    await call(page, (api) => api.setMode('ok'));
    await page.tap('[data-testid=dispatch-answer-retry]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    const ids = new Set((await answers(page)).map((answer) => answer.commandId));
    expect(ids.size).toBe(1);
    await context.close();
  });

  it('the incident view in Chinese, and a camera photo is shrunk to 1600 px before it goes', async () => {
    const { context, page } = await phone('zh-CN');
    await call(page, (api) => api.sendDispatch('d-3', '带灭火器到3号楼大堂，先确认火情'));
    await page.tap('[data-testid=dispatch-accept]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c33';
      context.fillRect(0, 0, 4000, 3000);
      context.fillStyle = '#fff';
      context.font = '400px sans-serif';
      context.fillText('3号楼', 800, 1600);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
      const input = document.querySelector<HTMLInputElement>('[data-testid=dispatch-report-photo]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'IMG_0001.png', { type: 'image/png' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const preview = page.locator('[data-testid=dispatch-report-preview]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-width')).toBe('1600');
    expect(await preview.getAttribute('data-height')).toBe('1200');
    expect(Number(await preview.getAttribute('data-bytes'))).toBeLessThan(1_000_000);
    await page.fill('[data-testid=dispatch-report-note]', '大堂有烟，未见明火，已疏散电梯厅人员');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-view-zh-CN.png'), fullPage: true });
    await context.close();
  });
});
