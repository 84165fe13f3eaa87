import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil, signInAt } from './harness';

const PASSWORD = 'violet-harbour-lantern-42';
let vigil: RunningVigil;
let browser: Browser;
let alarmMessage: string;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  const admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  await api(vigil, admin, 'POST', '/api/v1/users', { username: 'day-op', displayName: 'Day operator Wang', role: 'operator', password: PASSWORD });
  await api(vigil, admin, 'POST', '/api/v1/users', { username: 'night-op', displayName: '夜班值班员 李', role: 'operator', password: PASSWORD });
  alarmMessage = 'Handover beam, north wall';
  expect((await postAlarm(vigil, { source: { externalId: 'e2e-handover-1' }, siteId: 'demo', kind: 'intrusion', priority: 1, message: alarmMessage })).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

const signIn = (page: Page, username: string, password: string, to: string) => signInAt(vigil, page, to, username, password);

describe('shift handover and the audit log', () => {
  it('an operator hands the shift over with the open alarm; another acknowledges it on the console', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    const outgoing = await newScreen(browser, 'en-US');
    await signIn(outgoing.page, 'day-op', PASSWORD, '/console');
    await outgoing.page.click('[data-testid=handover-start]');
    await outgoing.page.waitForSelector('[data-testid=handover-alarm]');
    expect(await outgoing.page.textContent('[data-testid=handover-alarms]')).toContain(alarmMessage);
    // The patrol sections are there, empty, and say why.
    expect(await outgoing.page.textContent('[data-testid=handover-hazards]')).toContain('No hazard waiting to be verified');
    expect(await outgoing.page.textContent('[data-testid=handover-patrols]')).toContain('Patrols due');
    await outgoing.page.fill('[data-testid=handover-note]', 'East gate camera down, repair requested');
    await outgoing.page.screenshot({ path: join(screenshotDir, 'handover-compose-en.png') });
    await outgoing.page.click('[data-testid=handover-submit]');
    await outgoing.page.waitForSelector('[data-testid=handover-compose]', { state: 'detached' });
    await outgoing.page.waitForSelector('[data-testid=handover-pending]');
    expect(await outgoing.page.textContent('[data-testid=handover-pending]')).toContain('Waiting for the incoming officer');
    // The one who handed over cannot acknowledge it.
    expect(await outgoing.page.$('[data-testid=handover-open-ack]')).toBeNull();

    const incoming = await newScreen(browser, 'zh-CN');
    // Signed in on the wall, the incoming officer is told at once and taken to the console.
    await signIn(incoming.page, 'night-op', PASSWORD, '/wall');
    await incoming.page.waitForSelector('[data-testid=handover-notice]');
    expect(await incoming.page.textContent('[data-testid=handover-notice]')).toContain('Day operator Wang 已交班');
    await incoming.page.click('[data-testid=handover-notice]');
    await incoming.page.waitForURL('**/console');
    await incoming.page.waitForSelector('[data-testid=handover-pending]');
    expect(await incoming.page.$('[data-testid=handover-notice]')).toBeNull();
    expect(await incoming.page.textContent('[data-testid=handover-pending]')).toContain('Day operator Wang');
    expect(await incoming.page.textContent('[data-testid=handover-pending]')).toContain('East gate camera down');
    await incoming.page.click('[data-testid=handover-open-ack]');
    await incoming.page.waitForSelector('[data-testid=handover-acknowledge] [data-testid=handover-alarm]');
    expect(await incoming.page.textContent('[data-testid=handover-acknowledge]')).toContain('未处理报警');
    await incoming.page.fill('[data-testid=handover-ack-note]', '已接班');
    await incoming.page.screenshot({ path: join(screenshotDir, 'handover-acknowledge-zh.png') });
    await incoming.page.click('[data-testid=handover-ack-submit]');
    await incoming.page.waitForSelector('[data-testid=handover-pending]', { state: 'detached' });
    await incoming.page.click('[data-testid=handover-history-toggle]');
    await incoming.page.waitForSelector('[data-testid=handover-history-item]');
    expect(await incoming.page.textContent('[data-testid=handover-history-item]')).toContain('夜班值班员 李');
    await incoming.page.screenshot({ path: join(screenshotDir, 'handover-console-zh.png') });

    // The outgoing officer's panel sees it taken over (it reads the handovers again on its own).
    await outgoing.page.waitForSelector('[data-testid=handover-pending]', { state: 'detached', timeout: 20_000 });
    await outgoing.context.close();
    await incoming.context.close();
  });

  it('an admin opens /admin/audit, sees the logins and the commands, filters them and exports CSV', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, 'admin', ADMIN_PASSWORD, '/wall');
    await page.click('[data-testid=audit-link]');
    await page.waitForURL('**/admin/audit');
    await page.waitForSelector('[data-testid=audit-row]');
    const rows = () => page.$$eval('[data-testid=audit-row]', (items) => items.map((item) => ({ kind: item.getAttribute('data-kind'), type: item.getAttribute('data-type'), text: item.textContent ?? '' })));
    const all = await rows();
    expect(all.some((row) => row.kind === 'login' && row.text.includes('Day operator Wang'))).toBe(true);
    expect(all.some((row) => row.kind === 'command' && row.type === 'handover.opened' && row.text.includes('Day operator Wang'))).toBe(true);
    expect(all.some((row) => row.kind === 'command' && row.type === 'handover.acknowledged' && row.text.includes('夜班值班员 李'))).toBe(true);
    expect(all.some((row) => row.kind === 'admin' && row.text.includes('night-op'))).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'audit-en.png'), fullPage: true });

    await page.check('[data-testid=audit-kind-command]');
    await page.fill('[data-testid=audit-actor]', 'Day operator');
    await page.click('[data-testid=audit-search]');
    await page.waitForURL(/kind=command/);
    await page.waitForFunction(() => {
      const shown = [...document.querySelectorAll('[data-testid=audit-row]')];
      return shown.length > 0 && shown.every((row) => row.getAttribute('data-kind') === 'command');
    });
    const commands = await rows();
    expect(commands.map((row) => row.type)).toEqual(['handover.opened']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=audit-export]')]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('"Seq","Time (UTC)","Kind","Action","Actor","Actor id","Stream","Drill","Site","Details"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"command","handover.opened","Day operator Wang"');

    // The export itself is in the log now.
    await page.uncheck('[data-testid=audit-kind-command]');
    await page.check('[data-testid=audit-kind-export]');
    await page.fill('[data-testid=audit-actor]', '');
    await page.click('[data-testid=audit-search]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=audit-row]')].some((row) => (row.textContent ?? '').includes('audit.csv')));
    await context.close();
  });

  it('is for admins only: an operator opening /admin/audit lands on the wall', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await page.goto(`${vigil.url}/admin/audit`);
    await page.waitForURL('**/login**');
    await page.fill('[data-testid=login-username]', 'night-op');
    await page.fill('[data-testid=login-password]', PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForURL('**/wall');
    expect(await page.$('[data-testid=audit-link]')).toBeNull();
    await context.close();
  });
});
