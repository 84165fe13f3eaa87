import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../src/db/client.js';

export const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROCESS_KEY = 'process-test-ingest-key-0123456789';
export const PROCESS_PASSWORD = 'process-test-admin-password';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface VigilProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real server as its own process, as `pnpm start` runs it (from source, through tsx), on an
 * embedded data directory (`dataDir`: DATA_DIR, PGlite in its `pglite/`) or a PostgreSQL.
 */
export async function startVigil(
  database: { dataDir: string } | { url: string },
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<VigilProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'dataDir' in database ? database.dataDir : '/nonexistent',
      DATABASE_URL: 'url' in database ? database.url : '',
      ADMIN_PASSWORD: PROCESS_PASSWORD,
      INGEST_API_KEY: PROCESS_KEY,
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      // No HTTPS listener: a fixed port would collide between parallel runs.
      HTTPS_PORT: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, url, output: () => output, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function processTarget(database: { dataDir: string } | { url: string }): DatabaseTarget {
  return 'url' in database ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: join(database.dataDir, 'pglite') };
}

export async function loginTo(url: string, password = PROCESS_PASSWORD): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}
