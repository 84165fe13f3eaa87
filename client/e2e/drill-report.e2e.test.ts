import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillReport, PlanTemplate } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, launchBrowser, newScreen, screenshotDir, startVigil, type RunningVigil, signInAt } from './harness';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;

/** The intrusion plan with its first question due after 2 s: a step answered a little later is late, in a test's time. */
const PLAN_ID = 'e2e-drill-intrusion';
const scenario = {
  format: 'vigil-drill-scenario',
  version: 1,
  id: 'e2e-perimeter-tabletop',
  mode: 'tabletop',
  name: { zh: '北侧周界入侵桌面推演', en: 'North perimeter intrusion tabletop' },
  summary: { zh: '导调带领值班团队逐步推演周界入侵预案。', en: 'The facilitator walks the duty team through the intrusion plan.' },
  siteId: 'demo',
  planId: PLAN_ID,
  targets: { planStart: 30, dispatch: 120, finish: 600 },
  injects: [{ id: 'ask', atSec: 1, kind: 'note', text: { zh: '询问：谁来判断是否越界？', en: 'Ask: who decides whether someone crossed?' } }],
};

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  mkdirSync(screenshotDir, { recursive: true });
  const { plans } = await api<{ plans: PlanTemplate[] }>(vigil, admin, 'GET', '/api/v1/plans');
  const { version: _version, publishedAt: _at, publishedBy: _by, ...intrusion } = plans.find((plan) => plan.id === 'intrusion')!;
  const steps = intrusion.steps.map((step) => (step.id === 'assess' ? { ...step, dueAfterSec: 2, warnAtSec: 1 } : step));
  await api(vigil, admin, 'POST', '/api/v1/plans', { ...intrusion, id: PLAN_ID, steps });
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

const signIn = (page: Page, to: string) => signInAt(vigil, page, to);

type Started = { run: { id: string }; incidentId: string };
const start = () => api<Started>(vigil, admin, 'POST', '/api/v1/drills', { scenario });
const step = (runId: string, incidentId: string, stepId: string, answer: string) =>
  api(vigil, admin, 'POST', `/api/v1/drills/${runId}/plan/complete-step`, { commandId: crypto.randomUUID(), incidentId, stepId, answer });

