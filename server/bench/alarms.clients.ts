/**
 * The measuring side of the alarm bench, in its own process (forked by alarms.bench.ts): N
 * socket.io clients standing in for the screens, and the sender standing in for the integration
 * (HTTP POSTs for Vigil, a socket emit for the bare baseline). It takes every end-to-end time
 * itself, on one clock: just before each send, and on each receipt.
 *
 * Protocol (see alarms.protocol.ts): config as argv[2] → connect, warm-up → `warmed` → wait for
 * `go` → measured run → `done` → wait for `close` → disconnect, exit 0. Any error → `failed`, exit 1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AlarmIngestBody, type ClientToServerEvents, type DomainEvent, type HandshakeAuth, type ServerToClientEvents } from '@vigil/shared';
import {
  clock, isMessage, keyOfEvent, markUsage, MESSAGE_PREFIX, parseKey, phaseKey, PHASES, usageSince,
  type BareClientEvents, type BareServerEvents, type ChildMessage, type ClientsConfig, type ParentMessage, type PhaseName, type PhaseRecord,
} from './alarms.protocol.js';

type VigilSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type BareSocket = Socket<BareServerEvents, BareClientEvents>;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('alarms.clients.ts runs only as a child of alarms.bench.ts'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

// Messages from the parent, queued until asked for.
const inbox: ParentMessage[] = [];
let wake: (() => void) | undefined;
process.on('message', (message: unknown) => {
  if (isMessage<ParentMessage>(message)) inbox.push(message);
  wake?.();
});
// The parent went away (crashed, or killed): nothing left to report to.
process.on('disconnect', () => process.exit(1));

/** An error with its cause (undici's "fetch failed" says why only there: a reset, a refused connection, a timeout). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${[cause.code, cause.message].filter(Boolean).join(': ')})` : error.message;
}

async function receive<T extends ParentMessage['type']>(type: T): Promise<Extract<ParentMessage, { type: T }>> {
  for (;;) {
    const message = inbox.shift();
    if (message?.type === type) return message as Extract<ParentMessage, { type: T }>;
    if (message) throw new Error(`expected '${type}' from the bench, got '${message.type}'`);
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One timed burst of messages: when each was sent and when each client first received it. */
class Phase {
  readonly sentAt: Float64Array;
  readonly receivedAt: Float64Array;
  readonly responses: number[] = [];
  readonly sendLag: number[] = [];
  failures = 0;
  firstFailure = '';
  private received = 0;
  private onComplete: (() => void) | undefined;

  constructor(readonly phase: PhaseName, readonly total: number, readonly clients: number) {
    this.sentAt = new Float64Array(total).fill(Number.NaN);
    this.receivedAt = new Float64Array(total * clients).fill(Number.NaN);
  }

  receive(index: number, client: number, now: number): void {
    const slot = index * this.clients + client;
    if (!Number.isNaN(this.receivedAt[slot] ?? 0)) return;
    this.receivedAt[slot] = now;
    this.received += 1;
    if (this.complete) this.onComplete?.();
  }

  fail(reason: string): void {
    this.failures += 1;
    this.firstFailure ||= reason.slice(0, 200);
  }

  get complete(): boolean {
    return this.received === this.total * this.clients;
  }

  /** Resolves when every client has every message, or after `ms`, whichever comes first. */
  async drained(ms: number): Promise<void> {
    if (this.complete) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.onComplete = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.onComplete = undefined;
  }

  record(): PhaseRecord {
    const { phase, total, clients, sentAt, receivedAt, responses, sendLag, failures, firstFailure } = this;
    return { phase, total, clients, sentAt, receivedAt, responses, sendLag, failures, firstFailure };
  }
}

/** Sends `total` messages at `rate` per second by the clock, not back-to-back, then waits for delivery. */
async function drive(phase: Phase, config: ClientsConfig, sendOne: (index: number) => Promise<void>): Promise<void> {
  const start = clock();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < phase.total; index += 1) {
    const due = start + (index * 1000) / config.rate;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    phase.sendLag.push(clock() - due);
    pending.push(sendOne(index).catch((error: unknown) => phase.fail(describeFailure(error))));
  }
  await Promise.all(pending);
  await phase.drained(config.drainTimeoutMs);
}

