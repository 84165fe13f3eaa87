import type { DispatchState } from '@vigil/shared';
import { localStored, type Stored } from '../guard-phone/phoneStorage';
import { retryDelay } from '../guard-phone/sosOutbox';
import { hasReached, type DispatchAction } from './dispatchFlow';

/**
 * Where a pressed answer is, as for the SOS: `waiting` for a live link (or to be tried again),
 * `sent` and waiting for the ack, `received` (the server has it), `failed` (refused several
 * times in a row: the guard is told why, and to use the radio).
 */
export type AnswerPhase = 'waiting' | 'sent' | 'received' | 'failed';

export interface PendingAnswer {
  /** Made once at the press: every retry is the same command, applied once by the server. */
  commandId: string;
  dispatchId: string;
  action: DispatchAction;
  reason?: string;
  pressedAt: string;
  phase: AnswerPhase;
  attempts: number;
  /** Refusals in a row (timeouts do not count). */
  refusals: number;
  error?: string;
}

export type AnswerOutcome = { ok: true; seq: number } | { ok: false; error: string; timedOut?: boolean; offline?: boolean };

export interface AnswerOutboxDeps {
  send: (answer: Pick<PendingAnswer, 'commandId' | 'dispatchId' | 'action' | 'reason'>) => Promise<AnswerOutcome>;
  /** True while the socket is connected and synced. */
  isLive: () => boolean;
  newId: () => string;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Refusals in a row after which an answer is given up and shown as failed. */
export const MAX_ANSWER_REFUSALS = 3;
/** Received answers kept to show "received" (the newest per dispatch, at most this many in all). */
const KEEP_RECEIVED = 10;

const isOnItsWay = (answer: PendingAnswer) => answer.phase === 'waiting' || answer.phase === 'sent';

/**
 * The phone's outbox of dispatch answers (accept, decline, en route, arrive, clear). Each is kept
 * in localStorage from the press until the server's ack and sent again with backoff until then,
 * one at a time in the order pressed (an en route never overtakes its accept). Like the SOS
 * outbox, an answer keeps its command id however often it goes, so the server applies it once.
 */
export class AnswerOutbox {
  private answers: PendingAnswer[];
  private timer: unknown = null;
  private inFlight: string | null = null;
  private disposed = false;
  private readonly listeners = new Set<(answers: readonly PendingAnswer[]) => void>();
  private readonly now: () => Date;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly storage: Stored<PendingAnswer[]>,
    private readonly deps: AnswerOutboxDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    // One on its way when the page went away may not have arrived: it waits to be sent again.
    this.answers = storage.load().map((answer) => (answer.phase === 'sent' ? { ...answer, phase: 'waiting' } : answer));
  }

  get current(): readonly PendingAnswer[] {
    return this.answers;
  }

