import type { CheckinMethod } from '@vigil/shared';
import { retryDelay } from '../guard-phone/sosOutbox';
import { localStored, type Stored } from '../guard-phone/phoneStorage';
import { outcomeOfError, type ReportOutcome, type ReportRefusal } from '../guard-dispatch/reportOutbox';

/**
 * The phone's queue of patrol check-ins. A scan is kept (localStorage, surviving a reload) from
 * the moment it is made until the server's 2xx, with the time of the scan and an id made then:
 * flushed once or five times, the server counts it once (the id is the check-in's `clientId`).
 * Sent one at a time in scan order, again with backoff (the SOS outbox's) while there is no
 * signal; a refusal (already checked in, not on this tour) is final and shown, not retried.
 */

export type CheckinPhase = 'waiting' | 'sending' | 'sent' | 'failed';

export interface QueuedCheckin {
  clientId: string;
  tourId: string;
  method: CheckinMethod;
  deviceId?: string;
  qrText?: string;
  nfcTagId?: string;
  scannedAt: string;
  phase: CheckinPhase;
  attempts: number;
  flagged?: boolean;
  error?: ReportRefusal;
}

export interface CheckinOutboxDeps {
  send: (checkin: QueuedCheckin) => Promise<{ flagged: boolean }>;
  canTry: () => boolean;
  newId: () => string;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** At most this many check-ins held (a night of patrols offline); the oldest sent ones go first. */
export const MAX_QUEUED_CHECKINS = 100;
const KEEP_SENT = 20;

type Sent = { ok: true; flagged: boolean };

export type ScanInput = Pick<QueuedCheckin, 'tourId' | 'method' | 'deviceId' | 'qrText' | 'nfcTagId'>;

export class CheckinOutbox {
  private items: QueuedCheckin[];
  private timer: unknown = null;
  private inFlight = false;
  private readonly listeners = new Set<(items: readonly QueuedCheckin[]) => void>();
  private readonly now: () => Date;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly storage: Stored<QueuedCheckin[]>,
    private readonly deps: CheckinOutboxDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    // One on its way when the page went away may not have arrived: it is sent again (same id).
    this.items = storage.load().map((item) => (item.phase === 'sending' ? { ...item, phase: 'waiting' } : item));
  }

  get current(): readonly QueuedCheckin[] {
    return this.items;
  }

  get pending(): number {
    return this.items.filter((item) => item.phase === 'waiting' || item.phase === 'sending').length;
  }

  subscribe(listener: (items: readonly QueuedCheckin[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A scan: queued with its time now, sent at once when there is signal. False when the queue is full. */
  scan(input: ScanInput): boolean {
    const held = this.items.filter((item) => item.phase !== 'sent');
    if (held.length >= MAX_QUEUED_CHECKINS) return false;
    const item: QueuedCheckin = { ...input, clientId: this.deps.newId(), scannedAt: this.now().toISOString(), phase: 'waiting', attempts: 0 };
    this.update([...this.items, item]);
    this.attempt();
    return true;
  }

  /** The link came back, the page opened: send what waits. */
  wake(): void {
    this.attempt();
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private attempt(): void {
    if (this.inFlight) return;
    const next = this.items.find((item) => item.phase === 'waiting');
    if (!next) return;
    this.cancelTimer();
    if (!this.deps.canTry()) {
      this.schedule(retryDelay(next.attempts + 1));
      return;
    }
    const sending: QueuedCheckin = { ...next, phase: 'sending', attempts: next.attempts + 1 };
    this.replace(sending);
    this.inFlight = true;
    void this.deps
      .send(sending)
      .then(
        (answer): Sent | ReportOutcome => ({ ok: true, flagged: answer.flagged }),
        (error: unknown): Sent | ReportOutcome => outcomeOfError(error),
      )
      .then((outcome) => {
        this.inFlight = false;
        if (outcome.ok) {
          this.replace({ ...sending, phase: 'sent', flagged: 'flagged' in outcome ? outcome.flagged : false });
          this.attempt();
        } else if (outcome.kind === 'refused') {
          this.replace({ ...sending, phase: 'failed', error: outcome.error });
          this.attempt();
        } else {
          this.replace({ ...sending, phase: 'waiting' });
          this.schedule(retryDelay(sending.attempts));
        }
      });
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.attempt();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private replace(item: QueuedCheckin): void {
    this.update(this.items.map((existing) => (existing.clientId === item.clientId ? item : existing)));
  }

  private update(items: QueuedCheckin[]): void {
    const sent = items.filter((item) => item.phase === 'sent');
    const drop = new Set(sent.slice(0, Math.max(0, sent.length - KEEP_SENT)).map((item) => item.clientId));
    this.items = items.filter((item) => !drop.has(item.clientId));
    this.storage.save(this.items);
    for (const listener of this.listeners) listener(this.items);
  }
}

const PHASES: readonly CheckinPhase[] = ['waiting', 'sending', 'sent', 'failed'];
const isQueue = (value: unknown): value is QueuedCheckin[] =>
  Array.isArray(value) &&
  value.every(
    (item: unknown) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as QueuedCheckin).clientId === 'string' &&
      typeof (item as QueuedCheckin).tourId === 'string' &&
      typeof (item as QueuedCheckin).scannedAt === 'string' &&
      PHASES.includes((item as QueuedCheckin).phase),
  );

/** One queue per user on this phone. */
export const checkinStorageFor = (userId: string): Stored<QueuedCheckin[]> => localStored(`vigil.checkinOutbox.${userId}`, [], isQueue);
