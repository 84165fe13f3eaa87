import type { PhoneFix } from '@vigil/shared';
import { localStored, memoryStored, type Stored } from './phoneStorage';

/** Where the queue lives between page loads (localStorage on the phone, memory in tests). */
export type FixStorage = Stored<readonly PhoneFix[]>;

/** What the server said to one batch: `timedOut` (or no connection) means it may not have arrived. */
export type ReportOutcome = { ok: true; accepted: number; duplicates: number } | { ok: false; error: string; timedOut?: boolean };
export type Report = (fixes: PhoneFix[]) => Promise<ReportOutcome>;

export interface FlushResult {
  sent: number;
  /** Why it stopped before the queue was empty: not acknowledged in time, or refused. */
  stoppedBy: 'timeout' | 'rejected' | null;
}

export const BATCH_SIZE = 50;
/** About three hours at one fix every second; past that the oldest fixes go first. */
export const MAX_QUEUED = 10_000;
/** A batch the server refuses this many times in a row (bad data, not a bad link) is dropped. */
export const MAX_REJECTIONS = 3;

/**
 * The phone's fixes in the order taken, kept until the server has acknowledged them. Every fix
 * goes through the queue, online or not, so the order is one order and a flush after a reconnect
 * is the same code as a live report. Fixes leave the queue only after an ack (accepted or
 * duplicate): a timed-out batch is sent again, and its phone-made ids make the resend harmless.
 */
export class FixQueue {
  private fixes: PhoneFix[];
  private flushing: Promise<FlushResult> | null = null;
  private rejections = 0;

  constructor(
    private readonly storage: FixStorage,
    private readonly batchSize = BATCH_SIZE,
  ) {
    this.fixes = storage.load().slice();
  }

  get length(): number {
    return this.fixes.length;
  }

  /** A copy, oldest first. */
  snapshot(): PhoneFix[] {
    return this.fixes.slice();
  }

  add(fix: PhoneFix): void {
    if (this.fixes.some((queued) => queued.id === fix.id)) return;
    this.fixes.push(fix);
    if (this.fixes.length > MAX_QUEUED) this.fixes.splice(0, this.fixes.length - MAX_QUEUED);
    this.storage.save(this.fixes.slice());
  }

  /** Sends the queue in order, one batch at a time; a flush already running is joined, not doubled. */
  flush(report: Report): Promise<FlushResult> {
    this.flushing ??= this.sendAll(report).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendAll(report: Report): Promise<FlushResult> {
    let sent = 0;
    while (this.fixes.length > 0) {
      const batch = this.fixes.slice(0, this.batchSize);
      let outcome: ReportOutcome;
      try {
        outcome = await report(batch);
      } catch (error) {
        outcome = { ok: false, error: String(error), timedOut: true };
      }
      if (!outcome.ok && outcome.timedOut) return { sent, stoppedBy: 'timeout' };
      if (!outcome.ok) {
        this.rejections += 1;
        if (this.rejections < MAX_REJECTIONS) return { sent, stoppedBy: 'rejected' };
      }
      this.rejections = 0;
      this.remove(batch);
      sent += batch.length;
    }
    return { sent, stoppedBy: null };
  }

  private remove(batch: readonly PhoneFix[]): void {
    const ids = new Set(batch.map((fix) => fix.id));
    this.fixes = this.fixes.filter((fix) => !ids.has(fix.id));
    this.storage.save(this.fixes.slice());
  }
}

export function memoryStorage(initial: PhoneFix[] = []): FixStorage & { saved: readonly PhoneFix[] } {
  return memoryStored<readonly PhoneFix[]>(initial.slice());
}

/** One queue per user on this phone, surviving reloads. */
export function localStorageFor(userId: string): FixStorage {
  return localStored<readonly PhoneFix[]>(`vigil.fixQueue.${userId}`, [], (value): value is PhoneFix[] => Array.isArray(value));
}
