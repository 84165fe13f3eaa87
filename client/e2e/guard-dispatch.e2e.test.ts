import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type DomainEvent, type Incident } from '@vigil/shared';
import type { Browser } from 'playwright-core';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, apiSession, screenshotDir, startVigil, type RunningVigil } from './harness';
import { gps, launchPhoneBrowser, linkedGuard as linkedGuard_, signInPhone } from './phones';

/**
 * Dispatch on the guard's phone against the real server, reached as the phone reaches it: by a
 * LAN name over HTTPS (a secure context: location, camera, vibration). A commander's socket opens
 * the incident with the fire plan and dispatches; the phone rings, answers, is seen arriving,
 * reports with a photo and clears; a dispatch sent while the phone is offline rings on
 * reconnect, and an accept pressed offline reaches the commander once the signal is back.
 */
const INCIDENT_AT: [number, number] = [150, 100];
const INSTRUCTION = 'Bring the extinguisher to the lobby, check the smoke first';

let vigil: RunningVigil;
let browser: Browser;
let admin: string;
let siteId: string;
let commander: Socket;
const commanderEvents: DomainEvent[] = [];

beforeAll(async () => {
  vigil = await startVigil({ https: true });
  browser = await launchPhoneBrowser(vigil);
  mkdirSync(screenshotDir, { recursive: true });
  admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
  const { sites } = await api<{ sites: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/sites');
  siteId = sites[0]!.id;
  commander = connectSocket(vigil.url, { transports: ['websocket'], extraHeaders: { cookie: admin }, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  commander.on('event', (event: DomainEvent) => commanderEvents.push(event));
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

const linkedGuard = (username: string, callsign: string) => linkedGuard_(vigil, admin, siteId, username, callsign);
const phone = (username: string, locale: string) => signInPhone(browser, vigil, username, locale, [90, 60]);

async function openFireIncident(title: string): Promise<string> {
  const opened = await command('incident.open', {
    commandId: id('open'),
    siteId,
    type: 'fire',
    level: 1,
    title,
    location: { position: INCIDENT_AT, floor: 0, zoneId: null },
    planId: 'fire',
  });
  expect(opened).toMatchObject({ ok: true });
  return opened.incidentId!;
}

async function dispatch(incidentId: string, guardId: string): Promise<string> {
  const sent = await command('dispatch.send', { commandId: id('send'), incidentId, guardIds: [guardId], instruction: INSTRUCTION });
  expect(sent).toMatchObject({ ok: true });
  return sent.dispatchIds![0]!;
}

const seen = (type: string, dispatchId: string) =>
  commanderEvents.some((event) => event.type === type && (event.payload as { dispatchId?: string }).dispatchId === dispatchId);
async function commanderSees(type: string, dispatchId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!seen(type, dispatchId)) {
    if (Date.now() > deadline) throw new Error(`the commander never saw ${type} for ${dispatchId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("dispatch on the guard's phone, real server over HTTPS", () => {
  it('rings, is accepted, shows the incident and the fire plan steps, is seen arriving, reports with a photo, clears', async () => {
    const guard = await linkedGuard('guard-dispatch-1', 'D1');
    const device = await phone(guard.username, 'en-US');
    const incidentId = await openFireIncident('Smoke in the Building 3 lobby');
    const dispatchId = await dispatch(incidentId, guard.guardId);

    const { page } = device;
    await page.waitForSelector(`[data-testid=dispatch-ringing][data-dispatch-id="${dispatchId}"]`);
    expect(await page.textContent('[data-testid=dispatch-kind]')).toContain('Fire · Level I (most severe)');
    expect(await page.textContent('[data-testid=dispatch-instruction]')).toBe(INSTRUCTION);
    await page.waitForFunction(() => (window as unknown as { vibrations: unknown[] }).vibrations.length > 0);
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-real-ringing-en.png') });

    await page.tap('[data-testid=dispatch-accept]');
    await commanderSees('dispatch.accepted', dispatchId);
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    await page.waitForSelector('[data-testid=dispatch-answer][data-phase=received]');
    // The fire plan's responder steps, read-only.
    expect(await page.locator('[data-testid=dispatch-step]').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=dispatch-map-canvas] .dispatch-map__label--you');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-real-view-en.png'), fullPage: true });

    await page.tap('[data-testid=dispatch-en_route]');
    await commanderSees('dispatch.enRoute', dispatchId);
    // Walks in: the server sees the fix inside the radius and says on scene.
    await device.context.setGeolocation(gps(INCIDENT_AT[0] + 3, INCIDENT_AT[1]));
    await page.waitForSelector('[data-testid=dispatch-view][data-state=on_scene]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=dispatch-view]')).toContain('Vigil saw from your position that you arrived');

    // Reports with a camera photo (made here: 3000×2000), shrunk on the phone before it goes.
    await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 3000;
      canvas.height = 2000;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#446';
      context.fillRect(0, 0, 3000, 2000);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
      const input = document.querySelector<HTMLInputElement>('[data-testid=dispatch-report-photo]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'IMG_0002.png', { type: 'image/png' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForSelector('[data-testid=dispatch-report-preview][data-width="1600"]');
    await page.fill('[data-testid=dispatch-report-note]', 'Smoke from a bin in the lobby, put out, no one hurt');
    await page.tap('[data-testid=dispatch-report-send]');
    await page.waitForSelector('[data-testid=dispatch-report-sent]');
    const { incident } = await api<{ incident: Incident }>(vigil, admin, 'GET', `/api/v1/incidents/${incidentId}`);
    const report = incident.timeline.find((entry) => entry.kind === 'report');
    expect(report).toMatchObject({ text: 'Smoke from a bin in the lobby, put out, no one hurt' });
    expect(report?.photoId).toBeTruthy();
    const photo = await fetch(`${vigil.url}/api/v1/incidents/${incidentId}/photos/${report!.photoId}`, { headers: { cookie: admin } });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    await page.tap('[data-testid=dispatch-clear]');
    await commanderSees('dispatch.cleared', dispatchId);
    await page.waitForSelector('[data-testid=dispatch-view]', { state: 'detached' });
    await device.context.close();
  });

  it('offline when dispatched, the phone rings on reconnect; an accept pressed offline reaches the commander once, back online', async () => {
    const guard = await linkedGuard('guard-dispatch-2', 'D2');
    const device = await phone(guard.username, 'zh-CN');
    const { page, context } = device;
    await context.setOffline(true);
    await page.waitForSelector('[data-testid=connection-banner]:not([data-status=live])');
    const incidentId = await openFireIncident('3号楼大堂烟感报警');
    const dispatchId = await dispatch(incidentId, guard.guardId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.locator('[data-testid=dispatch-ringing]').count()).toBe(0);

    await context.setOffline(false);
    await page.waitForSelector(`[data-testid=dispatch-ringing][data-dispatch-id="${dispatchId}"]`, { timeout: 30_000 });
    expect(await page.textContent('[data-testid=dispatch-kind]')).toContain('火灾 · I 级（特别严重）');
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-real-ringing-zh-CN.png') });

    await context.setOffline(true);
    await page.waitForSelector('[data-testid=connection-banner]:not([data-status=live])');
    await page.tap('[data-testid=dispatch-accept]');
    await page.waitForSelector('[data-testid=dispatch-view][data-state=accepted]');
    expect(await page.getAttribute('[data-testid=dispatch-answer]', 'data-phase')).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(seen('dispatch.accepted', dispatchId)).toBe(false);

    await context.setOffline(false);
    await commanderSees('dispatch.accepted', dispatchId);
    await page.waitForSelector('[data-testid=dispatch-answer][data-phase=received]', { timeout: 30_000 });
    expect(commanderEvents.filter((event) => event.type === 'dispatch.accepted' && (event.payload as { dispatchId: string }).dispatchId === dispatchId)).toHaveLength(1);
    await page.screenshot({ path: join(screenshotDir, 'guard-dispatch-real-view-zh-CN.png'), fullPage: true });
    await context.close();
  });
  it('signs out at the end of a shift in two taps, first saying what has not reached the control room', async () => {
    const guard = await linkedGuard('guard-dispatch-3', 'D3');
    const { page, context } = await phone(guard.username, 'en-US');
    await page.waitForSelector('[data-testid=guard-queue][data-count="0"][data-taken]:not([data-taken="0"])');
    // In a dead spot the next fixes wait on the phone.
    await context.setOffline(true);
    await context.setGeolocation(gps(95, 62));
    await page.waitForSelector('[data-testid=guard-queue]:not([data-count="0"])', { timeout: 20_000 });
    await page.tap('[data-testid=guard-sign-out]');
    expect(await page.textContent('[data-testid=guard-sign-out-unsent]')).toMatch(/Positions not sent yet: \d+/);
    await page.screenshot({ path: join(screenshotDir, 'guard-sign-out-unsent-en.png'), fullPage: true });
    await page.click('text=Stay signed in');
    expect(await page.locator('[data-testid=guard-sign-out-confirm]').count()).toBe(0);

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=guard-queue][data-count="0"]', { timeout: 30_000 });
    await page.tap('[data-testid=guard-sign-out]');
    expect(await page.textContent('[data-testid=guard-sign-out-confirm]')).toContain('Everything has reached the control room.');
    await page.tap('[data-testid=guard-sign-out-yes]');
    await page.waitForURL('**/login**');
    // The session is over on the server too: the page's requests are refused now.
    expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);
    await context.close();
  });
});