describe('the drill report', () => {
  it('walks a tabletop from the facilitator panel, then shows the score, the rule, a late step, a comment and the runs over time, and prints to A4', async () => {
    // An earlier run of the same scenario, answered at once: on time.
    const earlier = await start();
    await step(earlier.run.id, earlier.incidentId, 'assess', 'yes');
    await api(vigil, admin, 'POST', `/api/v1/drills/${earlier.run.id}/end`);

    const { run } = await start();
    const startedAt = Date.now();
    const { context, page } = await newScreen(browser, 'zh-CN');
    await signIn(page, `/drills/${run.id}/report`);
    await page.waitForSelector('[data-testid=drill-facilitator]');
    expect(await page.textContent('[data-testid=drill-report]')).toContain('演练尚未结束');
    // The first question is due after 2 s: answered after 3 s from the facilitator's panel, it is late.
    await page.waitForTimeout(Math.max(0, 3_000 - (Date.now() - startedAt)));
    await page.click('[data-testid=facilitator-assess-yes]');
    await page.waitForSelector('[data-testid=facilitator-dispatch-done]');
    await page.click('[data-testid=facilitator-dispatch-done]');
    await page.waitForSelector('[data-testid=facilitator-outcome-escaped]');
    // A skip needs its reason.
    await page.click('[data-testid=facilitator-track-skip]');
    expect(await page.textContent('[data-testid=drill-facilitator] [role=alert]')).toContain('请填写跳过原因');
    await page.fill('[data-testid=facilitator-track-reason]', '桌面推演无摄像机');
    await page.click('[data-testid=facilitator-track-skip]');
    await page.waitForSelector('[data-testid=facilitator-track-skip]', { state: 'detached' });

    // A participant's comment from the form, then the end.
    await page.fill('[data-testid=drill-comment-text]', '第一步判断太慢，应先看联动画面');
    await page.click('[data-testid=drill-comment-submit]');
    await page.waitForSelector('[data-testid=drill-comments] >> text=第一步判断太慢，应先看联动画面');
    await api(vigil, admin, 'POST', `/api/v1/drills/${run.id}/end`);
    await page.reload();
    await page.waitForSelector('[data-testid=drill-chart] svg');
    expect(await page.locator('[data-testid=drill-facilitator]').count()).toBe(0);

    const { report } = await api<{ report: DrillReport }>(vigil, admin, 'GET', `/api/v1/drills/${run.id}/report`);
    expect(report.provisional).toBe(false);
    expect(await page.textContent('[data-testid=drill-score-value]')).toBe(`${report.evaluation.score} 分 / 100`);
    expect(await page.textContent('[data-testid=drill-rule]')).toBe(report.rule.zh);
    expect(report.rule.zh).toContain('满分100分');
    const assess = page.locator('[data-testid=drill-step-assess]');
    expect(await assess.textContent()).toContain('超时');
    expect(report.evaluation.steps.find((one) => one.stepId === 'assess')?.verdict).toBe('late');
    expect(await page.locator('[data-testid=drill-step-track]').textContent()).toContain('跳过原因：桌面推演无摄像机');
    // Missed required steps are marked, not only coloured.
    expect(await page.locator('[data-testid=drill-step-report]').textContent()).toContain('未完成');
    expect(await page.getAttribute('[data-testid=drill-step-report]', 'class')).toContain('drill-row--missed');
    expect(await page.textContent('[data-testid=drill-comments]')).toContain('第一步判断太慢，应先看联动画面');
    // The chart: both runs of the scenario, the score of each as a bar.
    const bars = await page.locator('[data-testid=drill-chart] svg text').allTextContents();
    const earlierScore = (await api<{ report: DrillReport }>(vigil, admin, 'GET', `/api/v1/drills/${earlier.run.id}/report`)).report.evaluation.score;
    expect(bars).toEqual(expect.arrayContaining([String(earlierScore), String(report.evaluation.score), '本次']));
    const replay = await page.getAttribute('[data-testid=drill-open-replay]', 'href');
    expect(replay).toContain(`/command?replay=1&stream=drill%3A${run.id}`);

    await page.screenshot({ path: join(screenshotDir, 'drill-report.png'), fullPage: true });
    // Exported as JSON: the report as the server made it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-drill-report]')]);
    expect(download.suggestedFilename()).toMatch(/^drill-report-e2e-perimeter-tabletop-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as DrillReport;
    expect(exported).toMatchObject({ run: { id: run.id }, evaluation: { score: report.evaluation.score }, rule: report.rule });
    expect(exported.comments.map((comment) => comment.text)).toEqual(['第一步判断太慢，应先看联动画面']);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(screenshotDir, 'drill-report.pdf'), pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((box) => [Math.round(Number(box[1])), Math.round(Number(box[2]))]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every(([width, height]) => width === 595 && height === 842)).toBe(true);
    // On paper: no toolbar, no facilitator panel, no comment form; the chart stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.drill-comment-form').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=drill-chart] svg').isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'drill-report-print.png'), fullPage: true });

    // The debrief: the drill's own stream replayed on /command, under the REPLAY banner.
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-testid=drill-open-replay]');
    await page.waitForURL(`**/command?replay=1&stream=drill%3A${run.id}**`);
    await page.waitForSelector('[data-testid=replaying]');
    await page.waitForSelector('[data-testid=replay-banner]');
    // From the drill's start: played on, its incident appears, replayed from its stream (live has none).
    await page.click('[data-testid=replay-play]');
    await page.waitForSelector('text=【演练】北侧周界入侵桌面推演', { timeout: 15_000 });
    await page.screenshot({ path: join(screenshotDir, 'drill-report-replay.png') });
    await context.close();
  });

  it('reads in English too, with the rule in English', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    const { runs } = await api<{ runs: { id: string; state: string }[] }>(vigil, admin, 'GET', '/api/v1/drills');
    const ended = runs.find((one) => one.state === 'ended')!;
    await signIn(page, `/drills/${ended.id}/report`);
    await page.waitForSelector('[data-testid=drill-chart] svg');
    expect(await page.textContent('[data-testid=drill-rule]')).toContain('Out of 100');
    expect(await page.textContent('[data-testid=drill-report-mode]')).toContain('Tabletop exercise');
    expect(await page.textContent('[data-testid=drill-report]')).toContain('Runs of this scenario over time');
    await page.screenshot({ path: join(screenshotDir, 'drill-report-en.png'), fullPage: true });
    await context.close();
  });
});
