import { io as connectSocket, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type DomainEvent,
  type HandshakeAuth,
  type Site,
  type Stream,
  type ServerToClientEvents,
  type SyncMessage,
} from '@vigil/shared';
import { buildApp, type AppOptions } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import type { Clock } from '../../src/lib/clock.js';
import type { NewGuardRow } from '../../src/repositories/guards.repository.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { buildSite } from './factories.js';
import type { TestDatabaseHandle } from './database.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const INGEST_KEY = 'test-ingest-key-0123456789';
/** The password `createUser` gives every user: strong enough, and containing no username. */
export const USER_PASSWORD = 'violet-harbour-lantern-42';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

/** The real app on a real database, listening on a free port of 127.0.0.1. */
export async function startServer(
  handle: TestDatabaseHandle,
  options: {
    clock?: Clock;
    port?: number;
    site?: Site;
    /** The roster written with the site at first start (bootstrap's demo guards). */
    guards?: NewGuardRow[];
    video?: AppOptions['video'];
    https?: AppOptions['https'];
    osmand?: AppOptions['osmand'];
    allowedOrigins?: string[];
    backlogLimits?: AppOptions['backlogLimits'];
    trustProxy?: AppOptions['trustProxy'];
    metricsToken?: string;
    cluster?: AppOptions['cluster'];
    leadership?: AppOptions['leadership'];
    silenceCheckMs?: number;
    alarmExportRowLimit?: number;
    checkpointPolicy?: AppOptions['checkpointPolicy'];
  } = {},
): Promise<TestServer> {
  const database = await handle.open();
  await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, ingestApiKey: INGEST_KEY, demoSite: options.site ?? buildSite(), demoGuards: options.guards });
  // No camera health checks unless a test asks: they would change device statuses under it.
  const app = await buildApp({
    database,
    clock: options.clock,
    video: { cameraHealth: false, ...options.video },
    allowedOrigins: options.allowedOrigins,
    backlogLimits: options.backlogLimits,
    trustProxy: options.trustProxy,
    https: options.https,
    osmand: options.osmand,
    metricsToken: options.metricsToken,
    cluster: options.cluster,
    leadership: options.leadership,
    silenceCheckMs: options.silenceCheckMs,
    alarmExportRowLimit: options.alarmExportRowLimit,
    checkpointPolicy: options.checkpointPolicy,
  });
  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return {
    app,
    database,
    url: address,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function api(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string | Uint8Array; cookie?: string; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked by the assertions that read them
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | Uint8Array | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function postAlarm(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  return api(server, 'POST', '/api/v1/alarms', { body, headers: { authorization: `Bearer ${INGEST_KEY}`, ...headers } });
}

/** Logs in and returns the session cookie. */
export async function login(server: TestServer, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const response = await api(server, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('login set no cookie');
  return cookie.split(';')[0]!;
}

export async function createUser(server: TestServer, adminCookie: string, username: string, role: string): Promise<string> {
  const password = USER_PASSWORD;
  const response = await api(server, 'POST', '/api/v1/users', {
    cookie: adminCookie,
    body: { username, displayName: username, role, password },
  });
  if (response.status !== 201) throw new Error(`user create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return login(server, username, password);
}

/**
 * A real socket.io-client that behaves like the screens: keeps `lastSeq`, records the sync
 * messages and every event it applies in order.
 */
export class TestClient {
  readonly socket: ClientSocket;
  lastSeq = 0;
  readonly syncs: SyncMessage[] = [];
  readonly events: DomainEvent[] = [];
  private synced = false;
  private buffered: DomainEvent[] = [];

  constructor(server: TestServer, cookie: string, options: { lastSeq?: number; stream?: Stream } = {}) {
    this.lastSeq = options.lastSeq ?? 0;
    this.socket = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      auth: (callback) => callback({ protocol: PROTOCOL_VERSION, lastSeq: this.lastSeq, ...(options.stream ? { stream: options.stream } : {}) } satisfies HandshakeAuth),
    });
    this.socket.on('connect', () => {
      this.synced = false;
    });
    this.socket.on('sync', (message) => {
      this.syncs.push(message);
      if (message.kind === 'snapshot') this.lastSeq = message.seq;
      else message.events.forEach((event) => this.apply(event));
      this.synced = true;
      const pending = this.buffered;
      this.buffered = [];
      pending.forEach((event) => this.apply(event));
    });
    this.socket.on('event', (event) => {
      if (this.synced) this.apply(event);
      else this.buffered.push(event);
    });
  }

  private apply(event: DomainEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.events.push(event);
  }

  connected(): Promise<void> {
    return waitFor(() => this.synced, 'the first sync');
  }

  async reconnect(): Promise<void> {
    this.synced = false;
    this.socket.connect();
    await this.connected();
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves with the handshake error, or rejects if the socket connects. */
export function connectError(server: TestServer, options: { cookie?: string; auth?: Record<string, unknown> }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: ClientSocket = connectSocket(server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: options.cookie ? { cookie: options.cookie } : {},
      auth: options.auth ?? { protocol: PROTOCOL_VERSION },
    });
    socket.on('connect', () => {
      socket.disconnect();
      reject(new Error('connected without valid credentials'));
    });
    socket.on('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}
