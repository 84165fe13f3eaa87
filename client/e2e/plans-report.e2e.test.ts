import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, currentStep, type CommandAck, type IncidentReport } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, postAlarm, launchBrowser, newScreen, screenshotDir, startVigil, type RunningVigil } from './harness';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

async function signIn(page: Page, to: string, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${vigil.url}${to}`);
  await page.waitForURL('**/login**');
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${to}`);
}

async function commandSocket(): Promise<{ socket: Socket; send: (name: string, body: Record<string, unknown>) => Promise<CommandAck & { incidentId?: string }> }> {
  const socket = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, reconnection: false, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  let n = 0;
  const send = (name: string, body: Record<string, unknown>) =>
    new Promise<CommandAck & { incidentId?: string }>((resolve) =>
      (socket.emit as (n: string, b: unknown, a: (r: CommandAck) => void) => void)(name, { commandId: crypto.randomUUID(), ...body, ...{} }, resolve),
    ).then((ack) => {
      n++;
      if (!ack.ok) throw new Error(`${name} #${n}: ${ack.error}`);
      return ack;
    });
  return { socket, send };
}

/**
 * The report printed as Chromium prints it: the PDF's pages, each A4 (595 × 842 pt). The PDF is
 * kept in e2e/screenshots to look at; where poppler's `pdftoppm` is installed, its pages as PNGs too.
 */
async function printed(page: Page, name: string): Promise<{ pages: number; a4: boolean }> {
  const pdf = join(screenshotDir, `${name}.pdf`);
  const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(pdf, bytes);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(screenshotDir, name)], { stdio: 'ignore' });
  } catch {
    // Only a picture for people to look at; the assertions read the PDF itself.
  }
  const text = bytes.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((box) => [Math.round(Number(box[1])), Math.round(Number(box[2]))]);
  return { pages: (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length, a4: boxes.length > 0 && boxes.every(([width, height]) => width === 595 && height === 842) };
}