  subscribe(listener: (answers: readonly PendingAnswer[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The guard pressed an answer: a new one, or the same one still on its way sent again now. */
  press(dispatchId: string, action: DispatchAction, reason?: string): void {
    const same = this.answers.find((answer) => answer.dispatchId === dispatchId && answer.action === action && isOnItsWay(answer));
    if (!same) {
      const answer: PendingAnswer = {
        commandId: this.deps.newId(),
        dispatchId,
        action,
        ...(reason ? { reason } : {}),
        pressedAt: this.now().toISOString(),
        phase: 'waiting',
        attempts: 0,
        refusals: 0,
      };
      this.update([...this.answers, answer]);
    }
    this.pump();
  }

  /** The link came back, or the page opened: send what waits. */
  wake(): void {
    this.pump();
  }

  /** A failed answer tried again (same command id). */
  retry(commandId: string): void {
    this.update(this.answers.map((answer) => (answer.commandId === commandId && answer.phase === 'failed' ? { ...answer, phase: 'waiting', refusals: 0 } : answer)));
    this.pump();
  }

  /** A failed answer the guard has read: forgotten. */
  dismiss(commandId: string): void {
    this.update(this.answers.filter((answer) => !(answer.commandId === commandId && answer.phase === 'failed')));
  }

  /**
   * The live state has got where an answer leads. One on its way has arrived (its event comes
   * before its ack): received. One not sent yet was made moot (the server detected the arrival,
   * the commander answered by radio or cancelled): dropped, not sent to be refused. A dispatch
   * this page does not know (yet: before the first sync) keeps its answers.
   */
  reconcile(stateOf: (dispatchId: string) => DispatchState | undefined): void {
    let changed = false;
    const next = this.answers.flatMap((answer): PendingAnswer[] => {
      if (answer.phase === 'received') return [answer];
      const state = stateOf(answer.dispatchId);
      if (state === undefined || !hasReached(state, answer.action)) return [answer];
      changed = true;
      return answer.phase === 'sent' && state !== 'cancelled' ? [{ ...answer, phase: 'received', refusals: 0 }] : [];
    });
    if (changed) this.update(keepNewestReceived(next));
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  private pump(): void {
    if (this.disposed || this.inFlight !== null) return;
    const next = this.answers.find((answer) => answer.phase === 'waiting');
    if (!next) return;
    this.cancelTimer();
    if (!this.deps.isLive()) {
      // Tried again when the link comes back (wake), and now and then meanwhile.
      this.schedule(retryDelay(next.attempts + 1));
      return;
    }
    const sending: PendingAnswer = { ...next, phase: 'sent', attempts: next.attempts + 1 };
    this.replace(sending);
    this.inFlight = sending.commandId;
    const { commandId, dispatchId, action, reason } = sending;
    void this.deps
      .send({ commandId, dispatchId, action, ...(reason ? { reason } : {}) })
      .catch((error: unknown): AnswerOutcome => ({ ok: false, error: String(error), timedOut: true }))
      .then((outcome) => {
        this.inFlight = null;
        if (this.disposed) return;
        const still = this.answers.find((answer) => answer.commandId === commandId);
        if (still && still.phase === 'sent') this.settle(still, outcome);
        else this.pump();
      });
  }

  private settle(answer: PendingAnswer, outcome: AnswerOutcome): void {
    if (outcome.ok) {
      this.update(keepNewestReceived([...this.answers.filter((other) => other.commandId !== answer.commandId), { ...answer, phase: 'received', refusals: 0 }]));
      this.pump();
      return;
    }
    if (outcome.timedOut || outcome.offline) {
      this.replace({ ...answer, phase: 'waiting' });
      this.schedule(retryDelay(answer.attempts));
      return;
    }
    const refusals = answer.refusals + 1;
    if (refusals >= MAX_ANSWER_REFUSALS) {
      this.replace({ ...answer, phase: 'failed', refusals, error: outcome.error });
      this.pump();
      return;
    }
    this.replace({ ...answer, phase: 'waiting', refusals, error: outcome.error });
    this.schedule(retryDelay(answer.attempts));
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

  private replace(changed: PendingAnswer): void {
    this.update(this.answers.map((answer) => (answer.commandId === changed.commandId ? changed : answer)));
  }

  private update(answers: PendingAnswer[]): void {
    this.answers = answers;
    this.storage.save(answers);
    for (const listener of this.listeners) listener(answers);
  }
}

/** Only the newest received answer of each dispatch, and at most KEEP_RECEIVED of them. */
function keepNewestReceived(answers: PendingAnswer[]): PendingAnswer[] {
  const newest = new Map<string, string>();
  for (const answer of answers) if (answer.phase === 'received') newest.set(answer.dispatchId, answer.commandId);
  const keep = new Set([...newest.values()].slice(-KEEP_RECEIVED));
  return answers.filter((answer) => answer.phase !== 'received' || keep.has(answer.commandId));
}

/** The answers of one dispatch still on their way: what the phone shows as already pressed. */
export function pendingActions(answers: readonly PendingAnswer[], dispatchId: string): DispatchAction[] {
  return answers.filter((answer) => answer.dispatchId === dispatchId && isOnItsWay(answer)).map((answer) => answer.action);
}

/** The newest answer of one dispatch, whatever its phase: the line under the buttons. */
export function latestAnswer(answers: readonly PendingAnswer[], dispatchId: string): PendingAnswer | null {
  return answers.filter((answer) => answer.dispatchId === dispatchId).at(-1) ?? null;
}

const PHASES: readonly AnswerPhase[] = ['waiting', 'sent', 'received', 'failed'];
const ACTIONS: readonly DispatchAction[] = ['accept', 'decline', 'en_route', 'arrive', 'clear'];
const isPendingAnswer = (value: unknown): value is PendingAnswer => {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as PendingAnswer;
  return (
    typeof answer.commandId === 'string' &&
    typeof answer.dispatchId === 'string' &&
    ACTIONS.includes(answer.action) &&
    typeof answer.pressedAt === 'string' &&
    PHASES.includes(answer.phase) &&
    typeof answer.attempts === 'number' &&
    typeof answer.refusals === 'number' &&
    (answer.reason === undefined || typeof answer.reason === 'string')
  );
};
const isAnswerList = (value: unknown): value is PendingAnswer[] => Array.isArray(value) && value.every(isPendingAnswer);

/** One outbox per user on this phone, surviving reloads. */
export const answerStorageFor = (userId: string): Stored<PendingAnswer[]> => localStored(`vigil.answerOutbox.${userId}`, [], isAnswerList);
