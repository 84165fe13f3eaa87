import type { PhoneFix } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { FixQueue, MAX_REJECTIONS, memoryStorage, type ReportOutcome } from './fixQueue';

const fix = (n: number): PhoneFix => ({ id: `fix-${n}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), lat: 30.275, lon: 120.157 });
const ids = (fixes: readonly PhoneFix[]) => fixes.map((f) => f.id);

/** A fake server: stores each id once, in arrival order, and answers as told. */
function fakeServer(answers: ('ok' | 'timeout' | 'timeoutAfterStoring' | 'reject')[] = []) {
  const stored: string[] = [];
  const batches: string[][] = [];
  const report = (fixes: PhoneFix[]): Promise<ReportOutcome> => {
    batches.push(ids(fixes));
    const answer = answers.shift() ?? 'ok';
    if (answer === 'timeout') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    if (answer === 'reject') return Promise.resolve({ ok: false, error: 'fixes.0.lat: must be a number' });
    const fresh = fixes.filter((f) => !stored.includes(f.id));
    stored.push(...ids(fresh));
    if (answer === 'timeoutAfterStoring') return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
    return Promise.resolve({ ok: true, accepted: fresh.length, duplicates: fixes.length - fresh.length });
  };
  return { stored, batches, report };
}

describe('FixQueue', () => {
  it('sends fixes in the order taken, in batches, and empties after the acks', async () => {
    const queue = new FixQueue(memoryStorage(), 2);
    for (let n = 1; n <= 5; n += 1) queue.add(fix(n));
    const server = fakeServer();
    expect(await queue.flush(server.report)).toEqual({ sent: 5, stoppedBy: null });
    expect(server.batches).toEqual([['fix-1', 'fix-2'], ['fix-3', 'fix-4'], ['fix-5']]);
    expect(server.stored).toEqual(['fix-1', 'fix-2', 'fix-3', 'fix-4', 'fix-5']);
    expect(queue.length).toBe(0);
  });

  it('keeps a batch whose ack timed out and sends it again later, stored once', async () => {
    const queue = new FixQueue(memoryStorage(), 2);
    for (let n = 1; n <= 3; n += 1) queue.add(fix(n));
    const server = fakeServer(['ok', 'timeoutAfterStoring']);
    expect(await queue.flush(server.report)).toEqual({ sent: 2, stoppedBy: 'timeout' });
    expect(ids(queue.snapshot())).toEqual(['fix-3']);
    queue.add(fix(4));
    expect(await queue.flush(server.report)).toEqual({ sent: 2, stoppedBy: null });
    expect(server.stored).toEqual(['fix-1', 'fix-2', 'fix-3', 'fix-4']);
    expect(queue.length).toBe(0);
  });

  it('removes a batch the server acknowledges as duplicates', async () => {
    const queue = new FixQueue(memoryStorage(), 10);
    queue.add(fix(1));
    const server = fakeServer();
    server.stored.push('fix-1');
    await queue.flush(server.report);
    expect(queue.length).toBe(0);
    expect(server.stored).toEqual(['fix-1']);
  });

  it('survives a reload: the queue is read back from storage, in order', async () => {
    const storage = memoryStorage();
    const before = new FixQueue(storage);
    for (let n = 1; n <= 3; n += 1) before.add(fix(n));
    await before.flush(fakeServer(['timeout']).report);
    const after = new FixQueue(storage);
    expect(ids(after.snapshot())).toEqual(['fix-1', 'fix-2', 'fix-3']);
  });

  it('does not send a batch twice when flushes overlap', async () => {
    const queue = new FixQueue(memoryStorage(), 1);
    queue.add(fix(1));
    queue.add(fix(2));
    const server = fakeServer();
    await Promise.all([queue.flush(server.report), queue.flush(server.report)]);
    expect(server.batches).toEqual([['fix-1'], ['fix-2']]);
  });

  it('ignores a fix it already holds (same phone-made id)', () => {
    const queue = new FixQueue(memoryStorage());
    queue.add(fix(1));
    queue.add(fix(1));
    expect(queue.length).toBe(1);
  });

  it('keeps a refused batch, and drops it only after repeated refusals so the rest can go', async () => {
    const queue = new FixQueue(memoryStorage(), 1);
    queue.add(fix(1));
    queue.add(fix(2));
    const server = fakeServer(Array.from({ length: MAX_REJECTIONS }, () => 'reject' as const));
    for (let attempt = 1; attempt < MAX_REJECTIONS; attempt += 1) {
      expect(await queue.flush(server.report)).toEqual({ sent: 0, stoppedBy: 'rejected' });
      expect(queue.length).toBe(2);
    }
    await queue.flush(server.report);
    expect(server.stored).toEqual(['fix-2']);
    expect(queue.length).toBe(0);
  });
});
