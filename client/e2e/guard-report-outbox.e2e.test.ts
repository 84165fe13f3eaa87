import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Incident } from '@vigil/shared';
import type { Browser, Page } from 'playwright-core';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, screenshotDir, startVigil, type RunningVigil } from './harness';
import { launchPhoneBrowser, linkedGuard, phoneOrigin, signInPhone } from './phones';

/**
 * The dispatch report outbox on the guard's phone, against the real server reached as the phone
 * reaches it (a LAN name over HTTPS). A report with a photo pressed with no signal (a stairwell,
 * the garage) is kept on the phone, through a reload of the page, and filed on the incident's
 * timeline exactly once when the signal is back; a waiting report the guard discards never goes.
 */
const INCIDENT_AT: [number, number] = [150, 100];

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;
let commander: Socket;

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  browser = await launchPhoneBrowser(vigil);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const { sites } = await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites');
  siteId = sites[0]!.id;
  commander = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  await new Promise<void>((resolve, reject) => {
    commander.once('connect', resolve);
    commander.once('connect_error', reject);
  });
}, 90_000);

afterAll(async () => {
  commander?.disconnect();
  await browser?.close();
  await vigil?.stop();
});

type Ack = { ok: boolean; error?: string; incidentId?: string; dispatchIds?: string[] };
const command = (name: string, body: Record<string, unknown>) =>
  new Promise<Ack>((resolve) => (commander.emit as (n: string, b: unknown, a: (r: Ack) => void) => void)(name, body, resolve));
const id = (what: string) => `${what}-${Math.random().toString(36).slice(2, 12)}`;

/** A fire incident with the fire plan, and one guard dispatched to it (the commander's socket). */
async function dispatchedFire(title: string, guardId: string, planId: string | null = 'fire'): Promise<{ incidentId: string; dispatchId: string }> {
  const opened = await command('incident.open', {
    commandId: id('open'),
    siteId,
    type: 'fire',
    level: 1,
    title,
    location: { position: INCIDENT_AT, floor: 0, zoneId: null },
    planId,
  });
  expect(opened).toMatchObject({ ok: true });
  const sent = await command('dispatch.send', { commandId: id('send'), incidentId: opened.incidentId, guardIds: [guardId], instruction: 'Go and look' });
  expect(sent).toMatchObject({ ok: true });
  return { incidentId: opened.incidentId!, dispatchId: sent.dispatchIds![0]! };
}

async function accept(page: Page, dispatchId: string): Promise<void> {
  await page.waitForSelector(`[data-testid=dispatch-ringing][data-dispatch-id="${dispatchId}"]`);
  await page.tap('[data-testid=dispatch-accept]');
  await page.waitForSelector('[data-testid=dispatch-answer][data-phase=received]');
}

async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.waitForSelector('[data-testid=connection-banner]:not([data-status=live])');
}

