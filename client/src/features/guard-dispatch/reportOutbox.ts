import type { TextParams } from '@vigil/shared';
import { ApiError } from '../../lib/http';
import { retryDelay } from '../guard-phone/sosOutbox';
import type { ReportStore } from './reportStore';

/**
 * Where a pressed report is, as for the SOS and the answers: `waiting` for signal (or to be
 * tried again), `sending`, `sent` (the server answered 2xx: it is on the incident's timeline),
 * `failed` (refused several times in a row: the guard is told why, and to use the radio).
 */
export type ReportPhase = 'waiting' | 'sending' | 'sent' | 'failed';

/** A refusal as the server gave it, rendered in the screen's language when shown (describeError). */
export interface ReportRefusal {
  code: string;
  message: string;
  params: TextParams;
  /** The HTTP status, when the server answered. */
  status?: number;
}

export interface QueuedReport {
  /** Made once at the press: every retry is the same report, filed once by the server. */
  commandId: string;
  dispatchId: string;
  note: string;
  /** The photo's size, or null without one; its bytes are kept apart (ReportStore). */
  photoBytes: number | null;
  pressedAt: string;
  phase: ReportPhase;
  attempts: number;
  /** Refusals in a row (no signal, timeouts and 5xx do not count). */
  refusals: number;
  sentAt?: string;
  error?: ReportRefusal;
}

/** `offline`, `transient`: tried again until it goes; `refused`: counts towards MAX_REPORT_REFUSALS. */
export type ReportOutcome = { ok: true } | { ok: false; kind: 'offline' | 'transient' | 'refused'; error: ReportRefusal };

export type PressResult = { ok: true; commandId: string } | { ok: false; reason: 'tooMany' | 'tooBig' | 'storage' | 'closed' };

export interface ReportOutboxDeps {
  send: (report: QueuedReport, photo: Blob | null) => Promise<ReportOutcome>;
  /** False while the phone knows it has no signal (no socket and `navigator.onLine` false). */
  canTry: () => boolean;
  newId: () => string;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** At most this many reports held on the phone at once (waiting, sending or failed). */
export const MAX_QUEUED_REPORTS = 10;
/** And at most this many bytes of them (photos and notes): a phone's IndexedDB is not the guard's to fill. */
export const MAX_QUEUED_BYTES = 20 * 1024 * 1024;
/** Refusals in a row after which a report is given up and shown as failed. */
export const MAX_REPORT_REFUSALS = 3;
/** An upload with no answer after this long is taken as lost and tried again (same command id). */
export const REPORT_SEND_TIMEOUT_MS = 60_000;
/** Sent reports kept to show "sent at HH:MM" (the newest; their photos are deleted at once). */
const KEEP_SENT = 5;

const isHeld = (report: QueuedReport) => report.phase !== 'sent';
export const reportSize = (report: Pick<QueuedReport, 'note' | 'photoBytes'>) => (report.photoBytes ?? 0) + new Blob([report.note]).size;

/** A failed send as the outbox takes it: no signal, worth another try, or the server saying no. */
export function outcomeOfError(error: unknown): ReportOutcome {
  if (!(error instanceof ApiError)) return { ok: false, kind: 'transient', error: { code: 'client', message: String(error), params: {} } };
  const refusal: ReportRefusal = { code: error.code, message: error.message, params: error.params, status: error.status };
  if (error.status === 0) return { ok: false, kind: 'offline', error: refusal };
  // A timeout, too many requests, the server's own trouble; and an ended session, which a new sign-in mends.
  if (error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429) return { ok: false, kind: 'transient', error: refusal };
  return { ok: false, kind: 'refused', error: refusal };
}

/**
 * The phone's outbox of dispatch reports (a note, a photo). Like the answer outbox, a report is
 * kept from the press until the server's 2xx, here in IndexedDB (ReportStore: photos are too big
 * for localStorage), and sent again with backoff until then, one at a time in the order pressed,
 * with the command id made at the press (the server files a retried report once). Bounded by
 * count and bytes: a press beyond them is refused, and said so, not dropped later.
 */
export class ReportOutbox {
  private reports: QueuedReport[] = [];
  private timer: unknown = null;
  private inFlight: string | null = null;
  private disposed = false;
  /** Every write to the store, in order: the last one written is the newest state. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(reports: readonly QueuedReport[]) => void>();
  private readonly now: () => Date;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  /** Resolved once the reports kept from before this page are loaded. */
  readonly ready: Promise<void>;

