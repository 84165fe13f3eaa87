import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type CommandAck, type Disposition } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiSession, launchBrowser, newScreen, postAlarm, screenshotDir, startVigil, type RunningVigil, signInAt } from './harness';

let vigil: RunningVigil;
let browser: Browser;

/** Alarms of this month on the demo site, acknowledged and resolved at once as an operator would: half of them judged false. */
const SEEDS: { kind: string; disposition: Disposition }[] = [
  { kind: 'intrusion', disposition: 'false' },
  { kind: 'intrusion', disposition: 'false' },
  { kind: 'intrusion', disposition: 'confirmed' },
  { kind: 'fire', disposition: 'false' },
  { kind: 'smoke', disposition: 'confirmed' },
  { kind: 'door_forced', disposition: 'confirmed' },
];

beforeAll(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
  mkdirSync(screenshotDir, { recursive: true });
  const admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const socket = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, reconnection: false, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const command = (name: 'alarm.acknowledge' | 'alarm.resolve', body: Record<string, unknown>) =>
    new Promise<CommandAck>((resolve) => (socket.emit as (n: string, b: unknown, a: (r: CommandAck) => void) => void)(name, { commandId: crypto.randomUUID(), ...body }, resolve));
  try {
    for (const [i, seed] of SEEDS.entries()) {
      const posted = await postAlarm(vigil, { source: { externalId: `e2e-report-${i}` }, siteId: 'demo', kind: seed.kind, priority: 2, message: `Report alarm ${i}` });
      expect(posted.status).toBe(201);
      expect(await command('alarm.acknowledge', { alarmId: posted.alarm.id })).toMatchObject({ ok: true });
      expect(await command('alarm.resolve', { alarmId: posted.alarm.id, disposition: seed.disposition })).toMatchObject({ ok: true });
    }
  } finally {
    socket.disconnect();
  }
});

afterAll(async () => {
  await browser?.close();
  await vigil?.stop();
});

const signIn = (page: Page, to: string) => signInAt(vigil, page, to);

/** Charts drawn: each holds an SVG with shapes in it. */
async function expectCharts(page: Page): Promise<void> {
  for (const chart of ['chart-kinds', 'chart-zones', 'chart-heatmap']) {
    await page.waitForFunction((id) => (document.querySelector(`[data-testid=${id}] svg`)?.querySelectorAll('path, rect').length ?? 0) > 5, chart);
  }
}

describe('the reports screen', () => {
  it('opens the monthly report from the wall (which never downloads the charts), shows charts and KPI tiles, prints to PDF and downloads the CSV', async () => {
    const { context, page } = await newScreen(browser, 'en-US');
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await signIn(page, '/wall');
    await page.waitForSelector('[data-testid=reports-link]');
    expect(requested.filter((url) => url.includes('ReportsScreen'))).toEqual([]);

    await page.click('[data-testid=reports-link]');
    await page.waitForURL('**/reports');
    await page.waitForSelector('[data-testid=site-report]');
    await page.selectOption('[data-testid=reports-period]', 'week');
    await page.waitForURL(/period=week/);
    await page.selectOption('[data-testid=reports-period]', 'month');
    await page.waitForURL(/period=month/);
    await page.waitForFunction(() => document.querySelector('[data-testid=site-report] h1')?.textContent?.includes('Monthly'));
    await expectCharts(page);

    // Acknowledged within a second: met. Three of six judged false (50% > 20%): not met. The demo
    // site's patrol route is counted (how many checkpoints fell due by now depends on the hour).
    expect(await page.getAttribute('[data-testid=kpi-acknowledge]', 'data-status')).toBe('met');
    expect(await page.textContent('[data-testid=kpi-acknowledge]')).toContain('✓ Met');
    expect(await page.getAttribute('[data-testid=kpi-falseRate]', 'data-status')).toBe('missed');
    expect(await page.textContent('[data-testid=kpi-falseRate]')).toMatch(/50%.*✗ Not met/);
    expect(await page.textContent('[data-testid=kpi-patrol]')).not.toContain('No patrol data');
    expect(await page.textContent('[data-testid=patrol-figures]')).toMatch(/\d+ checked, \d+ missed, \d+ late \(\d+ checkpoints scheduled this period\)/);
    expect(await page.textContent('[data-testid=hazard-figures]')).toContain('0 found, 0 rectified, 0 verified');
    expect(await page.textContent('[data-testid=chart-kinds]')).toContain('Perimeter intrusion');
    await page.screenshot({ path: join(screenshotDir, 'reports-en.png'), fullPage: true });

    const pdfPath = join(screenshotDir, 'reports-en.pdf');
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    writeFileSync(pdfPath, pdf);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(screenshotDir, 'reports-en-pdf')], { stdio: 'ignore' });
    } catch {
      // A picture for people only; the assertions read the PDF itself.
    }
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((box) => [Math.round(Number(box[1])), Math.round(Number(box[2]))]);
    // A4 pages, the toolbar left off.
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every(([width, height]) => width === 595 && height === 842)).toBe(true);
    // The page as printed, to look at (no PDF renderer needed): A4's width at 96 dpi.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid=reports-print]')).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(screenshotDir, 'reports-en-print.png'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=reports-csv]')]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('"Alarms by kind"\r\n"Kind","This period","Previous period"\r\n"intrusion","3","0"\r\n');
    expect(csv).toContain('"False alarm rate (%)","50",');
    expect(download.suggestedFilename()).toMatch(/^vigil-report-demo-month-\d{4}-\d{2}-01\.csv$/);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=reports-xlsx]')]);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await context.close();
  });

  it('reads in Chinese', async () => {
    const { context, page } = await newScreen(browser, 'zh-CN');
    await signIn(page, '/reports');
    await page.waitForSelector('[data-testid=site-report]');
    await expectCharts(page);
    expect(await page.textContent('[data-testid=site-report] h1')).toContain('月报');
    expect(await page.textContent('[data-testid=kpi-falseRate]')).toContain('未达标');
    expect(await page.textContent('[data-testid=patrol-figures]')).toMatch(/已巡 \d+ 个、漏巡 \d+ 个/);
    expect(await page.textContent('[data-testid=chart-heatmap]')).toContain('周一');
    await page.screenshot({ path: join(screenshotDir, 'reports-zh.png'), fullPage: true });
    await context.close();
  });
});