/** A camera photo (3000×2000, made here) put in the report's file input, as the camera would. */
async function pickPhoto(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#446';
    context.fillRect(0, 0, 3000, 2000);
    context.fillStyle = '#e33';
    context.fillRect(1200, 700, 600, 600);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
    const input = document.querySelector<HTMLInputElement>('[data-testid=dispatch-report-photo]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'IMG_0042.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForSelector('[data-testid=dispatch-report-preview][data-width="1600"]');
}

const reports = async (incidentId: string) =>
  (await api<{ incident: Incident }>(vigil, admin, 'GET', `/api/v1/incidents/${incidentId}`)).incident.timeline.filter((entry) => entry.kind === 'report');

describe("the report outbox on the guard's phone, real server over HTTPS", () => {
  it('a report with a photo pressed offline waits, is still there when the tab is opened again, and is filed once when uploads go through (zh-CN)', { timeout: 120_000 }, async () => {
    const guard = await linkedGuard(vigil, admin, siteId, 'guard-report-1', 'R1');
    const { page, context } = await signInPhone(browser, vigil, guard.username, 'zh-CN', [90, 60]);
    const { incidentId, dispatchId } = await dispatchedFire('地下车库烟感报警', guard.guardId);
    await accept(page, dispatchId);

    await goOffline(page);
    await pickPhoto(page);
    const note = '车库B2层垃圾桶冒烟，已用灭火器扑灭';
    await page.fill('[data-testid=dispatch-report-note]', note);
    await page.tap('[data-testid=dispatch-report-send]');
    const line = page.locator('[data-testid=dispatch-report-line]');
    await page.waitForSelector('[data-testid=dispatch-report-line][data-phase=waiting]');
    expect(await line.count()).toBe(1);
    expect(await line.textContent()).toContain('等待信号');
    expect(await line.textContent()).toContain(note);
    // The form is free for the next report.
    expect(await page.inputValue('[data-testid=dispatch-report-note]')).toBe('');
    expect(await page.locator('[data-testid=dispatch-report-preview]').count()).toBe(0);
    const commandId = await line.getAttribute('data-command-id');

    // The phone drops the tab with no signal. (Vigil cannot be opened with no signal at all: it has
    // no service worker, and signing in needs the server; so the page comes back in the lobby,
    // where the signal loads pages but uploads still fail, then go through with the answer lost.)
    let uploads: 'dropped' | 'answerLost' | 'through' = 'dropped';
    const tries: string[] = [];
    await context.route('**/api/v1/dispatches/*/reports*', async (route) => {
      tries.push(new URL(route.request().url()).searchParams.get('commandId') ?? '');
      if (uploads === 'dropped') return route.abort('internetdisconnected');
      if (uploads === 'through') return route.continue();
      // The phone's very request reaches the server (by its HTTP port: the LAN name is only
      // known to Chromium), and the answer does not reach the phone.
      uploads = 'through';
      const request = route.request();
      const { pathname, search } = new URL(request.url());
      const headers = await request.allHeaders();
      const answer = await fetch(`${vigil.url}${pathname}${search}`, {
        method: 'POST',
        headers: { cookie: headers.cookie ?? '', 'content-type': headers['content-type'] ?? 'application/octet-stream' },
        body: new Uint8Array(request.postDataBuffer() ?? []),
      });
      expect(answer.status).toBe(201);
      return route.abort('connectionreset');
    });
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${phoneOrigin(vigil)}/guard`);
    await again.waitForSelector('[data-testid=connection-banner][data-status=live]');
    const lineAgain = again.locator('[data-testid=dispatch-report-line]');
    await again.waitForFunction(() => Number(document.querySelector('[data-testid=dispatch-report-line]')?.getAttribute('data-attempts')) > 0);
    await again.waitForSelector('[data-testid=dispatch-report-line][data-phase=waiting]');
    expect(await lineAgain.count()).toBe(1);
    expect(await lineAgain.getAttribute('data-command-id')).toBe(commandId);
    expect(await lineAgain.textContent()).toContain(note);
    expect(await reports(incidentId)).toEqual([]);
    // (Taken here, not offline: a glyph of the web font not loaded before the signal went would show as a box.)
    await again.locator('[data-testid=dispatch-report]').screenshot({ path: join(screenshotDir, 'guard-report-waiting-zh-CN.png') });

    uploads = 'answerLost';
    await again.waitForSelector('[data-testid=dispatch-report-line][data-phase=sent]', { timeout: 45_000 });
    // Every try was the same command: the server filed the one that lost its answer, and answered the next with it.
    expect(new Set(tries)).toEqual(new Set([commandId]));
    expect(tries.length).toBeGreaterThanOrEqual(3);
    expect(await lineAgain.textContent()).toContain('已送达');
    const filed = await reports(incidentId);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ text: note, id: expect.any(String) as unknown });
    expect(filed[0]?.photoId).toBeTruthy();
    const photo = await fetch(`${vigil.url}/api/v1/incidents/${incidentId}/photos/${filed[0]!.photoId}`, { headers: { cookie: admin } });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    await again.screenshot({ path: join(screenshotDir, 'guard-report-sent-zh-CN.png'), fullPage: true });

    // A while later, nothing more was filed (no second copy from a retry).
    await again.waitForTimeout(2_000);
    expect(await reports(incidentId)).toHaveLength(1);
    await context.close();
  });

  it('two reports pressed offline: the one discarded never goes, the other is filed; shown sent at its time (en)', async () => {
    const guard = await linkedGuard(vigil, admin, siteId, 'guard-report-2', 'R2');
    const { page, context } = await signInPhone(browser, vigil, guard.username, 'en-US', [90, 60]);
    const { incidentId, dispatchId } = await dispatchedFire('Smoke in the underground garage', guard.guardId);
    await accept(page, dispatchId);

    await goOffline(page);
    await page.fill('[data-testid=dispatch-report-note]', 'Wrong floor, ignore this one');
    await page.tap('[data-testid=dispatch-report-send]');
    await page.waitForSelector('[data-testid=dispatch-report-line][data-phase=waiting]');
    await pickPhoto(page);
    await page.fill('[data-testid=dispatch-report-note]', 'B2 bin fire out, no one hurt');
    await page.tap('[data-testid=dispatch-report-send]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dispatch-report-line][data-phase=waiting]').length === 2);
    expect(await page.textContent('[data-testid=dispatch-report-queue]')).toContain('Waiting for signal');
    await page.locator('[data-testid=dispatch-report]').screenshot({ path: join(screenshotDir, 'guard-report-waiting-en.png') });

    const wrong = page.locator('[data-testid=dispatch-report-line]', { hasText: 'Wrong floor' });
    await wrong.locator('[data-testid=dispatch-report-discard]').tap();
    expect(await wrong.textContent()).toContain('It will not be sent');
    await wrong.locator('[data-testid=dispatch-report-discard-yes]').tap();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dispatch-report-line]').length === 1);

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=dispatch-report-line][data-phase=sent]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=dispatch-report-line]')).toMatch(/Sent at \d\d:\d\d:\d\d/);
    const filed = await reports(incidentId);
    expect(filed.map((entry) => entry.text)).toEqual(['B2 bin fire out, no one hurt']);
    expect(filed[0]?.photoId).toBeTruthy();
    await page.locator('[data-testid=dispatch-report]').screenshot({ path: join(screenshotDir, 'guard-report-sent-en.png') });
    await context.close();
  });

  it('a report the server refuses (the incident was closed meanwhile) is given up after a few tries, says why and to use the radio, and can be dismissed (en)', { timeout: 90_000 }, async () => {
    const guard = await linkedGuard(vigil, admin, siteId, 'guard-report-3', 'R3');
    const { page, context } = await signInPhone(browser, vigil, guard.username, 'en-US', [90, 60]);
    const { incidentId, dispatchId } = await dispatchedFire('Smoke alarm, garage B1', guard.guardId, null);
    await accept(page, dispatchId);

    await goOffline(page);
    await page.fill('[data-testid=dispatch-report-note]', 'False alarm, dust from the works');
    await page.tap('[data-testid=dispatch-report-send]');
    await page.waitForSelector('[data-testid=dispatch-report-line][data-phase=waiting]');
    // Meanwhile the control room resolves and closes the incident.
    expect(await command('incident.setState', { commandId: id('resolve'), incidentId, state: 'resolved' })).toMatchObject({ ok: true });
    expect(await command('incident.close', { commandId: id('close'), incidentId, summary: 'False alarm' })).toMatchObject({ ok: true });

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=dispatch-report-line][data-phase=failed]', { timeout: 30_000 });
    const line = page.locator('[data-testid=dispatch-report-line]');
    expect(Number(await line.getAttribute('data-attempts'))).toBe(3);
    expect(await line.textContent()).toContain('Not sent: the incident is already closed');
    expect(await line.textContent()).toContain('Tell the control room on the radio');
    expect(await reports(incidentId)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'guard-report-failed-en.png') });
    // Nothing more goes by itself.
    await page.waitForTimeout(3_000);
    expect(Number(await line.getAttribute('data-attempts'))).toBe(3);

    await line.locator('[data-testid=dispatch-report-discard]').tap();
    await line.locator('[data-testid=dispatch-report-discard-yes]').tap();
    await page.waitForSelector('[data-testid=dispatch-report-line]', { state: 'detached' });
    await context.close();
  });
});
