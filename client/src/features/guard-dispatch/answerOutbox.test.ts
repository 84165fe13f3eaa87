import { describe, expect, it } from 'vitest';
import { memoryStored } from '../guard-phone/phoneStorage';
import { retryDelay } from '../guard-phone/sosOutbox';
import { AnswerOutbox, MAX_ANSWER_REFUSALS, latestAnswer, pendingActions, type AnswerOutcome, type PendingAnswer } from './answerOutbox';

type Reply = 'ok' | 'timeout' | 'timeoutAfterStoring' | 'offline' | 'refuse';

/** A fake server that applies each command id once, a fake link and fake timers. */
function world(replies: Reply[] = []) {
  const applied: string[] = [];
  const sends: { commandId: string; action: string; reason?: string }[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let live = false;
  let ids = 0;
  const send = (answer: { commandId: string; dispatchId: string; action: string; reason?: string }): Promise<AnswerOutcome> => {
    sends.push({ commandId: answer.commandId, action: answer.action, ...(answer.reason ? { reason: answer.reason } : {}) });
    const reply = replies.shift() ?? 'ok';
    if (reply === 'timeout') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    if (reply === 'offline') return Promise.resolve({ ok: false, error: 'offline', offline: true });
    if (reply === 'refuse') return Promise.resolve({ ok: false, error: 'this dispatch was cancelled' });
    if (!applied.includes(answer.commandId)) applied.push(answer.commandId);
    if (reply === 'timeoutAfterStoring') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    return Promise.resolve({ ok: true, seq: 7 });
  };
  const deps = {
    send,
    isLive: () => live,
    newId: () => `cmd-${++ids}`,
    now: () => new Date('2026-12-02T03:01:00.000Z'),
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => {
      const index = timers.indexOf(timer as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  return {
    applied,
    sends,
    timers,
    deps,
    setLive: (value: boolean) => {
      live = value;
    },
    tick: () => timers.shift()?.run(),
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const phases = (outbox: AnswerOutbox) => outbox.current.map((answer) => `${answer.action}:${answer.phase}`);

describe('AnswerOutbox', () => {
  it('keeps an answer pressed offline in storage, sends nothing until live, then sends it once and says received', async () => {
    const w = world();
    const storage = memoryStored<PendingAnswer[]>([]);
    const outbox = new AnswerOutbox(storage, w.deps);
    outbox.press('d-1', 'accept');
    expect(storage.saved).toEqual([
      { commandId: 'cmd-1', dispatchId: 'd-1', action: 'accept', pressedAt: '2026-12-02T03:01:00.000Z', phase: 'waiting', attempts: 0, refusals: 0 },
    ]);
    expect(pendingActions(outbox.current, 'd-1')).toEqual(['accept']);
    w.tick();
    await settled();
    expect(w.sends).toEqual([]);
    w.setLive(true);
    outbox.wake();
    expect(phases(outbox)).toEqual(['accept:sent']);
    await settled();
    expect(phases(outbox)).toEqual(['accept:received']);
    expect(w.sends).toEqual([{ commandId: 'cmd-1', action: 'accept' }]);
    expect(pendingActions(outbox.current, 'd-1')).toEqual([]);
    expect(w.timers).toEqual([]);
  });

  it('survives a reload: stored answers, even one that was on its way, go out in order with their own ids', async () => {
    const w = world();
    const stored: PendingAnswer[] = [
      { commandId: 'before-1', dispatchId: 'd-1', action: 'accept', pressedAt: '2026-12-02T03:00:10.000Z', phase: 'sent', attempts: 1, refusals: 0 },
      { commandId: 'before-2', dispatchId: 'd-1', action: 'en_route', pressedAt: '2026-12-02T03:00:20.000Z', phase: 'waiting', attempts: 0, refusals: 0 },
    ];
    const storage = memoryStored<PendingAnswer[]>(stored);
    const outbox = new AnswerOutbox(storage, w.deps);
    expect(phases(outbox)).toEqual(['accept:waiting', 'en_route:waiting']);
    w.setLive(true);
    outbox.wake();
    await settled();
    await settled();
    expect(w.sends.map((send) => send.commandId)).toEqual(['before-1', 'before-2']);
    // Only the newest received answer of the dispatch is kept, for the "received" line.
    expect(storage.saved).toEqual([expect.objectContaining({ commandId: 'before-2', phase: 'received', attempts: 1 })]);
  });

  it('retries a timed-out answer with growing delays under the same id, and the server applies it once', async () => {
    const w = world(['timeout', 'timeoutAfterStoring', 'offline', 'ok']);
    w.setLive(true);
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'decline', 'too far');
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await settled();
      expect(phases(outbox)).toEqual(['decline:waiting']);
      delays.push(w.timers[0]!.ms);
      w.tick();
    }
    await settled();
    expect(phases(outbox)).toEqual(['decline:received']);
    expect(delays).toEqual([retryDelay(1), retryDelay(2), retryDelay(3)]);
    expect(delays[0]! < delays[1]! && delays[1]! < delays[2]!).toBe(true);
    expect(w.sends).toEqual(Array.from({ length: 4 }, () => ({ commandId: 'cmd-1', action: 'decline', reason: 'too far' })));
    expect(w.applied).toEqual(['cmd-1']);
  });

  it('sends answers one at a time in the order pressed: en route never overtakes its accept', async () => {
    const w = world(['timeout']);
    w.setLive(true);
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'accept');
    outbox.press('d-1', 'en_route');
    expect(w.sends.map((send) => send.action)).toEqual(['accept']);
    await settled();
    expect(phases(outbox)).toEqual(['accept:waiting', 'en_route:waiting']);
    w.tick();
    await settled();
    await settled();
    expect(w.sends.map((send) => send.action)).toEqual(['accept', 'accept', 'en_route']);
    expect(w.applied).toEqual(['cmd-1', 'cmd-2']);
    expect(latestAnswer(outbox.current, 'd-1')).toMatchObject({ action: 'en_route', phase: 'received' });
  });

  it('a second press of the same answer still on its way sends it again instead of making another', async () => {
    const w = world(['timeout']);
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'arrive');
    outbox.press('d-1', 'arrive');
    expect(outbox.current).toHaveLength(1);
    w.setLive(true);
    outbox.press('d-1', 'arrive');
    await settled();
    outbox.press('d-1', 'arrive');
    await settled();
    expect(w.sends.map((send) => send.commandId)).toEqual(['cmd-1', 'cmd-1']);
    expect(phases(outbox)).toEqual(['arrive:received']);
  });

  it('says failed with the reason after refusals in a row, then goes on with the next answer; a retry keeps the id', async () => {
    const w = world(Array.from({ length: MAX_ANSWER_REFUSALS }, () => 'refuse' as const));
    w.setLive(true);
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'accept');
    outbox.press('d-2', 'accept');
    for (let i = 1; i < MAX_ANSWER_REFUSALS; i += 1) {
      await settled();
      w.tick();
    }
    await settled();
    await settled();
    expect(latestAnswer(outbox.current, 'd-1')).toMatchObject({ phase: 'failed', error: 'this dispatch was cancelled' });
    expect(latestAnswer(outbox.current, 'd-2')).toMatchObject({ phase: 'received' });
    expect(w.sends.map((send) => send.commandId)).toEqual(['cmd-1', 'cmd-1', 'cmd-1', 'cmd-2']);
    outbox.retry('cmd-1');
    await settled();
    expect(latestAnswer(outbox.current, 'd-1')).toMatchObject({ commandId: 'cmd-1', phase: 'received' });
    expect(w.applied).toEqual(['cmd-2', 'cmd-1']);
  });

  it('counts an answer on its way as received when its event comes before its ack, and is not moved by the ack after', async () => {
    const w = world(['refuse']);
    w.setLive(true);
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'accept');
    outbox.reconcile(() => 'accepted');
    expect(phases(outbox)).toEqual(['accept:received']);
    await settled();
    expect(phases(outbox)).toEqual(['accept:received']);
    expect(w.timers).toEqual([]);
  });

  it('drops answers the live state has made moot (arrival detected, cancelled), but keeps those of dispatches it does not know yet', () => {
    const w = world();
    const outbox = new AnswerOutbox(memoryStored<PendingAnswer[]>([]), w.deps);
    outbox.press('d-1', 'arrive');
    outbox.press('d-2', 'accept');
    outbox.press('d-3', 'en_route');
    const states: Record<string, 'on_scene' | 'cancelled'> = { 'd-1': 'on_scene', 'd-2': 'cancelled' };
    outbox.reconcile((dispatchId) => states[dispatchId]);
    expect(outbox.current.map((answer) => answer.dispatchId)).toEqual(['d-3']);
  });
});
