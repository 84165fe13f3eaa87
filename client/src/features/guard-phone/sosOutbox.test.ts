import { describe, expect, it } from 'vitest';
import { memoryStored } from './phoneStorage';
import { MAX_SOS_REFUSALS, SOS_RETRY_MAX_MS, SosOutbox, retryDelay, type PendingSos, type SosOutcome } from './sosOutbox';

/** A fake server that raises one alarm per command id, a fake link and fake timers. */
function world(answers: ('ok' | 'timeout' | 'timeoutAfterStoring' | 'refuse')[] = []) {
  const raised = new Set<string>();
  const sends: string[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let live = false;
  let ids = 0;
  const send = (commandId: string): Promise<SosOutcome> => {
    sends.push(commandId);
    const answer = answers.shift() ?? 'ok';
    if (answer === 'timeout') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    if (answer === 'refuse') return Promise.resolve({ ok: false, error: 'user: this login is not linked to a guard on the roster' });
    raised.add(commandId);
    if (answer === 'timeoutAfterStoring') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    return Promise.resolve({ ok: true, seq: 42 });
  };
  const deps = {
    send,
    isLive: () => live,
    newId: () => `sos-${++ids}`,
    now: () => new Date('2026-11-23T03:12:45.000Z'),
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
    raised,
    sends,
    timers,
    deps,
    setLive: (value: boolean) => {
      live = value;
    },
    /** Runs the next timer. */
    tick: () => timers.shift()?.run(),
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SosOutbox', () => {
  it('keeps an SOS pressed offline, sends nothing until the link is live, then sends it once and says received', async () => {
    const w = world();
    const storage = memoryStored<PendingSos | null>(null);
    const outbox = new SosOutbox(storage, w.deps);
    outbox.press();
    expect(outbox.current).toMatchObject({ commandId: 'sos-1', phase: 'waiting', attempts: 0, pressedAt: '2026-11-23T03:12:45.000Z' });
    expect(storage.saved).toEqual(outbox.current);
    w.tick();
    await settled();
    expect(w.sends).toEqual([]);
    w.setLive(true);
    outbox.wake();
    expect(outbox.current?.phase).toBe('sent');
    await settled();
    expect(outbox.current).toMatchObject({ phase: 'received', attempts: 1 });
    expect(w.sends).toEqual(['sos-1']);
    expect(w.timers).toEqual([]);
  });

  it('survives a reload: a stored SOS, even one that was on its way, is sent with the same id', async () => {
    const w = world();
    const storage = memoryStored<PendingSos | null>({ commandId: 'sos-before-reload', pressedAt: '2026-11-23T03:00:00.000Z', phase: 'sent', attempts: 2 });
    const outbox = new SosOutbox(storage, w.deps);
    expect(outbox.current?.phase).toBe('waiting');
    w.setLive(true);
    outbox.wake();
    await settled();
    expect(w.sends).toEqual(['sos-before-reload']);
    expect(storage.saved).toMatchObject({ commandId: 'sos-before-reload', phase: 'received', attempts: 3 });
  });

  it('retries a timed-out SOS with growing delays under the same id; the server raises it once', async () => {
    const w = world(['timeout', 'timeoutAfterStoring', 'timeout', 'ok']);
    w.setLive(true);
    const outbox = new SosOutbox(memoryStored<PendingSos | null>(null), w.deps);
    outbox.press();
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await settled();
      expect(outbox.current?.phase).toBe('waiting');
      delays.push(w.timers[0]!.ms);
      w.tick();
    }
    await settled();
    expect(outbox.current?.phase).toBe('received');
    expect(delays).toEqual([retryDelay(1), retryDelay(2), retryDelay(3)]);
    expect(delays[0]! < delays[1]! && delays[1]! < delays[2]!).toBe(true);
    expect(retryDelay(50)).toBe(SOS_RETRY_MAX_MS);
    expect(new Set(w.sends)).toEqual(new Set(['sos-1']));
    expect(w.raised).toEqual(new Set(['sos-1']));
  });

  it('sends the pending SOS again at a second press instead of making a second one', async () => {
    const w = world(['timeout']);
    const outbox = new SosOutbox(memoryStored<PendingSos | null>(null), w.deps);
    outbox.press();
    outbox.press();
    expect(outbox.current?.commandId).toBe('sos-1');
    w.setLive(true);
    outbox.press();
    await settled();
    outbox.press();
    await settled();
    expect(w.sends).toEqual(['sos-1', 'sos-1']);
    expect(outbox.current?.phase).toBe('received');
    // Once received (and resolved), the next press is a new SOS.
    outbox.clear();
    expect(outbox.current).toBeNull();
    outbox.press();
    await settled();
    expect(w.sends.at(-1)).toBe('sos-2');
  });

  it('says failed with the reason after the server refuses it several times in a row', async () => {
    const w = world(Array.from({ length: MAX_SOS_REFUSALS }, () => 'refuse' as const));
    w.setLive(true);
    const outbox = new SosOutbox(memoryStored<PendingSos | null>(null), w.deps);
    const seen: (string | undefined)[] = [];
    outbox.subscribe((sos) => seen.push(sos?.phase));
    outbox.press();
    for (let i = 1; i < MAX_SOS_REFUSALS; i += 1) {
      await settled();
      w.tick();
    }
    await settled();
    expect(outbox.current).toMatchObject({ phase: 'failed', error: 'user: this login is not linked to a guard on the roster' });
    expect(w.sends).toHaveLength(MAX_SOS_REFUSALS);
    expect(w.timers).toEqual([]);
    expect(seen.at(-1)).toBe('failed');
  });
});
