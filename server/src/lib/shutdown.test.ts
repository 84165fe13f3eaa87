import { describe, expect, it } from 'vitest';
import { Shutdown, exitOnSignals } from './shutdown.js';

const quiet = { info: () => undefined, error: () => undefined };

describe('Shutdown', () => {
  it('runs the phases in order whatever the order of registration, each closer once', async () => {
    const shutdown = new Shutdown(quiet);
    const ran: string[] = [];
    shutdown.register('database', 'db', () => void ran.push('database'));
    shutdown.register('app', 'app', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ran.push('app');
    });
    shutdown.register('intake', 'listeners', () => void ran.push('intake'));
    shutdown.register('clients', 'redis', () => void ran.push('clients'));
    shutdown.register('drain', 'requests', () => void ran.push('drain'));
    const off = shutdown.register('app', 'gone', () => void ran.push('unregistered'));
    off();
    expect(shutdown.started).toBe(false);
    const first = shutdown.run('test');
    expect(shutdown.started).toBe(true);
    expect(await first).toEqual({ clean: true, failed: [] });
    expect(await shutdown.run('again')).toEqual({ clean: true, failed: [] });
    expect(ran).toEqual(['intake', 'drain', 'app', 'clients', 'database']);
  });

  it('goes on past a closer that fails, and says which', async () => {
    const shutdown = new Shutdown(quiet);
    const ran: string[] = [];
    shutdown.register('app', 'broken', () => {
      throw new Error('boom');
    });
    shutdown.register('database', 'db', () => void ran.push('database'));
    expect(await shutdown.run('test')).toEqual({ clean: false, failed: ['app/broken'] });
    expect(ran).toEqual(['database']);
  });

  it('gives every closer the deadline of the whole run', async () => {
    const shutdown = new Shutdown(quiet);
    const deadlines: number[] = [];
    shutdown.register('drain', 'a', (deadline) => void deadlines.push(deadline));
    shutdown.register('database', 'b', (deadline) => void deadlines.push(deadline));
    const before = Date.now();
    await shutdown.run('test', 5_000);
    expect(deadlines[0]).toBe(deadlines[1]);
    expect(deadlines[0]).toBeGreaterThanOrEqual(before + 5_000);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('exits 0 after a clean run on the signal, and 1 when a closer outlives the timeout', async () => {
    const clean = new Shutdown(quiet);
    const codes: number[] = [];
    const stop = exitOnSignals(clean, quiet, { signals: ['SIGUSR2'], exit: (code) => codes.push(code), timeoutMs: 1_000 });
    process.emit('SIGUSR2', 'SIGUSR2');
    await expect.poll(() => codes).toEqual([0]);
    stop();

    const stuck = new Shutdown(quiet);
    stuck.register('app', 'never', () => new Promise(() => undefined));
    const stuckCodes: number[] = [];
    const stopStuck = exitOnSignals(stuck, quiet, { signals: ['SIGUSR2'], exit: (code) => stuckCodes.push(code), timeoutMs: 200 });
    process.emit('SIGUSR2', 'SIGUSR2');
    // A second signal while it runs starts nothing new.
    process.emit('SIGUSR2', 'SIGUSR2');
    await expect.poll(() => stuckCodes).toEqual([1]);
    stopStuck();
  });
});
