import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type CommandAck, type IncidentReport } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil } from './harness';
import { gps, launchPhoneBrowser, linkedGuard, signInPhone } from './phones';

/**
 * The whole of an incident as the control room lives it, on the real built app: a fire alarm
 * reaches the commander's /wall; the commander opens the incident with the suggested fire plan
 * and works it on /command while a wall monitor shows the same checklist; two guards ranked by
 * walking time are dispatched to their phones (reached by a LAN name over HTTPS), accept, walk
 * in and are seen arriving; the steps are done, resolving is refused while a required one is
 * open, the incident is resolved and closed, and the closing report shows the times. In Chinese,
 * then in English.
 */
const MONITOR = 'incident-wall';
const PASSWORD = 'amber-lantern-harbour-58';
const TIME = /\d{1,2}:\d{2}(:\d{2})?/;

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  browser = await launchPhoneBrowser(vigil);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  siteId = (await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites')).sites[0]!.id;
  await api(vigil, admin, 'POST', '/api/v1/users', { username: 'commander', displayName: 'Duty commander Lin', role: 'commander', password: PASSWORD });
  await api(vigil, admin, 'POST', '/api/v1/users', { username: 'wall-op', displayName: 'Wall operator', role: 'operator', password: PASSWORD });
  // A wall monitor given over to the incident checklist (the most urgent open incident), set up before the night starts.
  await api(vigil, admin, 'POST', '/api/v1/monitors', { id: MONITOR, siteId, name: '事件监视器', nameEn: 'Incident monitor', layout: '1' });
  const socket = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, reconnection: false, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = await new Promise<CommandAck>((resolve) =>
      (socket.emit as (n: string, b: unknown, a: (r: CommandAck) => void) => void)('wall.assign', { commandId: crypto.randomUUID(), monitorId: MONITOR, content: { kind: 'incident', incidentId: null } }, resolve),
    );
    expect(ack).toMatchObject({ ok: true });
  } finally {
    socket.disconnect();
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function signIn(page: Page, to: string, username: string): Promise<void> {
  await page.goto(`${vigil.url}/login?next=${encodeURIComponent(to)}`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${to}`);
  await page.waitForSelector('[data-testid=connection-banner][data-status=live]');
}

const LANGUAGES = [
  // Each run its own smoke detector in the clubhouse (demo site, floor 0), so one run's alarm never merges into the other's.
  { locale: 'zh-CN', lang: 'zh-CN', n: 1, detector: 'demo-smoke-01', at: [260, 63] as [number, number], instruction: '带灭火器到会所大厅，先确认烟雾来源', summary: '会所大厅烟感报警，核实为垃圾桶起火，已扑灭，无人员受伤。', report: '结案报告', closed: '已结案' },
  { locale: 'en-US', lang: 'en', n: 2, detector: 'demo-smoke-02', at: [290, 63] as [number, number], instruction: 'Bring extinguishers to the clubhouse hall, find the smoke first', summary: 'Smoke in the clubhouse hall: a bin fire, put out, nobody hurt.', report: 'Closing report', closed: 'Closed' },
] as const;

describe('an incident from alarm to closing report, on the real app with two guard phones', () => {
  for (const language of LANGUAGES) {
    it(`fire alarm → fire plan on /command and the wall → two guards dispatched, accept, arrive → steps → resolved, closed → report (${language.lang})`, async () => {
      const { locale, lang, n } = language;
      // Two guards on shift with their phones: one on the entrance avenue, one outside the clubhouse.
      const near = await linkedGuard(vigil, admin, siteId, `guard-near-${n}`, `N${n}`);
      const far = await linkedGuard(vigil, admin, siteId, `guard-far-${n}`, `F${n}`);
      const phones = {
        [near.guardId]: await signInPhone(browser, vigil, near.username, locale, [240, 32]),
        [far.guardId]: await signInPhone(browser, vigil, far.username, locale, [210, 60]),
      };
      const wall = await newScreen(browser, locale);
      await signIn(wall.page, `/wall/${MONITOR}`, 'wall-op');
      const commander = await newScreen(browser, locale);
      await signIn(commander.page, '/wall', 'commander');
      const page = commander.page;

      // The alarm reaches the wall; the matching fire plan is suggested and one click starts it.
      const { status, alarm } = await postAlarm(vigil, { source: { deviceId: language.detector }, kind: 'smoke', priority: 1, message: `会所大厅烟感报警 · Clubhouse hall smoke #${n}` });
      expect(status).toBe(201);
      const row = page.locator(`[data-testid=alarm-row][data-alarm-id="${alarm.id}"]`);
      await row.locator('[data-testid=open-incident]').click();
      await page.waitForSelector('[data-testid=open-incident-dialog] [data-testid=suggested-plan][data-plan-id=fire]');
      expect(await page.locator('[data-testid=suggested-plan]').first().getAttribute('data-plan-id')).toBe('fire');
      await page.screenshot({ path: join(screenshotDir, `flow-open-incident-${lang}.png`) });
      await page.click('[data-testid=open-and-start]');
      await page.waitForURL('**/command?incident=*');
      const incidentId = new URL(page.url()).searchParams.get('incident')!;
      await page.waitForSelector(`[data-testid=plan-checklist][data-incident-id="${incidentId}"] [data-testid=current-step]`);

      // The wall monitor shows the same step as the commander, large.
      const wallTitle = wall.page.locator(`[data-testid=incident-tile] [data-testid=current-step-title]`);
      await expect.poll(() => wallTitle.innerText(), { timeout: 15_000 }).toBe(await page.locator('[data-testid=current-step-title]').innerText());

      const current = () => page.locator('[data-testid=command-screen] [data-testid=current-step]').getAttribute('data-step-id');
      const answer = async (testId: string) => {
        const before = await current();
        await page.click(`[data-testid=current-step] [data-testid=${testId}]`);
        await expect.poll(async () => ((await page.locator('[data-testid=checklist-finished]').count()) > 0 ? null : await current()), { timeout: 10_000 }).not.toBe(before);
      };

      // The automatic steps did themselves (cameras to the alarm monitor, guards suggested); the
      // commander answers the rest: a real fire, 119 called, then the dispatch.
      const walked: string[] = [];
      for (let guard = 0; guard < 20; guard++) {
        const stepId = await current();
        walked.push(stepId!);
        if (stepId === 'dispatch') break;
        if (stepId === 'assess') await answer('step-answer-yes');
        else if (stepId === 'call_119') await answer('step-answer-called');
        else await answer('step-answer-done');
      }
      expect(walked).toEqual(['assess', 'call_119', 'dispatch']);
      await expect.poll(() => wallTitle.innerText()).toBe(await page.locator('[data-testid=current-step-title]').innerText());
      await wall.page.screenshot({ path: join(screenshotDir, `flow-wall-checklist-${lang}.png`) });

      // Dispatch: both guards ranked by walking time, each with a reason; the nearer one first.
      await page.click('[data-testid=step-open-dispatch]');
      const ranked = (guardId: string) => page.locator(`[data-testid=ranked-guard][data-guard-id="${guardId}"]`);
      await page.click('[data-testid=dispatch-suggest]');
      await ranked(near.guardId).waitFor();
      await ranked(far.guardId).waitFor();
      const order = await page.locator('[data-testid=ranked-guard]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-guard-id')));
      expect(order.indexOf(near.guardId)).toBeLessThan(order.indexOf(far.guardId));
      await ranked(near.guardId).locator('[data-testid=choose-guard]').check();
      await ranked(far.guardId).locator('[data-testid=choose-guard]').check();
      await page.fill('[data-testid=dispatch-instruction]', language.instruction);
      await page.screenshot({ path: join(screenshotDir, `flow-dispatch-${lang}.png`) });
      await page.click('[data-testid=dispatch-send]');
      await expect.poll(() => page.locator('[data-testid=dispatch-line]').count()).toBe(2);

      // Each phone rings and vibrates with the instruction; the guard accepts, sets off, and walks in.
      for (const [guardId, phone] of Object.entries(phones)) {
        await phone.page.waitForSelector('[data-testid=dispatch-ringing]', { timeout: 20_000 });
        expect(await phone.page.textContent('[data-testid=dispatch-instruction]')).toBe(language.instruction);
        await phone.page.waitForFunction(() => (window as unknown as { vibrations: unknown[] }).vibrations.length > 0);
        if (guardId === near.guardId) await phone.page.screenshot({ path: join(screenshotDir, `flow-phone-ringing-${lang}.png`) });
        await phone.page.tap('[data-testid=dispatch-accept]');
        await phone.page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
        await phone.page.tap('[data-testid=dispatch-en_route]');
        await phone.page.waitForSelector('[data-testid=dispatch-view][data-state=en_route]');
      }
      for (const [index, phone] of Object.values(phones).entries()) {
        await phone.context.setGeolocation(gps(language.at[0] + 2 + index * 3, language.at[1] - 2));
      }
      for (const phone of Object.values(phones)) await phone.page.waitForSelector('[data-testid=dispatch-view][data-state=on_scene]', { timeout: 30_000 });
      await expect.poll(() => page.locator('[data-testid=dispatch-line][data-state=on_scene]').count(), { timeout: 10_000 }).toBe(2);
      await phones[near.guardId]!.page.screenshot({ path: join(screenshotDir, `flow-phone-on-scene-${lang}.png`), fullPage: true });
      await answer('step-answer-done');

      // The rest of the plan; before the last required step, resolving is refused and names it.
      for (let guard = 0; guard < 20; guard++) {
        const stepId = await current();
        if (stepId === 'report') break;
        walked.push(stepId!);
        await answer(stepId === 'notify_manager' ? 'step-answer-called' : 'step-answer-done');
      }
      expect(walked.slice(3)).toEqual(['evacuate', 'first_fire', 'power_off', 'guide_brigade', 'notify_manager']);
      await page.click('[data-testid=incident-resolve]');
      await page.waitForSelector('[data-testid=blocking-steps] li');
      expect(await page.locator('[data-testid=blocking-steps] li').allInnerTexts()).toEqual([lang === 'en' ? 'Record and report' : '记录并上报事件']);
      expect(await page.getAttribute('[data-testid=incident-state]', 'data-state')).toBe('in_progress');
      await page.click('[data-testid=current-step] [data-testid=step-answer-done]');
      await page.waitForSelector('[data-testid=checklist-finished]');

      await page.click('[data-testid=incident-resolve]');
      await page.waitForSelector('[data-testid=incident-state][data-state=resolved]');
      // Resolved, the screen asks at once for the closing summary (结案).
      await page.waitForSelector('[data-testid=close-dialog][open]');
      await page.fill('[data-testid=close-dialog-text]', language.summary);
      await page.click('[data-testid=close-dialog-confirm]');
      await page.waitForSelector('[data-testid=incident-state][data-state=closed]');
      expect(await page.textContent('[data-testid=incident-state]')).toContain(language.closed);
      await page.screenshot({ path: join(screenshotDir, `flow-command-closed-${lang}.png`) });

      // The closing report: each step's time against its due time, each guard's times.
      await page.click('[data-testid=incident-report-link]');
      await page.waitForSelector('[data-testid=report]');
      expect(await page.textContent('h1')).toContain(language.report);
      expect(await page.textContent('[data-testid=report]')).toContain(language.summary);
      const cells = (testId: string) => page.locator(`[data-testid=${testId}] td`).allInnerTexts();
      for (const stepId of ['cameras', 'assess', 'call_119', 'guards', 'dispatch', 'report']) expect((await cells(`report-step-${stepId}`))[3]).toMatch(TIME);
      expect((await cells('report-step-false_alarm'))[3]).toBe('—');
      for (const guard of [near, far]) {
        const [who, sent, accepted, onScene] = await cells(`report-dispatch-${guard.guardId}`);
        expect(who).toContain(guard.name);
        for (const time of [sent, accepted, onScene]) expect(time).toMatch(TIME);
      }
      const { report } = await api<{ report: IncidentReport }>(vigil, admin, 'GET', `/api/v1/incidents/${incidentId}/report`);
      expect(report.incident.state).toBe('closed');
      expect(report.dispatches.map((dispatch) => [dispatch.guardId, dispatch.arrival]).sort()).toEqual([[far.guardId, 'detected'], [near.guardId, 'detected']].sort());
      await page.screenshot({ path: join(screenshotDir, `flow-report-${lang}.png`), fullPage: true });

      for (const screen of [wall, commander, ...Object.values(phones)]) await screen.context.close();
    }, 180_000);
  }
});
