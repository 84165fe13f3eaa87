import pg from 'pg';
import { Backoff } from './backoff.js';

/** Who runs the scheduled duties (scheduler, camera health, silence checks): exactly one node at a time. */
export interface Leadership {
  isLeader(): boolean;
  /** Called with the new state on every change (and at once with the current one). Returns an unsubscribe. */
  subscribe(listener: (leader: boolean) => void): () => void;
  close(): Promise<void>;
}

/** One node: it is always the leader, as before there were several. */
export function soleLeadership(): Leadership {
  return {
    isLeader: () => true,
    subscribe: (listener) => {
      listener(true);
      return () => undefined;
    },
    close: async () => undefined,
  };
}

/** The session-level advisory lock the leader holds ("vild"); distinct from the event-log lock. */
export const LEADER_LOCK = 0x7669_6c64;

export interface ElectionOptions {
  url: string;
  /** Shown as the session's application_name (`vigil-leader <nodeId>`): who leads is one query on pg_locks away. */
  nodeId: string;
  /** How often a follower tries the lock, and the leader checks its connection (ms). */
  intervalMs?: number;
  onChange?: (leader: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * Leader election on PostgreSQL: the leader is the node whose dedicated session holds
 * `pg_try_advisory_lock(LEADER_LOCK)`. A session-level lock lives exactly as long as its
 * connection, so a leader killed with -9 frees it as soon as PostgreSQL sees the socket close
 * (at once on a LAN; the keepalives below bound a silent network loss), and a follower's next
 * try takes it. The leader checks its own connection every interval and steps down the moment
 * a check fails, before PostgreSQL (with its slower keepalives) can hand the lock on: so two
 * leaders never overlap, and the duties' own "fire once" marks in the database cover the rest.
 */
export function electLeader(options: ElectionOptions): Leadership {
  const intervalMs = options.intervalMs ?? 1_000;
  const listeners = new Set<(leader: boolean) => void>();
  const backoff = new Backoff(250, 10_000);
  let leader = false;
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const set = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    options.onChange?.(next);
    for (const listener of listeners) listener(next);
  };

  const schedule = (ms: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      timer = null;
      void round();
    }, ms);
    timer.unref();
  };

  const drop = (error?: unknown) => {
    set(false);
    if (error) options.onError?.(error);
    const lost = client;
    client = null;
    void lost?.end().catch(() => undefined);
  };

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: `vigil-leader ${options.nodeId}`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      // A check that does not answer within the interval means the link is gone: step down.
      query_timeout: Math.max(1_000, intervalMs * 2),
    });
    next.on('error', (error) => {
      if (client === next) drop(error);
    });
    next.on('end', () => {
      if (client === next) drop();
    });
    await next.connect();
    // PostgreSQL drops a silent client in ~10 s (and so frees the lock), later than this node's own check steps down.
    await next.query('set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3');
    return next;
  }

  async function round(): Promise<void> {
    if (closed) return;
    try {
      client ??= await connect();
      if (closed) return;
      if (leader) {
        await client.query('select 1');
      } else {
        const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [LEADER_LOCK]);
        if (closed) return;
        set(result.rows[0]?.locked === true);
      }
      backoff.reset();
      schedule(intervalMs);
    } catch (error) {
      drop(error);
      schedule(backoff.next());
    }
  }

  void round();

  return {
    isLeader: () => leader,
    subscribe(listener) {
      listeners.add(listener);
      listener(leader);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      set(false);
      const last = client;
      client = null;
      // Ending the session frees the lock for the next node now, not at its keepalive.
      await last?.end().catch(() => undefined);
    },
  };
}
