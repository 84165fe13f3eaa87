import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { toBuffer as qrPng } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, screenshotDir, signInAt, startVigil, type RunningVigil } from './harness';
import { launchPhoneBrowser, linkedGuard, signInPhone } from './phones';

/**
 * A hazard (隐患) walked by its users, end to end: a guard reports it on the phone, the commander
 * assigns it to that guard on the console, the guard marks it rectified on the phone, the console
 * shows the rectification and verifies it, and it leaves the open list.
 */

let vigil: RunningVigil;
let phoneBrowser: Browser;
let desk: Browser;
let admin: string;

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  phoneBrowser = await launchPhoneBrowser(vigil);
  desk = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
}, 90_000);

afterAll(async () => {
  await phoneBrowser?.close();
  await desk?.close();
  await vigil?.stop();
});

const NOTE = 'Fire exit blocked by boxes';
const FIX = 'Boxes moved to the store room';

async function consoleAt(locale: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newScreen(desk, locale);
  await signInAt(vigil, page, '/console');
  return { page, close: () => context.close() };
}

describe('hazards: reported, assigned, rectified and verified from the screens', () => {
  it('walks a hazard from the guard to the commander and back', async () => {
    const guard = await linkedGuard(vigil, admin, 'demo', 'hazard-e2e-guard', 'H1');
    const { page: phone, context: phoneContext } = await signInPhone(phoneBrowser, vigil, guard.username, 'en-US', [60, 60]);

    await phone.tap('[data-testid=hazard-open]');
    await phone.fill('[data-testid=hazard-note]', NOTE);
    await phone.setInputFiles('[data-testid=hazard-photos]', { name: 'exit.png', mimeType: 'image/png', buffer: await qrPng('exit', { width: 240 }) });
    await phone.click('[data-testid=hazard-form] button[type=submit]');
    await phone.waitForSelector('[data-testid=hazard-form] [role=status]', { timeout: 20_000 });
    // Not assigned yet: nothing for this guard to fix.
    expect(await phone.locator('[data-testid=my-hazards]').count()).toBe(0);

    const desk = await consoleAt('en-US');
    const item = desk.page.locator('[data-testid=hazard-item]', { hasText: NOTE });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getAttribute('data-state')).toBe('open');
    expect(await item.locator('[data-testid=hazard-photo-link]').count()).toBe(1);
    const hazardId = (await item.getAttribute('data-hazard'))!;
    expect(await item.locator('[data-testid=hazard-assign]').isDisabled()).toBe(true);
    await item.locator('[data-testid=hazard-assignee-select]').selectOption({ label: 'H1 · Guard H1' });
    await desk.page.locator('[data-testid=patrol-panel]').screenshot({ path: join(screenshotDir, 'hazards-console-open-en.png') });
    await item.locator('[data-testid=hazard-assign]').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('assigned');
    expect(await item.locator('[data-testid=hazard-assignee]').textContent()).toContain('Assigned to Guard H1');
    expect(await item.locator('[data-testid=hazard-rectify-open]').textContent()).toBe('Mark rectified');

    const mine = phone.locator(`[data-testid=my-hazard][data-hazard="${hazardId}"]`);
    await mine.waitFor({ timeout: 10_000 });
    expect(await phone.locator('#my-hazards-title').textContent()).toBe('My hazards to fix (1)');
    expect(await mine.textContent()).toContain(NOTE);
    expect(await mine.locator('[data-testid=hazard-photo-link]').getAttribute('href')).toMatch(new RegExp(`^/api/v1/hazards/${hazardId}/photos/`));
    await mine.locator('[data-testid=my-hazard-rectify]').tap();
    // The note is required: Send waits for one.
    expect(await mine.locator('[data-testid=my-hazard-send]').isDisabled()).toBe(true);
    await mine.locator('[data-testid=my-hazard-note]').fill(FIX);
    const send = (await mine.locator('[data-testid=my-hazard-send]').boundingBox())!;
    expect(send.height).toBeGreaterThanOrEqual(48);
    await mine.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(screenshotDir, 'hazards-phone-rectify-en.png'), fullPage: true });
    await mine.locator('[data-testid=my-hazard-send]').tap();
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 10_000 }).toBe('rectified');
    expect(await mine.locator('[data-testid=my-hazard-waiting]').textContent()).toBe(`Rectified (${FIX}): waiting for verification`);
    expect(await phone.locator('#my-hazards-title').textContent()).toBe('My hazards to fix (0)');
    await mine.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(screenshotDir, 'hazards-phone-rectified-en.png'), fullPage: true });

    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('rectified');
    expect(await item.locator('[data-testid=hazard-rectify-note]').textContent()).toContain(`Rectified: ${FIX}`);
    await desk.page.locator('[data-testid=patrol-panel]').screenshot({ path: join(screenshotDir, 'hazards-console-rectified-en.png') });
    await item.locator('[data-testid=hazard-verify]').click();
    await expect.poll(() => desk.page.locator(`[data-testid=hazard-item][data-hazard="${hazardId}"]`).count(), { timeout: 10_000 }).toBe(0);
    // Verified: off the phone's list too.
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(0);
    await desk.close();
    await phoneContext.close();
  });

  it('reads the console controls in Chinese; a hazard the control room reported reaches the guard given it; a commander may record the rectification', async () => {
    const guard = await linkedGuard(vigil, admin, 'demo', 'hazard-e2e-guard-2', 'H2');
    const { page: phone, context: phoneContext } = await signInPhone(phoneBrowser, vigil, guard.username, 'zh-CN', [60, 60]);
    // Seen on a camera by the control room, not reported by this guard: the phone has it only once given it.
    await api(vigil, admin, 'POST', '/api/v1/hazards', { commandId: randomUUID(), siteId: 'demo', note: '配电间门锁损坏', deviceId: 'demo-cp-02' });

    const desk = await consoleAt('zh-CN');
    const item = desk.page.locator('[data-testid=hazard-item]', { hasText: '配电间门锁损坏' });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.locator('.hazard-state').textContent()).toBe('待处理');
    expect(await item.locator('[data-testid=hazard-assign]').textContent()).toBe('指派');
    expect(await item.locator('[data-testid=hazard-assignee-select] option').first().textContent()).toBe('选择队员…');
    await item.locator('[data-testid=hazard-assignee-select]').selectOption({ label: 'H2 · Guard H2' });
    await item.locator('[data-testid=hazard-assign]').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('assigned');
    expect(await item.locator('[data-testid=hazard-assignee]').textContent()).toContain('已指派给 Guard H2');
    await phone.locator('[data-testid=my-hazard]').waitFor({ timeout: 10_000 });
    expect(await phone.locator('[data-testid=my-hazard]').textContent()).toContain('配电间门锁损坏');
    expect(await phone.locator('[data-testid=my-hazard-rectify]').textContent()).toBe('已整改');
    await phone.locator('[data-testid=my-hazards]').screenshot({ path: join(screenshotDir, 'hazards-phone-mine-zh-CN.png') });

    await item.locator('[data-testid=hazard-rectify-open]').click();
    expect(await item.locator('[data-testid=hazard-rectify-save]').textContent()).toBe('保存');
    expect(await item.locator('[data-testid=hazard-rectify-save]').isDisabled()).toBe(true);
    await item.locator('[data-testid=hazard-rectify-input]').fill('已更换门锁');
    await desk.page.locator('[data-testid=patrol-panel]').screenshot({ path: join(screenshotDir, 'hazards-console-rectify-zh-CN.png') });
    await item.locator('[data-testid=hazard-rectify-save]').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('rectified');
    expect(await item.locator('[data-testid=hazard-rectify-note]').textContent()).toContain('已整改：已更换门锁');
    expect(await item.locator('[data-testid=hazard-verify]').textContent()).toBe('验收');
    // The guard's phone shows it done by the control room, waiting for verification.
    await expect.poll(() => phone.locator('[data-testid=my-hazard-waiting]').textContent(), { timeout: 10_000 }).toBe('已整改（已更换门锁）：等待验收');
    await desk.page.locator('[data-testid=patrol-panel]').screenshot({ path: join(screenshotDir, 'hazards-console-rectified-zh-CN.png') });
    await desk.close();
    await phoneContext.close();
  });
});