interface Target {
  /** Sends message `index` of `phase`, recording `sentAt` just before it leaves. */
  send: (phase: Phase, index: number) => Promise<void>;
  sample: () => DomainEvent | null;
  close: () => void;
}

async function openVigil(config: Extract<ClientsConfig, { target: 'vigil' }>, onReceipt: (key: string, client: number, now: number) => void): Promise<Target> {
  const sockets: VigilSocket[] = [];
  let sample: DomainEvent | null = null;
  const synced = Array.from({ length: config.clients }, (_, client) => new Promise<void>((resolve, reject) => {
    const socket: VigilSocket = connect(config.url, {
      transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: config.cookie },
      auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } satisfies HandshakeAuth,
    });
    sockets.push(socket);
    socket.on('event', (event) => {
      const now = clock();
      const key = keyOfEvent(event);
      if (key === undefined) return;
      onReceipt(key, client, now);
      sample ??= event;
    });
    socket.once('sync', () => resolve());
    socket.once('connect_error', reject);
  }));
  const close = () => sockets.forEach((socket) => socket.disconnect());
  try {
    await withTimeout(Promise.all(synced), config.connectTimeoutMs, `${config.clients} syncs`);
  } catch (error) {
    close();
    throw error;
  }
  const alarms = `${config.url}/api/v1/alarms`;
  return {
    async send(phase, index) {
      const key = phaseKey(phase.phase, index);
      const body: AlarmIngestBody = {
        source: { externalId: `bench-${key}` }, siteId: 'test', kind: 'intrusion', priority: 2,
        message: `${MESSAGE_PREFIX}${key}`,
      };
      const t0 = clock();
      phase.sentAt[index] = t0;
      const response = await fetch(alarms, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      phase.responses.push(clock() - t0);
      if (response.status !== 201) phase.fail(`${response.status} ${text}`);
    },
    sample: () => sample,
    close,
  };
}

async function openBare(config: Extract<ClientsConfig, { target: 'bare' }>, onReceipt: (key: string, client: number, now: number) => void): Promise<Target> {
  const sockets: BareSocket[] = [];
  const open = (onTick?: (key: string, now: number) => void) => new Promise<BareSocket>((resolve, reject) => {
    const socket: BareSocket = connect(config.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    if (onTick) socket.on('tick', (tick) => onTick(tick.key, clock()));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
  const close = () => sockets.forEach((socket) => socket.disconnect());
  let trigger: BareSocket;
  try {
    const receivers = Array.from({ length: config.clients }, (_, client) => open((key, now) => onReceipt(key, client, now)));
    await withTimeout(Promise.all(receivers), config.connectTimeoutMs, `${config.clients} bare clients`);
    trigger = await withTimeout(open(), config.connectTimeoutMs, 'the bare trigger client');
  } catch (error) {
    close();
    throw error;
  }
  return {
    async send(phase, index) {
      phase.sentAt[index] = clock();
      trigger.emit('trigger', { key: phaseKey(phase.phase, index), event: config.sample });
    },
    sample: () => config.sample,
    close,
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? 'null') as ClientsConfig | null;
  if (!config) throw new Error('usage: alarms.clients.ts <config JSON> (started by alarms.bench.ts)');
  const phases = Object.fromEntries(PHASES.map((name) => [name, new Phase(name, config.totals[name], config.clients)])) as Record<PhaseName, Phase>;
  const onReceipt = (key: string, client: number, now: number) => {
    const tag = parseKey(key, config.totals);
    if (tag) phases[tag.phase].receive(tag.index, client, now);
  };
  const target = config.target === 'vigil' ? await openVigil(config, onReceipt) : await openBare(config, onReceipt);
  try {
    await drive(phases.warm, config, (index) => target.send(phases.warm, index));
    await send({ type: 'warmed', memory: process.memoryUsage() });
    await receive('go');
    const mark = markUsage();
    await drive(phases.run, config, (index) => target.send(phases.run, index));
    const usage = usageSince(mark);
    await send({ type: 'done', warm: phases.warm.record(), run: phases.run.record(), sample: target.sample(), memory: process.memoryUsage(), usage });
    await receive('close');
  } finally {
    target.close();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ type: 'failed', message }).catch(() => process.stderr.write(`bench clients failed: ${message}\n`));
    process.exit(1);
  },
);
