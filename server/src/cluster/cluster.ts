import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { z } from 'zod';
import { FIX_SOURCES, type GuardFix } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { CommitListener, CommitNotifier } from './commit-signal.js';
import { electLeader, type Leadership } from './leadership.js';

export interface ClusterOptions {
  /** The shared PostgreSQL (the nodes' own pools come from `database`; these are dedicated sessions). */
  databaseUrl: string;
  redisUrl: string;
  /** Scopes this deployment's keys in a shared Redis: the adapter's stream and its session keys. */
  redisPrefix: string;
  /** How often a follower tries for the leader lock (ms); tests may shorten it. */
  leaderIntervalMs?: number;
}

/** The part of a node that exists only when several share one PostgreSQL. */
export interface Cluster {
  nodeId: string;
  /** The Socket.IO adapter: room broadcasts and volatile frames reach the sockets of every node. */
  adapter: ReturnType<typeof createAdapter>;
  notifier: CommitNotifier;
  listener: CommitListener;
  leadership: Leadership;
  close(): Promise<void>;
}

/** Server-side messages between nodes, through the adapter (not to any socket). */
export interface ClusterServerEvents {
  /** The latest fixes a node received (what its frames carried), so every node's latest-fix cache is current. */
  'vigil:fixes': (fixes: unknown) => void;
}

const MAX_SHARED_FIXES = 5_000;
const finiteOrNull = z.number().finite().nullable();
/** A peer's fixes are checked like any input: a bad message is dropped whole and changes nothing. */
export const SharedFixes = z
  .array(
    z.object({
      guardId: z.string().min(1).max(200),
      siteId: z.string().min(1).max(200),
      at: z.iso.datetime({ offset: true }),
      position: z.tuple([z.number().finite(), z.number().finite()]),
      floor: z.number().int(),
      accuracy: finiteOrNull,
      heading: finiteOrNull,
      speed: finiteOrNull,
      battery: finiteOrNull,
      source: z.enum(FIX_SOURCES),
    }),
  )
  .max(MAX_SHARED_FIXES);

export function parseSharedFixes(value: unknown): GuardFix[] | null {
  const parsed = SharedFixes.safeParse(value);
  return parsed.success ? (parsed.data as GuardFix[]) : null;
}

const REDIS_CONNECT_MS = 10_000;
const REDIS_QUEUE_MAX = 10_000;

/**
 * The adapter sends its pub/sub messages (server-side emits, heartbeats) without waiting for
 * them; a PUBLISH refused while Redis is away would be an unhandled rejection, which ends a Node
 * process. This hands the adapter the same client with `publish` caught; the rest is untouched.
 */
function withCaughtPublish<T extends object>(client: T, onError: (error: unknown) => void): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'publish') {
        return (...args: unknown[]) => (value.apply(target, args) as Promise<number>).catch((error: unknown) => {
          onError(error);
          return 0;
        });
      }
      return value.bind(target);
    },
  });
}

/** Connects Redis (or fails the start, naming REDIS_URL), starts the LISTEN session and the election. */
export async function startCluster(options: ClusterOptions, db: Db, log: FastifyBaseLogger, wake: () => void): Promise<Cluster> {
  const nodeId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redis = createClient({
    url: options.redisUrl,
    // Bounded: while Redis is away, broadcasts queue up to this many, then are dropped (frames
    // are volatile; events never go through Redis). The adapter catches what it awaits.
    commandsQueueMaxLength: REDIS_QUEUE_MAX,
    socket: {
      connectTimeout: 5_000,
      // Retried for ever: the adapter resumes its stream where it was once Redis is back.
      reconnectStrategy: (retries) => Math.min(100 * 2 ** Math.min(retries, 5), 3_000) + Math.floor(Math.random() * 200),
    },
  });
  let redisDown = false;
  redis.on('error', (error: unknown) => {
    if (!redisDown) log.error({ err: error }, 'Redis connection failed; frames and room broadcasts reach this node only until it is back');
    redisDown = true;
  });
  redis.on('ready', () => {
    if (redisDown) log.info('Redis connection back');
    redisDown = false;
  });
  let timeout: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer within ${REDIS_CONNECT_MS / 1000} s`)), REDIS_CONNECT_MS);
      }),
    ]);
  } catch (error) {
    redis.destroy();
    throw new Error(`REDIS_URL: cannot connect to Redis (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timeout);
  }
  const adapter = createAdapter(withCaughtPublish(redis, (error) => log.debug({ err: error }, 'Redis publish dropped')), {
    streamName: `${options.redisPrefix}:socket.io`,
    sessionKeyPrefix: `${options.redisPrefix}:sio:session:`,
    // Server-side messages and heartbeats go by pub/sub on channels with this prefix: one deployment's only.
    channelPrefix: `${options.redisPrefix}:socket.io`,
  });
  const notifier = new CommitNotifier(db, nodeId, (error) => log.warn({ err: error }, 'commit notification failed; other nodes pick the commit up at their next poll'));
  const listener = new CommitListener({
    url: options.databaseUrl,
    nodeId,
    onWake: wake,
    onState: (state, error) =>
      state === 'listening'
        ? log.info('listening for other nodes\' commits')
        : log.warn({ err: error }, 'lost the LISTEN connection; polling the log every second until it is back'),
  });
  listener.start();
  const leadership = electLeader({
    url: options.databaseUrl,
    nodeId,
    intervalMs: options.leaderIntervalMs,
    onChange: (leader) => log.info({ nodeId }, leader ? 'this node leads: it runs the scheduled duties' : 'this node no longer leads'),
    onError: (error) => log.warn({ err: error }, 'leader election connection failed; retrying'),
  });
  return {
    nodeId,
    adapter,
    notifier,
    listener,
    leadership,
    async close() {
      await leadership.close();
      await listener.close();
      await notifier.close();
      await redis.close().catch(() => redis.destroy());
    },
  };
}
