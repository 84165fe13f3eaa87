import { localStored, type Stored } from './phoneStorage';

/**
 * Where a pressed SOS is: `waiting` for a live link (or to be tried again), `sent` and waiting
 * for the server's ack, `received` (the ack: the alarm is committed and on the wall), or
 * `failed` (the server refused it several times: not a link problem, so the radio it is).
 */
export type SosPhase = 'waiting' | 'sent' | 'received' | 'failed';

export interface PendingSos {
  /** The command id, made once at the press: every retry is the same command, raised once. */
  commandId: string;
  pressedAt: string;
  phase: SosPhase;
  attempts: number;
  /** The server's refusal, when `failed`. */
  error?: string;
}

export type SosOutcome = { ok: true; seq: number } | { ok: false; error: string; timedOut?: boolean };

export interface SosOutboxDeps {
  send: (commandId: string) => Promise<SosOutcome>;
  /** True while the socket is connected and synced. */
  isLive: () => boolean;
  newId: () => string;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The first retry after this long, doubling up to SOS_RETRY_MAX_MS: a hurt guard's phone never gives up. */
export const SOS_RETRY_MIN_MS = 1_000;
export const SOS_RETRY_MAX_MS = 15_000;
/** Refusals in a row (not timeouts) after which the phone says to use the radio. */
export const MAX_SOS_REFUSALS = 3;

export const retryDelay = (attempts: number) => Math.min(SOS_RETRY_MAX_MS, SOS_RETRY_MIN_MS * 2 ** Math.max(0, attempts - 1));

/**
 * The phone's SOS outbox. An SOS is kept (in localStorage, surviving a reload) from the press
 * until the server's ack, and sent again with backoff until then. It is one command with one id
 * however often it is sent, so the server raises one alarm (guard.sos is idempotent by id).
 * Like the fix queue, it leaves only on an ack; unlike it, it holds one SOS: pressing again
 * while one is on its way sends it again now instead of making a second.
 */
export class SosOutbox {
  private sos: PendingSos | null;
  private timer: unknown = null;
  private inFlight = false;
  private refusals = 0;
  private readonly listeners = new Set<(sos: PendingSos | null) => void>();
  private readonly now: () => Date;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly storage: Stored<PendingSos | null>,
    private readonly deps: SosOutboxDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    const loaded = storage.load();
    // One that was on its way when the page went away may not have arrived: it waits to be sent again.
    this.sos = loaded && loaded.phase === 'sent' ? { ...loaded, phase: 'waiting' } : loaded;
  }

  get current(): PendingSos | null {
    return this.sos;
  }

  subscribe(listener: (sos: PendingSos | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The guard pressed SOS: a new one, or the one still on its way sent again at once. */
  press(): void {
    const pending = this.sos && (this.sos.phase === 'waiting' || this.sos.phase === 'sent');
    if (!pending) {
      this.refusals = 0;
      this.update({ commandId: this.deps.newId(), pressedAt: this.now().toISOString(), phase: 'waiting', attempts: 0 });
    }
    this.attempt();
  }

  /** Something changed (the link came back, the page opened): try now if one is waiting. */
  wake(): void {
    if (this.sos?.phase === 'waiting') this.attempt();
  }

  /** The control room resolved the SOS: forget a received (or refused) one. */
  clear(): void {
    if (this.sos && (this.sos.phase === 'received' || this.sos.phase === 'failed')) this.update(null);
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private attempt(): void {
    const sos = this.sos;
    if (!sos || this.inFlight || (sos.phase !== 'waiting' && sos.phase !== 'sent')) return;
    this.cancelTimer();
    if (!this.deps.isLive()) {
      // Tried again when the link comes back (wake), and now and then meanwhile.
      if (sos.phase !== 'waiting') this.update({ ...sos, phase: 'waiting' });
      this.schedule(retryDelay(sos.attempts + 1));
      return;
    }
    const sending: PendingSos = { ...sos, phase: 'sent', attempts: sos.attempts + 1 };
    this.update(sending);
    this.inFlight = true;
    void this.deps
      .send(sending.commandId)
      .catch((error: unknown): SosOutcome => ({ ok: false, error: String(error), timedOut: true }))
      .then((outcome) => {
        this.inFlight = false;
        if (this.sos?.commandId !== sending.commandId) return;
        this.settle(sending, outcome);
      });
  }

  private settle(sending: PendingSos, outcome: SosOutcome): void {
    if (outcome.ok) {
      this.refusals = 0;
      this.update({ ...sending, phase: 'received' });
      return;
    }
    if (!outcome.timedOut) {
      this.refusals += 1;
      if (this.refusals >= MAX_SOS_REFUSALS) {
        this.update({ ...sending, phase: 'failed', error: outcome.error });
        return;
      }
    }
    this.update({ ...sending, phase: 'waiting' });
    this.schedule(retryDelay(sending.attempts));
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

  private update(sos: PendingSos | null): void {
    this.sos = sos;
    this.storage.save(sos);
    for (const listener of this.listeners) listener(sos);
  }
}

const PHASES: readonly SosPhase[] = ['waiting', 'sent', 'received', 'failed'];
const isPendingSos = (value: unknown): value is PendingSos | null =>
  value === null ||
  (typeof value === 'object' &&
    typeof (value as PendingSos).commandId === 'string' &&
    typeof (value as PendingSos).pressedAt === 'string' &&
    typeof (value as PendingSos).attempts === 'number' &&
    PHASES.includes((value as PendingSos).phase));

/** One outbox per user on this phone, surviving reloads. */
export const sosStorageFor = (userId: string): Stored<PendingSos | null> => localStored(`vigil.sosOutbox.${userId}`, null, isPendingSos);
