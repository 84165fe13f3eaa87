import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { Backoff } from './backoff.js';

/** One channel per database: every node of one deployment shares its database, so nothing else is needed to scope it. */
export const COMMIT_CHANNEL = 'vigil_commits';

/**
 * "The log has grown": a NOTIFY after each commit that appended events, so every other node
 * reads the log at once instead of at its next poll. The payload is a hint (this node's id and
 * the last seq); a reader always reads the log itself, so a lost or coalesced notification
 * costs latency, never an event. Sends are coalesced: one in flight, at most one more queued
 * with the highest seq, so a burst of commits costs a couple of NOTIFYs, not one each (NOTIFY
 * takes a lock at commit that every notifying transaction shares).
 */
export class CommitNotifier {
  private inFlight: Promise<void> | null = null;
  private queuedSeq = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly nodeId: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  committed(seq: number): void {
    if (this.closed) return;
    this.queuedSeq = Math.max(this.queuedSeq, seq);
    if (!this.inFlight) this.inFlight = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queuedSeq > 0 && !this.closed) {
        const seq = this.queuedSeq;
        this.queuedSeq = 0;
        try {
          await this.db.execute(sql`select pg_notify(${COMMIT_CHANNEL}, ${`${this.nodeId} ${seq}`})`);
        } catch (error) {
          // The other nodes' safety poll picks the commit up; the next commit notifies again.
          this.onError(error);
        }
      }
    } finally {
      this.inFlight = null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.inFlight;
  }
}

export interface CommitListenerOptions {
  url: string;
  nodeId: string;
  /** Another node committed (or the LISTEN connection came back: something may have been missed). */
  onWake: () => void;
  onState?: (state: 'listening' | 'lost', error?: unknown) => void;
  connectTimeoutMs?: number;
}

/**
 * A dedicated connection that LISTENs for commits of other nodes (a pooled one would be handed
 * back and stop listening). Lost, it reconnects with backoff and wakes once on return, since
 * notifications sent while it was away are gone. `listening` is false meanwhile: the caller
 * polls faster then.
 */
export class CommitListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff = new Backoff(250, 10_000);
  private closed = false;
  listening = false;

  constructor(private readonly options: CommitListenerOptions) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.url, application_name: `vigil-listen ${this.options.nodeId}`.slice(0, 63), keepAlive: true, connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5_000 });
    this.client = client;
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      this.listening = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.onState?.('lost', error);
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== COMMIT_CHANNEL) return;
      // This node's own commits reach its broadcaster directly.
      if (message.payload?.startsWith(`${this.options.nodeId} `)) return;
      this.options.onWake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (this.closed || lost) return;
    this.listening = true;
    this.backoff.reset();
    this.options.onState?.('listening');
    this.options.onWake();
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.backoff.next());
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.timer) clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }
}
