import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectSocket } from 'socket.io-client';
import { PROTOCOL_VERSION, type DomainEvent, type HandshakeAuth, type PositionsFrame } from '@vigil/shared';
import type { ClientSocket } from './server.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLUSTER_KEY = 'cluster-test-ingest-key-0123456789';
export const CLUSTER_PASSWORD = 'cluster-test-admin-password';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    probe.on('error', reject);
  });
}

/** A Vigil process, as `pnpm start` runs it (from source, through tsx). */
export interface NodeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** kill -9, and wait until it is gone. */
  kill(): Promise<void>;
}

/** Spawns a node; resolves when /readyz answers. `env` overrides (REDIS_URL, DATABASE_URL …). */
export async function startNode(env: Record<string, string>, port?: number): Promise<NodeProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(chosen),
      HOST: '127.0.0.1',
      DATA_DIR: '/nonexistent',
      ADMIN_PASSWORD: CLUSTER_PASSWORD,
      INGEST_API_KEY: CLUSTER_KEY,
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      HTTPS_PORT: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const node: NodeProcess = {
    child,
    port: chosen,
    url: `http://127.0.0.1:${chosen}`,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited (${child.exitCode}): ${output}`);
    const ready = await fetch(`${node.url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return node;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node not ready: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs a node that is expected to refuse to start: its exit code and output. */
export function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SIMULATOR: 'off', HTTPS_PORT: 'off', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** HAProxy from Debian's package in front of the nodes, on a free port, with its own config. */
export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export function haproxyBinary(): string {
  for (const candidate of [process.env.HAPROXY_BIN, '/usr/sbin/haproxy', 'haproxy']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('haproxy not found: the cluster tests need HAProxy in front of the nodes (Debian: apt-get install haproxy; .ci/run installs it)');
}

/**
 * Round robin over the nodes, health-checked on /readyz twice a second, so a killed node is out
 * within a second and a connection to it is re-dispatched to another. WebSockets pass through
 * (`timeout tunnel`); the clients use the websocket transport, so no stickiness is needed.
 */
export async function startHaproxy(nodes: { port: number }[], check = 'inter 500 fall 1 rise 1'): Promise<Balancer> {
  const binary = haproxyBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-haproxy-'));
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  option redispatch',
    '  retries 3',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    'frontend vigil',
    `  bind 127.0.0.1:${port}`,
    '  default_backend nodes',
    'backend nodes',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    ...nodes.map((node, index) => `  server node${index + 1} 127.0.0.1:${node.port} check ${check}`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${output}`);
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`haproxy not answering: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A screen as the real client behaves: reconnects on its own (through the balancer, to whichever
 * node), resumes from `lastSeq`, drops what it has already applied. Records every raw arrival too,
 * so a test sees a double delivery the dedupe would hide.
 */
export class ClusterClient {
  readonly socket: ClientSocket;
  lastSeq = 0;
  readonly applied: DomainEvent[] = [];
  /** seq → how many times an `event` carried it outside a sync. */
  readonly arrivals = new Map<number, number>();
  readonly frames: PositionsFrame[] = [];
  connects = 0;
  /** The seq of the first snapshot: the events after it are what this screen must apply. */
  startSeq: number | null = null;
  private synced = false;
  private buffered: DomainEvent[] = [];

  constructor(url: string, cookie: string, options: { reconnect?: boolean } = {}) {
    this.socket = connectSocket(url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: options.reconnect ?? true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
      auth: (callback) => callback({ protocol: PROTOCOL_VERSION, lastSeq: this.lastSeq } satisfies HandshakeAuth),
    });
    this.socket.on('connect', () => {
      this.connects += 1;
      this.synced = false;
    });
    this.socket.on('sync', (message) => {
      if (message.kind === 'snapshot') {
        this.startSeq ??= message.seq;
        this.lastSeq = Math.max(this.lastSeq, message.seq);
      }
      else message.events.forEach((event) => this.apply(event));
      this.synced = true;
      const pending = this.buffered;
      this.buffered = [];
      pending.forEach((event) => this.apply(event));
    });
    this.socket.on('event', (event) => {
      this.arrivals.set(event.seq, (this.arrivals.get(event.seq) ?? 0) + 1);
      if (this.synced) this.apply(event);
      else this.buffered.push(event);
    });
    this.socket.on('positions', (frame) => this.frames.push(frame));
  }

  private apply(event: DomainEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.applied.push(event);
  }

  get isSynced(): boolean {
    return this.synced;
  }

  close(): void {
    this.socket.disconnect();
  }
}
