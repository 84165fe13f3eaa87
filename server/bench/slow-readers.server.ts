/**
 * The server side of slow-readers.bench.ts, in its own process so its memory is its own: the real
 * app on a fresh PGlite, on a free port. Answers `memory` messages with process.memoryUsage().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { buildSite } from '../test/helpers/factories.js';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';
export const BENCH_INGEST_KEY = 'bench-ingest-key-0123456789';

export type ServerMessage =
  | { kind: 'listening'; url: string }
  | { kind: 'memory'; rss: number; heapUsed: number; external: number; arrayBuffers: number; connections: number };

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-slow-readers-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await bootstrap(database.db, { adminPassword: BENCH_ADMIN_PASSWORD, ingestApiKey: BENCH_INGEST_KEY, demoSite: buildSite() });
  const app = await buildApp({ database, video: { cameraHealth: false }, logger: process.env.BENCH_LOG ? { level: 'warn' } : false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: unknown) => {
    if (message === 'memory') {
      // What is still held, not garbage a major collection has not yet come round to.
      (globalThis as { gc?: () => void }).gc?.();
      const usage = process.memoryUsage();
      send({ kind: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers, connections: app.io.engine.clientsCount });
    } else if (message === 'stop') {
      void app
        .close()
        .then(() => database.close())
        .finally(() => {
          rmSync(dataDir, { recursive: true, force: true });
          process.exit(0);
        });
    }
  });
  send({ kind: 'listening', url });
}

if (process.send) void main();
