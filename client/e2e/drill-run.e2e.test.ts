import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type DomainEvent } from '@vigil/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, screenshotDir, startVigil, type RunningVigil } from './harness';
import { GUARD_PASSWORD, linkedGuard } from './phones';

/**
 * A drill (演练) run from the controller's screen against the real server: a commander starts
 * the EV-fire scenario with a guard taking part; a console in the drill shows the DRILL
 * watermark and the drill's alarm marked 【演练】, a live console shows neither; the guard's
 * phone joins, shows the drill's dispatch in its watermarked card and stays on live; the
 * commander ends the drill and the link to its report appears. The drill's simulated guard walks
 * the drill's map only.
 */
const COMMANDER = { username: 'drill-commander', password: 'Exercise-lead-2026!' };
const INSTRUCTION = 'Drill: take the extinguisher to garage zone B';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  siteId = (await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites')).sites[0]!.id;
  await api(vigil, admin, 'POST', '/api/v1/users', { username: COMMANDER.username, displayName: 'Drill Commander', role: 'commander', password: COMMANDER.password });
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await vigil?.stop();
});

async function signIn(page: Page, username: string, password: string, landing: string) {
  await page.goto(`${vigil.url}/login`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${landing}`);
}

async function screen(locale: string, username: string, password: string, landing = '/wall') {
  const { context, page } = await newScreen(browser, locale);
  contexts.push(context);
  await signIn(page, username, password, landing);
  return page;
}

/** The commander's socket on the drill's stream: what a second commander's screen in the drill would send. */
async function drillSocket(cookie: string, runId: string) {
  const events: DomainEvent[] = [];
  const alarms: string[] = [];
  const socket: Socket = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie }, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0, stream: `drill:${runId}` } });
  socket.on('event', (event: DomainEvent) => {
    events.push(event);
    if (event.type === 'alarm.raised') alarms.push(event.payload.alarm.id);
  });
  socket.on('sync', (sync: { kind: string; state?: { alarms: Record<string, { id: string }> } }) => {
    if (sync.kind === 'snapshot' && sync.state) alarms.push(...Object.keys(sync.state.alarms));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const command = <T extends { ok: boolean }>(name: string, body: Record<string, unknown>) =>
    new Promise<T>((resolve) => (socket.emit as (n: string, b: unknown, a: (r: T) => void) => void)(name, body, resolve));
  return { socket, events, alarms, command };
}

const id = (what: string) => `${what}-${Math.random().toString(36).slice(2, 12)}`;

describe('a drill run from /drills', () => {
  it('starts EV fire with a guard, shows the drill on its screens only, reaches the guard in a card apart, ends with a report link', async () => {
    const guard = await linkedGuard(vigil, admin, siteId, 'drill-guard-1', 'G1');

    // The controller's screen: the scenario, its details, the guard as participant, start.
    const commander = await screen('en-US', COMMANDER.username, COMMANDER.password);
    await commander.goto(`${vigil.url}/drills`);
    await commander.click('[data-testid=drill-scenario][data-scenario-id=ev-fire-garage-night]');
    await commander.waitForSelector('[data-testid=drill-scenario-details]');
    expect(await commander.textContent('[data-testid=drill-scenario-details]')).toContain('garage charging bays');
    // The EV fire scenario moves guards and devices: at the table those are left out, and the form says so.
    await commander.check('[data-testid=drill-mode-tabletop]');
    expect(await commander.textContent('[data-testid=drill-tabletop-left-out]')).toContain('its 2 device states and guards’ walks are left out');
    await commander.check('[data-testid=drill-mode-live]');
    expect(await commander.locator('[data-testid=drill-tabletop-left-out]').count()).toBe(0);
    await commander.locator('[data-testid=drill-participant]', { hasText: guard.name }).locator('input').check();
    await commander.screenshot({ path: join(screenshotDir, 'drill-start-en.png') });
    await commander.click('[data-testid=drill-start]');
    const control = commander.locator('[data-testid=drill-control][data-state=running]');
    await control.waitFor();
    const runId = (await control.getAttribute('data-run-id'))!;
    expect(new URL(commander.url()).searchParams.get('run')).toBe(runId);
    // The first inject (smoke, at 0 s) fired; the scenario's later ones wait; the run is listed.
    await commander.waitForSelector('[data-testid=drill-inject][data-inject-id=smoke][data-state=fired]');
    expect(await commander.getAttribute('[data-testid=drill-inject][data-inject-id=heat]', 'data-state')).toBe('next');
    await commander.waitForSelector(`[data-testid=drill-run][data-run-id="${runId}"][data-state=running]`);
    expect(await commander.textContent('[data-testid=drill-control] [data-testid=drill-banner]')).toContain('EV charging fire in the garage at night');

    // Inject the next now: heat fires early; and an ad hoc note with its text missing is refused by field.
    await commander.click('[data-testid=drill-inject-next]');
    await commander.waitForSelector('[data-testid=drill-inject][data-inject-id=heat][data-state=fired]');
    // And the next: a simulated guard sets off down the garage ramp.
    await commander.click('[data-testid=drill-inject-next]');
    await commander.waitForSelector('[data-testid=drill-inject][data-inject-id=first-guard][data-state=fired]');
    await commander.selectOption('[data-testid=adhoc-kind]', 'note');
    await commander.fill('[data-testid=adhoc-noteZh]', '询问指挥：是否已通知物业经理？');
    await commander.click('[data-testid=adhoc-submit]');
    await commander.waitForSelector('[data-testid=adhoc-error-noteEn]');
    expect(await commander.locator('[data-testid=adhoc-error-noteZh]').count()).toBe(0);
    await commander.fill('[data-testid=adhoc-noteEn]', 'Ask the commander: has the property manager been told?');
    await commander.click('[data-testid=adhoc-submit]');
    await commander.waitForSelector('[data-testid=adhoc-sent]');
    await commander.waitForSelector('[data-testid=drill-note]');
    expect(await commander.textContent('[data-testid=drill-notes]')).toContain('property manager');
    await commander.screenshot({ path: join(screenshotDir, 'drill-control-en.png'), fullPage: true });

    // A console in the drill: the banner, the watermark, and the drill's alarm with 【演练】.
    const drillConsole = await screen('zh-CN', COMMANDER.username, COMMANDER.password);
    await drillConsole.goto(`${vigil.url}/console?drill=${runId}`);
    await drillConsole.waitForSelector('[data-testid=drill-banner]');
    expect(await drillConsole.textContent('[data-testid=drill-banner]')).toContain('演练 DRILL');
    expect(await drillConsole.textContent('[data-testid=drill-banner]')).toContain('夜间地库电动车充电起火');
    expect(await drillConsole.isVisible('[data-testid=drill-watermark]')).toBe(true);
    const takeover = drillConsole.locator('[data-testid=takeover-alarm]');
    await takeover.waitFor();
    expect(await takeover.textContent()).toContain('【演练】');
    // The simulated guard walks the drill's garage map (floor -1).
    await drillConsole.waitForSelector('[data-testid="floor--1-guards"][data-count="1"]');
    await drillConsole.screenshot({ path: join(screenshotDir, 'drill-console-zh-CN.png') });
    // The wall in the drill: its queue holds the drill's alarms, marked.
    await drillConsole.goto(`${vigil.url}/wall?drill=${runId}`);
    await drillConsole.waitForSelector('[data-testid=drill-watermark]');
    await drillConsole.locator('[data-testid=alarm-row]').first().waitFor();
    const messages = await drillConsole.locator('[data-testid=alarm-message]').allTextContents();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.startsWith('【演练】'))).toBe(true);
    await drillConsole.screenshot({ path: join(screenshotDir, 'drill-wall-zh-CN.png') });
    await drillConsole.goto(`${vigil.url}/console?drill=${runId}`);
    await drillConsole.waitForSelector('[data-testid=drill-banner]');

    // The live console beside it: no banner, no watermark, no drill alarm; it offers to join.
    const liveConsole = await screen('en-US', COMMANDER.username, COMMANDER.password);
    await liveConsole.goto(`${vigil.url}/console`);
    await liveConsole.waitForSelector('[data-testid=connection-banner][data-status=live]');
    await liveConsole.waitForSelector(`[data-testid=drill-join][data-run-id="${runId}"]`);
    expect(await liveConsole.locator('[data-testid=drill-banner]').count()).toBe(0);
    expect(await liveConsole.locator('[data-testid=drill-watermark]').count()).toBe(0);
    expect(await liveConsole.locator('[data-testid=takeover-alarm]').count()).toBe(0);
    expect(await liveConsole.textContent('body')).not.toContain('【演练】');
    expect(await liveConsole.getAttribute('[data-testid="floor--1-guards"]', 'data-count')).toBe('0');

    // The guard's phone: on live as always, and the drill in a card of its own.
    const { context: phoneContext, page: phone } = await newScreen(browser, 'zh-CN');
    contexts.push(phoneContext);
    await phone.setViewportSize({ width: 390, height: 844 });
    await signIn(phone, guard.username, GUARD_PASSWORD, '/guard');
    await phone.waitForSelector('[data-testid=guard-drill-card] [data-testid=guard-drill-waiting]');
    expect(await phone.textContent('[data-testid=guard-drill-card] [data-testid=drill-banner]')).toContain('演练 DRILL');

    // The commander's side of the drill opens an incident from the drill alarm and sends the guard.
    const cookie = await apiSession(vigil, COMMANDER.username, COMMANDER.password);
    const drill = await drillSocket(cookie, runId);
    const deadline = Date.now() + 10_000;
    while (drill.alarms.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const opened = await drill.command<{ ok: boolean; incidentId?: string }>('incident.open', { commandId: id('open'), alarmIds: [drill.alarms[0]], planId: 'ev-fire' });
    expect(opened).toMatchObject({ ok: true });
    const sent = await drill.command<{ ok: boolean; dispatchIds?: string[] }>('dispatch.send', { commandId: id('send'), incidentId: opened.incidentId, guardIds: [guard.guardId], instruction: INSTRUCTION });
    expect(sent).toMatchObject({ ok: true });
    const dispatchId = sent.dispatchIds![0]!;

    const card = phone.locator(`[data-testid=guard-drill-card] [data-testid=guard-drill-dispatch][data-dispatch-id="${dispatchId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('sent');
    expect(await card.locator('[data-testid=guard-drill-instruction]').textContent()).toBe(INSTRUCTION);
    // Not the live ringer: the live dispatch view does not ring, the phone is on live.
    expect(await phone.getAttribute('[data-testid=guard-dispatch]', 'data-ringing')).toBe('false');
    expect(await phone.getAttribute('[data-testid=connection-banner]', 'data-status')).toBe('live');
    await card.locator('[data-testid=guard-drill-accept]').click();
    await phone.waitForSelector(`[data-testid=guard-drill-dispatch][data-dispatch-id="${dispatchId}"][data-state=accepted]`);
    const accepted = Date.now() + 10_000;
    while (!drill.events.some((event) => event.type === 'dispatch.accepted') && Date.now() < accepted) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(drill.events.some((event) => event.type === 'dispatch.accepted')).toBe(true);
    await phone.screenshot({ path: join(screenshotDir, 'drill-guard-phone-zh-CN.png'), fullPage: true });
    drill.socket.disconnect();

    // The command screen in the drill: the drill's incident with its plan, under the banner.
    await drillConsole.goto(`${vigil.url}/command?drill=${runId}&incident=${opened.incidentId}`);
    await drillConsole.waitForSelector(`[data-testid=plan-checklist][data-incident-id="${opened.incidentId}"]`);
    expect(await drillConsole.isVisible('[data-testid=drill-banner]')).toBe(true);
    await drillConsole.screenshot({ path: join(screenshotDir, 'drill-command-zh-CN.png') });
    await drillConsole.goto(`${vigil.url}/console?drill=${runId}`);
    await drillConsole.waitForSelector('[data-testid=drill-banner]');

    // The commander ends it: the run is evaluated and the report is linked.
    commander.once('dialog', (dialog) => void dialog.accept());
    await commander.click('[data-testid=drill-end]');
    const report = commander.locator('[data-testid=drill-control][data-state=ended] [data-testid=drill-report-link]');
    await report.waitFor();
    expect(await report.getAttribute('href')).toBe(`/drills/${runId}/report`);
    await commander.waitForSelector(`[data-testid=drill-run][data-run-id="${runId}"][data-state=ended]`);
    // The drill's console says it ended; the guard's card goes.
    await drillConsole.waitForSelector('[data-testid=drill-ended]');
    await phone.waitForSelector('[data-testid=guard-drill-card]', { state: 'detached', timeout: 30_000 });
    await commander.screenshot({ path: join(screenshotDir, 'drill-ended-en.png'), fullPage: true });
  });
});
