import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'kill-test-ingest-key-0123456789';
const PASSWORD = 'kill-test-admin-password';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real server as its own process, as `pnpm start` runs it (from source, through tsx). */
async function startProcess(handle: TestDatabaseHandle, port: number): Promise<ChildProcess> {
  const target = handle.target;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // The test database's own (fresh, removed after) directory: the server keeps PGlite in it.
      DATA_DIR: target.kind === 'pglite' ? target.dataDir! : '/nonexistent',
      DATABASE_URL: target.kind === 'postgres' ? target.url : '',
      ADMIN_PASSWORD: PASSWORD,
      INGEST_API_KEY: KEY,
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      // No HTTPS listener: a fixed port would collide between parallel runs.
      HTTPS_PORT: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) return child;
    if (Date.now() > deadline) throw new Error(`server not ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe(`kill -9 (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await handle?.destroy();
  });

  it('loses no alarm that was answered 201, even when the process is killed mid-stream', { timeout: 120_000 }, async () => {
    const port = await freePort();
    child = await startProcess(handle, port);
    const base = `http://127.0.0.1:${port}`;
    const acknowledged: string[] = [];
    let sending = true;
    // Post continuously, and kill the process while requests are in flight.
    const sender = (async () => {
      for (let i = 0; sending && i < 500; i += 1) {
        try {
          const response = await fetch(`${base}/api/v1/alarms`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify(buildAlarm({ source: { externalId: `kill-${i}` }, siteId: 'demo', message: `alarm ${i}` })),
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { alarm: { id: string } }).alarm.id);
        } catch {
          return; // the process is gone
        }
      }
    })();
    const waitUntil = Date.now() + 15_000;
    while (acknowledged.length < 25 && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    sending = false;
    await sender;
    const killed = child;
    if (killed.exitCode === null && killed.signalCode === null) await new Promise((resolve) => killed.once('exit', resolve));

    child = await startProcess(handle, port);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const listed = (await (await fetch(`${base}/api/v1/alarms?state=open&limit=500`, { headers: { cookie } })).json()) as {
      alarms: { id: string }[];
    };
    const stored = new Set(listed.alarms.map((alarm) => alarm.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    child.kill('SIGTERM');
  });
});
