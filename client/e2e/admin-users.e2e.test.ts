import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, newScreen, screenshotDir, startVigil, type RunningVigil, signInAt } from './harness';

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

const signIn = (page: Page, username: string, password: string, to: string) => signInAt(vigil, page, to, username, password);

const OPERATOR_PASSWORD = 'granite-meadow-signal-31';

describe('the users screen', () => {
  it('creates a user with the password rule shown, and disabling them sends their open wall to login', async () => {
    const { context: adminContext, page: admin } = await newScreen(browser, 'en-US');
    await signIn(admin, 'admin', ADMIN_PASSWORD, '/admin/users');
    await admin.waitForSelector('[data-testid=user-row-admin]');

    await admin.fill('[data-testid=create-username]', 'night-op');
    await admin.fill('[data-testid=create-display-name]', 'Night operator');
    await admin.selectOption('[data-testid=create-role]', 'operator');
    await admin.fill('[data-testid=create-password]', '1234567890');
    const weak = admin.locator('[data-testid=create-password-strength]');
    expect(await weak.textContent()).toContain('Too easy to guess');
    expect(await weak.textContent()).toContain('This is a frequently used password.');
    expect(await admin.isDisabled('[data-testid=create-submit]')).toBe(true);

    await admin.fill('[data-testid=create-password]', OPERATOR_PASSWORD);
    expect(await weak.textContent()).toContain('Strong enough.');
    await admin.click('[data-testid=create-submit]');
    const row = admin.locator('[data-testid=user-row-night-op]');
    await row.waitFor();
    expect(await row.locator('[data-testid=user-status]').textContent()).toBe('● Enabled');
    expect(await row.textContent()).toContain('never');

    // The operator opens the wall in their own browser.
    const { context: opContext, page: operator } = await newScreen(browser, 'en-US');
    await signIn(operator, 'night-op', OPERATOR_PASSWORD, '/wall');
    await operator.waitForSelector('[data-testid=connection-banner][data-status=live]');

    await admin.reload();
    await row.waitFor();
    expect(await row.textContent()).not.toContain('never');
    await row.locator('[data-testid=user-sessions]').click();
    await admin.waitForSelector('[data-testid=session-row]');
    await admin.screenshot({ path: join(screenshotDir, 'admin-users-en.png') });

    admin.once('dialog', (dialog) => void dialog.accept());
    await row.locator('[data-testid=user-toggle]').click();
    await admin.waitForFunction(() => document.querySelector('[data-testid=user-row-night-op] [data-testid=user-status]')?.textContent === '⊘ Disabled');

    // Their open wall leaves for the login screen by itself, and cannot sign in again.
    await operator.waitForURL('**/login**', { timeout: 15_000 });
    await operator.fill('[data-testid=login-username]', 'night-op');
    await operator.fill('[data-testid=login-password]', OPERATOR_PASSWORD);
    await operator.click('[data-testid=login-submit]');
    expect(await operator.textContent('[data-testid=login-error]')).toBe('Wrong username or password');

    await admin.click('[data-testid=language-zh-CN]');
    expect(await row.locator('[data-testid=user-status]').textContent()).toBe('⊘ 已停用');
    await admin.screenshot({ path: join(screenshotDir, 'admin-users-zh-CN.png') });
    await opContext.close();
    await adminContext.close();
  });
});
