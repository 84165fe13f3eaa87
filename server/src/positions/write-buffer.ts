import type { Db } from '../db/client.js';
import { HttpError } from '../lib/http-error.js';
import { insertPositions, type PositionRow } from '../repositories/positions.repository.js';

/**
 * How long the first row waits for company before its insert starts. A tracker's 200 waits for
 * its row to be written, and a tracker sends its next fix only after that answer: a long wait
 * here caps a fleet at (trackers / wait) fixes a second (500 ms: 1,000 trackers, 2,000/s). Under
 * load the batches grow by themselves, from what arrives while the previous insert is in flight.
 */
export const FLUSH_EVERY_MS = 10;
/**
 * Inserts in flight at once (each on its own pool connection): while one commits, the next is
 * already on its way, so a fleet's round trip is not one insert after another.
 */
export const WRITERS = 2;
/** A write starts once this many rows wait (or FLUSH_EVERY_MS after the first). */
export const FLUSH_ROWS = 500;
/** The most rows one INSERT carries: what piled up while the previous one was in flight, up to this. */
export const BATCH_ROWS = 2_000;
/**
 * Past this many unwritten rows (buffered and in flight) new ones are refused with a 503 and
 * Retry-After, before the lane acts on them: the database is down or far too slow, and a
 * tracker keeps a refused fix and sends it again. Bounded so memory and ack latency stay bounded.
 */
export const MAX_PENDING_ROWS = 20_000;
export const FULL_RETRY_AFTER_SECONDS = 1;

/** The 503 a fix gets when the buffer is full: nothing of it was kept. */
export const bufferFull = () =>
  new HttpError(503, 'unavailable', 'positions: the write buffer is full; try again shortly', {}, undefined, {
    'retry-after': String(FULL_RETRY_AFTER_SECONDS),
  });

/** One `add` call; its rows may be written across several batches. */
interface Request {
  total: number;
  done: number;
  stored: number;
  failed: boolean;
  resolve: (result: { stored: number; duplicates: number }) => void;
  reject: (error: unknown) => void;
}

/** The rows of one request that sit in the buffer, in buffer order. */
interface Part {
  request: Request;
  keys: string[];
}

const keyOf = (guardId: string, at: Date) => `${guardId}|${at.getTime()}`;

/**
 * Buffers position rows and writes them in multi-row inserts (≤2,000 rows), 10 ms after the
 * first row or once 500 rows wait, at most WRITERS inserts in flight (group commit: a writer's
 * next insert takes all that arrived meanwhile). At most MAX_PENDING_ROWS buffered and in
 * flight; `add` throws past it. `add` resolves once its rows are written, telling how many were
 * new and how many were already stored (same guard, same instant).
 */
export class PositionWriteBuffer {
  private rows: PositionRow[] = [];
  private parts: Part[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writers = new Set<Promise<void>>();
  /** Inserts written so far, their rows and time (the bench and tests read them). */
  readonly stats = { inserts: 0, rows: 0, ms: 0 };
  /** Rows of the inserts in flight. */
  private writing = 0;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Rows not yet written: buffered and in flight. */
  get pending(): number {
    return this.rows.length + this.writing;
  }

  /** Whether `count` more rows fit now. */
  hasRoom(count: number): boolean {
    return this.pending + count <= MAX_PENDING_ROWS;
  }

  /** Throws (synchronously) the 503 of `bufferFull` when the rows do not fit: none of them is kept. */
  add(rows: PositionRow[]): Promise<{ stored: number; duplicates: number }> {
    if (!this.hasRoom(rows.length)) throw bufferFull();
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    const promise = new Promise<{ stored: number; duplicates: number }>((resolve, reject) => {
      const request: Request = { total: rows.length, done: 0, stored: 0, failed: false, resolve, reject };
      this.parts.push({ request, keys: rows.map((row) => keyOf(row.guardId, row.at)) });
    });
    for (const row of rows) this.rows.push(row);
    // A writer busy with a batch takes these next; otherwise they wait a moment for company.
    if (this.writers.size > 0 && this.writers.size >= WRITERS) return promise;
    if (this.rows.length >= FLUSH_ROWS) this.startWriters();
    else this.timer ??= setTimeout(() => {
      this.timer = null;
      this.startWriters();
    }, FLUSH_EVERY_MS);
    return promise;
  }

  /** Writes everything buffered so far; resolves when it is written (or failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.startWriters();
    while (this.writers.size > 0) await Promise.all([...this.writers]);
  }

  private startWriters(): void {
    while (this.writers.size < WRITERS && this.rows.length > 0) {
      const writer: Promise<void> = this.writeAll().finally(() => this.writers.delete(writer));
      this.writers.add(writer);
    }
  }

  /** One writer: batches from the head of the buffer until it is empty. */
  private async writeAll(): Promise<void> {
    while (this.rows.length > 0) {
      const batch = this.rows.splice(0, BATCH_ROWS);
      const parts = this.takeParts(batch.length);
      this.writing += batch.length;
      const started = performance.now();
      try {
        const inserted = await insertPositions(this.db, batch);
        this.writing -= batch.length;
        this.stats.inserts += 1;
        this.stats.rows += batch.length;
        this.stats.ms += performance.now() - started;
        settle(parts, new Set(inserted.map((row) => keyOf(row.guardId, row.at))));
      } catch (error) {
        this.writing -= batch.length;
        this.onError(error);
        for (const { request } of parts) {
          if (request.failed) continue;
          request.failed = true;
          request.reject(error);
        }
      }
    }
  }

  /** The parts whose rows are the next `n` rows; a part that straddles the cut is split. */
  private takeParts(n: number): Part[] {
    const taken: Part[] = [];
    let left = n;
    while (left > 0 && this.parts.length > 0) {
      const part = this.parts[0]!;
      if (part.keys.length <= left) {
        taken.push(this.parts.shift()!);
        left -= part.keys.length;
      } else {
        taken.push({ request: part.request, keys: part.keys.slice(0, left) });
        part.keys = part.keys.slice(left);
        left = 0;
      }
    }
    return taken;
  }
}

function settle(parts: Part[], inserted: Set<string>): void {
  for (const { request, keys } of parts) {
    for (const key of keys) {
      // One stored row answers one claimant: a fix twice in one batch counts once as stored.
      if (inserted.delete(key)) request.stored += 1;
      request.done += 1;
    }
    if (request.done === request.total && !request.failed) {
      request.resolve({ stored: request.stored, duplicates: request.total - request.stored });
    }
  }
}