  constructor(
    private readonly store: ReportStore,
    private readonly deps: ReportOutboxDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    this.ready = this.chain(async () => {
      const loaded = await store.loadQueue().catch(() => []);
      if (this.disposed) return;
      // One on its way when the page went away may not have arrived: it waits to be sent again.
      this.reports = loaded.map((report) => (report.phase === 'sending' ? { ...report, phase: 'waiting' } : report));
      this.notify();
      await store.prunePhotos(this.reports.filter(isHeld).map((report) => report.commandId)).catch(() => undefined);
    }).then(() => this.pump());
  }

  get current(): readonly QueuedReport[] {
    return this.reports;
  }

  subscribe(listener: (reports: readonly QueuedReport[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The guard pressed send: kept (written to the store) before this resolves, or refused and why. */
  press(dispatchId: string, note: string, photo: Blob | null): Promise<PressResult> {
    return this.chain(async (): Promise<PressResult> => {
      if (this.disposed) return { ok: false, reason: 'closed' };
      const held = this.reports.filter(isHeld);
      const report: QueuedReport = {
        commandId: this.deps.newId(),
        dispatchId,
        note,
        photoBytes: photo ? photo.size : null,
        pressedAt: this.now().toISOString(),
        phase: 'waiting',
        attempts: 0,
        refusals: 0,
      };
      if (held.length >= MAX_QUEUED_REPORTS) return { ok: false, reason: 'tooMany' };
      if (held.reduce((sum, other) => sum + reportSize(other), 0) + reportSize(report) > MAX_QUEUED_BYTES) return { ok: false, reason: 'tooBig' };
      const next = [...this.reports, report];
      try {
        await this.store.saveQueue(next, photo ? { commandId: report.commandId, blob: photo } : undefined);
      } catch {
        // The phone's storage is full or denied: said so now, not lost with the next reload.
        return { ok: false, reason: 'storage' };
      }
      this.reports = next;
      this.notify();
      queueMicrotask(() => this.pump());
      return { ok: true, commandId: report.commandId };
    });
  }

  /** The link came back, or the page opened: send what waits. */
  wake(): void {
    this.pump();
  }

  /** A failed report tried again (same command id). */
  retry(commandId: string): void {
    this.update(this.reports.map((report) => (report.commandId === commandId && report.phase === 'failed' ? { ...report, phase: 'waiting', refusals: 0 } : report)));
    this.pump();
  }

  /**
   * A report waiting (or failed) that the guard takes back: forgotten with its photo. One being
   * sent cannot be: it may already be on the server.
   */
  discard(commandId: string): boolean {
    const report = this.reports.find((other) => other.commandId === commandId);
    if (!report || (report.phase !== 'waiting' && report.phase !== 'failed')) return false;
    this.update(this.reports.filter((other) => other.commandId !== commandId));
    void this.chain(() => this.store.deletePhotos([commandId]));
    this.pump();
    return true;
  }

  /** Sign-out: every report of this user forgotten, on the phone too, and nothing sent after. */
  async forgetAll(): Promise<void> {
    this.dispose();
    this.reports = [];
    await this.chain(() => this.store.clear());
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  private pump(): void {
    if (this.disposed || this.inFlight !== null) return;
    const next = this.reports.find((report) => report.phase === 'waiting');
    if (!next) return;
    this.cancelTimer();
    if (!this.deps.canTry()) {
      // Tried when the link comes back (wake), and now and then meanwhile.
      this.schedule(retryDelay(next.attempts + 1));
      return;
    }
    const sending: QueuedReport = { ...next, phase: 'sending', attempts: next.attempts + 1 };
    this.replace(sending);
    this.inFlight = sending.commandId;
    void this.attempt(sending).then((outcome) => {
      if (this.inFlight === sending.commandId) this.inFlight = null;
      if (this.disposed) return;
      const still = this.reports.find((report) => report.commandId === sending.commandId);
      if (still?.phase === 'sending') this.settle(still, outcome);
      else this.pump();
    });
  }

  /** One try: the photo read back from the store, sent, with no answer after REPORT_SEND_TIMEOUT_MS taken as lost. */
  private async attempt(report: QueuedReport): Promise<ReportOutcome> {
    let photo: Blob | null = null;
    if (report.photoBytes !== null) {
      photo = await this.store.loadPhoto(report.commandId).catch(() => null);
      // The browser evicted it (or the store broke): sending the note alone would say less than the guard did.
      if (!photo) return { ok: false, kind: 'refused', error: { code: 'photo_lost', message: 'the photo is no longer on this phone', params: {} } };
    }
    let timer: unknown = null;
    const timedOut = new Promise<ReportOutcome>((resolve) => {
      timer = this.setTimer(() => resolve({ ok: false, kind: 'transient', error: { code: 'timeout', message: 'no answer in time', params: {} } }), REPORT_SEND_TIMEOUT_MS);
    });
    const sent = this.deps.send(report, photo).catch((error: unknown) => outcomeOfError(error));
    return Promise.race([sent, timedOut]).finally(() => this.clearTimer(timer));
  }

  private settle(report: QueuedReport, outcome: ReportOutcome): void {
    if (outcome.ok) {
      const { commandId, dispatchId, note, photoBytes, pressedAt, attempts } = report;
      const sent: QueuedReport = { commandId, dispatchId, note, photoBytes, pressedAt, attempts, phase: 'sent', refusals: 0, sentAt: this.now().toISOString() };
      this.update(keepNewestSent(this.reports.map((other) => (other.commandId === commandId ? sent : other))));
      if (report.photoBytes !== null) void this.chain(() => this.store.deletePhotos([report.commandId]));
      this.pump();
      return;
    }
    if (outcome.kind !== 'refused') {
      this.replace({ ...report, phase: 'waiting' });
      this.schedule(retryDelay(report.attempts));
      return;
    }
    const refusals = report.refusals + 1;
    // A photo gone cannot come back: no point asking again.
    if (refusals >= MAX_REPORT_REFUSALS || outcome.error.code === 'photo_lost') {
      this.replace({ ...report, phase: 'failed', refusals, error: outcome.error });
      this.pump();
      return;
    }
    this.replace({ ...report, phase: 'waiting', refusals, error: outcome.error });
    this.schedule(retryDelay(report.attempts));
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.pump();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private replace(changed: QueuedReport): void {
    this.update(this.reports.map((report) => (report.commandId === changed.commandId ? changed : report)));
  }

  private update(reports: QueuedReport[]): void {
    if (this.disposed) return;
    this.reports = reports;
    this.notify();
    // Writes what is current when its turn comes, so a later change is never overwritten by an earlier one.
    void this.chain(() => (this.disposed ? Promise.resolve() : this.store.saveQueue(this.reports)));
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.reports);
  }

  private chain<T>(write: () => Promise<T>): Promise<T> {
    const done = this.writes.then(write);
    this.writes = done.catch(() => undefined);
    return done;
  }
}

function keepNewestSent(reports: QueuedReport[]): QueuedReport[] {
  const sent = reports.filter((report) => report.phase === 'sent').map((report) => report.commandId);
  const keep = new Set(sent.slice(-KEEP_SENT));
  return reports.filter((report) => report.phase !== 'sent' || keep.has(report.commandId));
}
