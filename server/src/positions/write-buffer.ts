import type { Db } from '../db/client.js';
import { HttpError } from '../lib/http-error.js';
import { insertPositions, type PositionRow } from '../repositories/positions.repository.js';

export const FLUSH_EVERY_MS = 500;
export const BATCH_ROWS = 500;
/** Past this many unwritten rows new ones are refused (the database is down or far too slow). */
const MAX_PENDING_ROWS = 100_000;

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
 * Buffers position rows and writes them in multi-row inserts, every ≤500 ms or ≤500 rows,
 * one insert in flight at a time. `add` resolves once its rows are written, telling how many
 * were new and how many were already stored (same guard, same instant).
 */
export class PositionWriteBuffer {
  private rows: PositionRow[] = [];
  private parts: Part[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  get pending(): number {
    return this.rows.length;
  }

  add(rows: PositionRow[]): Promise<{ stored: number; duplicates: number }> {
    if (this.rows.length + rows.length > MAX_PENDING_ROWS) {
      return Promise.reject(new HttpError(503, 'unavailable', 'positions: the write buffer is full; try again shortly'));
    }
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    const promise = new Promise<{ stored: number; duplicates: number }>((resolve, reject) => {
      const request: Request = { total: rows.length, done: 0, stored: 0, failed: false, resolve, reject };
      this.parts.push({ request, keys: rows.map((row) => keyOf(row.guardId, row.at)) });
    });
    this.rows.push(...rows);
    if (this.rows.length >= BATCH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    return promise;
  }

  /** Writes everything buffered so far; resolves when it is written (or failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing;
    if (this.rows.length === 0) return;
    this.flushing = this.writeAll().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async writeAll(): Promise<void> {
    while (this.rows.length > 0) {
      const batch = this.rows.splice(0, BATCH_ROWS);
      const parts = this.takeParts(batch.length);
      try {
        const inserted = await insertPositions(this.db, batch);
        settle(parts, new Set(inserted.map((row) => keyOf(row.guardId, row.at))));
      } catch (error) {
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
