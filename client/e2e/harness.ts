import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject, onTestFailed } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_PASSWORD = 'e2e-admin-password';
export const INGEST_KEY = 'e2e-ingest-key-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningVigil {
  url: string;
  /** The HTTPS port, when started with `{ https: true }`. */
  httpsPort: number | null;
  /** Where the server keeps its data (the generated CA is in `tls/`). */
  dataDir: string;
  stop(): Promise<void>;
  log(): string;
}

export interface VigilOptions {
  /** Also serve HTTPS (the generated local CA) on a free port; off by default. */
  https?: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory Vigil has already set up (migrated, admin, demo site, plans): see global-setup.ts. */
    vigilTemplate: string;
  }
}

/**
 * The built app (`server/dist/server.js` serving `client/dist`) on its own PGlite, simulator
 * off. Each starts from a copy of the data directory the global setup made (migrations run, the
 * admin, the demo site and the shipped plans in place), so a test file pays for a start, not a
 * first start; its changes stay its own.
 */
export async function startVigil(options: VigilOptions = {}): Promise<RunningVigil> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  cpSync(inject('vigilTemplate'), dataDir, { recursive: true });
  const vigil = await launchVigil(dataDir, options);
  return {
    ...vigil,
    stop: async () => {
      await vigil.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Vigil on `dataDir` (fresh or already set up), until `stop()`; the directory is left as it is. */
export async function launchVigil(dataDir: string, options: VigilOptions = {}): Promise<RunningVigil> {
  const port = await freePort();
  const httpsPort = options.https ? await freePort() : null;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'server/dist/server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_PASSWORD,
      INGEST_API_KEY: INGEST_KEY,
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      HTTPS_PORT: httpsPort === null ? 'off' : String(httpsPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Vigil exited at start:\n${output}`);
    try {
      // With HTTPS, ready once its listener is up too (the server then says where it is).
      const ready = (await fetch(`${url}/readyz`)).ok;
      if (ready && (httpsPort === null || ((await (await fetch(`${url}/api/v1/tls`)).json()) as { httpsUrl: string | null }).httpsUrl)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Vigil did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const running = {
    url,
    httpsPort,
    dataDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      runningServers.delete(running);
    },
  };
  runningServers.add(running);
  return running;
}

/** The servers started and not stopped: a failing test prints the end of their logs. */
const runningServers = new Set<RunningVigil>();

/** The last lines of a log, for a failure report. */
const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');

/**
 * When the running test fails, prints what a person at the screen would have seen: the page's
 * address, its console and errors, the requests that failed, and the end of every server log.
 * Outside a test (a `beforeAll`) there is nothing to attach to.
 */
function reportOnFailure(page: Page, name: string): void {
  const seen: string[] = [];
  const note = (line: string) => {
    seen.push(`${new Date().toISOString()} ${line}`);
    if (seen.length > 200) seen.shift();
  };
  page.on('console', (message) => note(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => note(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => note(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`navigated: ${frame.url()}`);
  });
  try {
    onTestFailed(() => {
      const servers = [...runningServers].map((server) => `--- server ${server.url} (last lines)\n${tail(server.log())}`);
      console.error([`--- screen ${name}: ${page.isClosed() ? 'closed' : page.url()}`, ...seen, ...servers].join('\n'));
    });
  } catch {
    // not inside a test
  }
}

/** Chromium; `extraArgs` add switches (e.g. `--host-resolver-rules`). */
/** Opens `to` on `vigil`, signs in on the login page it is sent to, and waits to be back at `to`. */
export async function signInAt(vigil: RunningVigil, page: Page, to: string, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${vigil.url}${to}`);
  await page.waitForURL('**/login**');
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(`**${to}`);
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export async function newScreen(browser: Browser, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  reportOnFailure(page, locale);
  return { context, page };
}

export interface PostedAlarm {
  status: number;
  alarm: { id: string; deviceId: string | null };
}

export async function postAlarm(vigil: RunningVigil, body: Record<string, unknown>): Promise<PostedAlarm> {
  const response = await fetch(`${vigil.url}/api/v1/alarms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { alarm: PostedAlarm['alarm'] };
  return { status: response.status, alarm: json.alarm };
}

export const screenshotDir = join(ROOT, 'client/e2e/screenshots');

/** Signs in over HTTP and returns the session cookie, for setting things up through the API. */
export async function apiSession(vigil: RunningVigil, username: string, password: string): Promise<string> {
  const response = await fetch(`${vigil.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

export async function api<T>(vigil: RunningVigil, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${vigil.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Plan metres to page pixels on a site map, from the plan's ground (a rectangle over exactly [0, 0]–[width, height]). */
export async function planToPage(page: Page, plan: { width: number; height: number }, map = '[data-testid=site-map]') {
  const box = (await page.locator(`${map} .leaflet-ground-pane path`).boundingBox())!;
  return ([x, y]: [number, number]) => ({ x: box.x + (x / plan.width) * box.width, y: box.y + (1 - y / plan.height) * box.height });
}
