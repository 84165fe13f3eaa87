import { describe, expect, it } from 'vitest';
import { FairLimiter, LimiterFull } from './fair-limiter.js';

/** A task that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: async () => { log.push(name); await done; }, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FairLimiter', () => {
  it('runs at most `concurrency` tasks and takes the queue round-robin by key', async () => {
    const limiter = new FairLimiter(1, 100);
    const started: string[] = [];
    const tasks = [
      ['flood', 'f1'], ['flood', 'f2'], ['flood', 'f3'], ['flood', 'f4'], ['user', 'u1'],
    ].map(([key, name]) => ({ key: key!, ...gate(started, name!) }));
    const runs = tasks.map((entry) => limiter.run(entry.key, entry.task));
    await tick();
    expect(started).toEqual(['f1']);
    tasks[0]!.release();
    await tick();
    // The flood's next waits behind the other key's first: u1 goes before f3.
    expect(started).toEqual(['f1', 'f2']);
    tasks[1]!.release();
    await tick();
    expect(started).toEqual(['f1', 'f2', 'u1']);
    for (const entry of tasks) entry.release();
    await Promise.all(runs);
    expect(started).toEqual(['f1', 'f2', 'u1', 'f3', 'f4']);
  });

  it('refuses past maxQueued instead of waiting without bound, and frees slots after failures', async () => {
    const limiter = new FairLimiter(1, 1);
    const started: string[] = [];
    const first = gate(started, 'a');
    const running = limiter.run('x', first.task);
    const queued = limiter.run('x', async () => undefined);
    await expect(limiter.run('y', async () => undefined)).rejects.toBeInstanceOf(LimiterFull);
    first.release();
    await Promise.all([running, queued]);
    await expect(limiter.run('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('x', async () => 42)).toBe(42);
  });
});