describe('the plan library', () => {
  it('refuses a plan with the refusal next to the field it names, publishes the fixed one as a new version, and refuses a bad import naming plan, step and field', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/admin/plans');
    await page.click('[data-testid=plan-row-fire] button');
    await page.waitForSelector('[data-testid=plan-form]');
    expect(await page.textContent('[data-testid=running-note]')).toContain('never changes a plan already running');

    // An empty English title on the third step: refused in the browser, under that input.
    const title = page.locator('[data-field="steps.2.title.en"]');
    await title.locator('input').fill('');
    await page.click('[data-testid=publish-plan]');
    await page.waitForSelector('[data-field="steps.2.title.en"][data-invalid]');
    expect(await title.locator('[role=alert]').textContent()).toContain('must not be empty');
    await page.screenshot({ path: join(screenshotDir, 'plans-refused-en.png'), fullPage: false });
    await page.click('[data-testid=language-zh-CN]');
    expect(await title.locator('[role=alert]').textContent()).toContain('不能为空');
    await page.screenshot({ path: join(screenshotDir, 'plans-refused-zh-CN.png'), fullPage: false });
    await page.click('[data-testid=language-en]');
    const before = await api<{ versions: { version: number }[] }>(vigil, admin, 'GET', '/api/v1/plans/fire/versions');
    expect(before.versions).toHaveLength(1);

    await title.locator('input').fill('Call the fire brigade now');
    await page.click('[data-testid=publish-plan]');
    await page.waitForSelector('[data-testid=plans-notice]');
    expect(await page.textContent('[data-testid=plans-notice]')).toContain('v2');
    // The library's list is read again after the publish: it says v2 once that answer is in.
    await expect.poll(() => page.textContent('[data-testid=plan-row-fire]')).toContain('v2');
    const after = await api<{ versions: { version: number; steps: { title: { en: string } }[] }[] }>(vigil, admin, 'GET', '/api/v1/plans/fire/versions');
    expect(after.versions.map((version) => version.version).sort()).toEqual([1, 2]);

    // A file with a branch to a step that does not exist: listed by plan, step and field; nothing changes.
    const file = await api<{ plans: { id: string; steps: { id: string; kind: string; next: Record<string, string | null> }[] }[] }>(vigil, admin, 'GET', '/api/v1/plans/export');
    const fire = file.plans.find((plan) => plan.id === 'fire')!;
    const assess = fire.steps.findIndex((step) => step.kind === 'yes_no');
    fire.steps[assess]!.next = { ...fire.steps[assess]!.next, yes: 'evacuat' };
    await page.setInputFiles('[data-testid=import-plans-file]', { name: 'bad-plans.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const errors = page.locator('[data-testid=import-errors]');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain(`Step ${assess + 1} (${fire.steps[assess]!.id})`);
    expect(text).toContain('next.yes');
    expect(text).toContain('no step “evacuat” in this plan');
    await page.screenshot({ path: join(screenshotDir, 'plans-import-refused-en.png') });
    const still = await api<{ versions: unknown[] }>(vigil, admin, 'GET', '/api/v1/plans/fire/versions');
    expect(still.versions).toHaveLength(2);
    await context.close();
  });

  it('writes a new plan in the form: a choice step without options is refused on its options, with two it publishes as version 1', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/admin/plans');
    await page.click('[data-testid=new-plan]');
    const fill = (field: string, value: string) => page.fill(`[data-field="${field}"] input, [data-field="${field}"] textarea`, value);
    await fill('id', 'gas-leak');
    await fill('name.zh', '燃气泄漏应急预案');
    await fill('name.en', 'Gas leak');
    await fill('summary.zh', '闻到燃气味时启动。');
    await fill('summary.en', 'Starts when gas is smelt.');
    await fill('steps.0.title.zh', '核实气味来源');
    await fill('steps.0.title.en', 'Find where the smell comes from');
    await page.click('[data-testid=add-step]');
    await page.selectOption('[data-field="steps.1.kind"] select', 'choice');
    await fill('steps.1.title.zh', '泄漏程度');
    await fill('steps.1.title.en', 'How bad is the leak');
    await page.click('[data-testid=publish-plan]');
    const options = page.locator('[data-field="steps.1.options"]');
    await page.waitForSelector('[data-field="steps.1.options"][data-invalid]');
    expect(await options.locator('[role=alert]').last().textContent()).toContain('a choice step needs at least 2 options');
    expect((await api<{ plans: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/plans')).plans.map((plan) => plan.id)).not.toContain('gas-leak');

    for (const [o, zh, english] of [
      [0, '轻微', 'Slight'],
      [1, '严重', 'Serious'],
    ] as const) {
      await options.getByRole('button', { name: 'Add option' }).click();
      await fill(`steps.1.options.${o}.label.zh`, zh);
      await fill(`steps.1.options.${o}.label.en`, english);
    }
    // The first step moves below the second, then back: the order the admin sees is the order published.
    await page.locator('[data-testid=step-0]').getByRole('button', { name: 'Move down' }).click();
    expect(await page.inputValue('[data-field="steps.0.id"] input')).toBe('step_2');
    await page.locator('[data-testid=step-1]').getByRole('button', { name: 'Move up' }).click();
    await page.click('[data-testid=publish-plan]');
    await page.waitForSelector('[data-testid=plan-row-gas-leak]');
    const versions = await api<{ versions: { version: number; steps: { id: string; kind: string; options: { label: { en: string } }[] }[] }[] }>(vigil, admin, 'GET', '/api/v1/plans/gas-leak/versions');
    expect(versions.versions.map((version) => version.version)).toEqual([1]);
    expect(versions.versions[0]!.steps.map((step) => [step.id, step.kind, step.options.map((option) => option.label.en)])).toEqual([
      ['step_1', 'confirm', []],
      ['step_2', 'choice', ['Slight', 'Serious']],
    ]);
    await page.screenshot({ path: join(screenshotDir, 'plans-new-published-en.png') });
    await context.close();
  });

  it('lets an operator read a plan but not change it, and links the library from the user badge', async () => {
    const password = 'granite-meadow-signal-31';
    await api(vigil, admin, 'POST', '/api/v1/users', { username: 'plan-reader', displayName: 'Night operator', role: 'operator', password });
    const { context, page } = await newScreen(browser, 'en-US');
    await signIn(page, '/wall', 'plan-reader', password);
    await page.click('[data-testid=plans-link]');
    await page.waitForURL('**/admin/plans');
    expect(await page.textContent('[data-testid=plans-screen]')).toContain('Only administrators edit plans');
    expect(await page.locator('[data-testid=new-plan], [data-testid=import-plans], [data-testid=retire-plan]').count()).toBe(0);
    await page.click('[data-testid=plan-row-fire] button');
    await page.waitForSelector('[data-testid=plan-form]');
    expect(await page.isDisabled('[data-field="steps.0.title.en"] input')).toBe(true);
    expect(await page.locator('[data-testid=publish-plan]').count()).toBe(0);
    await context.close();
  });
});

describe('the closing report', () => {
  it('shows each step against its due time, skips with reasons, calls and the struck-through entry, and prints to A4 in both languages', async () => {
    const { socket, send } = await commandSocket();
    let report: IncidentReport;
    try {
      const alarm = await postAlarm(vigil, { source: { deviceId: 'demo-smoke-01' }, kind: 'smoke', priority: 1, message: '烟感报警 · Smoke detected' });
      const opened = await send('incident.open', { alarmIds: [alarm.alarm.id], planId: 'fire' });
      const incidentId = opened.incidentId!;
      const read = async () => (await api<{ incident: IncidentReport['incident'] }>(vigil, admin, 'GET', `/api/v1/incidents/${incidentId}`)).incident;
      // Walk the path the plan takes: yes on yes/no, the first option on a choice, skip the dispatch (no guards here), done on the rest.
      for (let guard = 0; guard < 60; guard++) {
        const step = currentStep((await read()).plan!);
        if (!step) break;
        if (step.kind === 'dispatch') await send('plan.skipStep', { incidentId, stepId: step.id, reason: 'Guards already on scene by radio' });
        else if (step.kind === 'yes_no') await send('plan.completeStep', { incidentId, stepId: step.id, answer: 'yes' });
        else if (step.kind === 'choice') await send('plan.completeStep', { incidentId, stepId: step.id, answer: step.options[0]!.id });
        else if (step.kind === 'call') await send('plan.completeStep', { incidentId, stepId: step.id, answer: 'done', note: 'Told them: clubhouse hall, smoke, nobody trapped' });
        else await send('plan.completeStep', { incidentId, stepId: step.id, answer: 'done' });
      }
      await send('incident.addEntry', { incidentId, kind: 'call', party: 'property_manager', text: '经理已知悉 Manager informed' });
      await send('incident.addEntry', { incidentId, kind: 'note', text: 'Wrong floor noted' });
      const withNote = await read();
      const note = withNote.timeline.find((entry) => entry.kind === 'note')!;
      await send('incident.strikeEntry', { incidentId, entryId: note.id, reason: 'Entered on the wrong incident' });
      await send('incident.setState', { incidentId, state: 'resolved' });
      await send('incident.close', { incidentId, summary: '会所大厅烟感报警，现场核实为真实火情，已扑灭。\nSmoke in the clubhouse hall; a real fire, put out.' });
      report = (await api<{ report: IncidentReport }>(vigil, admin, 'GET', `/api/v1/incidents/${incidentId}/report`)).report;
    } finally {
      socket.disconnect();
    }

    for (const [locale, language, late] of [
      ['en-US', 'en', 'Closing report'],
      ['zh-CN', 'zh-CN', '结案报告'],
    ] as const) {
      const { context, page } = await newScreen(browser, locale);
      await signIn(page, `/incidents/${report.incident.id}/report`);
      await page.waitForSelector('[data-testid=report]');
      expect(await page.textContent('h1')).toContain(late);
      expect(await page.textContent('[data-testid=report-number]')).toContain(report.incident.number);
      const skipped = report.steps.find((step) => step.status === 'skipped');
      if (skipped) expect(await page.textContent(`[data-testid=report-step-${skipped.stepId}]`)).toContain('Guards already on scene by radio');
      const stricken = page.locator('.report-entry--stricken');
      expect(await stricken.count()).toBe(1);
      expect(await stricken.textContent()).toContain('Entered on the wrong incident');
      expect(await page.textContent('[data-testid=report-calls]')).toContain(language === 'en' ? 'Property manager' : '物业经理');
      await page.screenshot({ path: join(screenshotDir, `report-${language}.png`), fullPage: true });
      const pdf = await printed(page, `report-${language}`);
      expect(pdf.pages).toBeGreaterThanOrEqual(1);
      expect(pdf.a4).toBe(true);
      await context.close();
    }
  });
});
