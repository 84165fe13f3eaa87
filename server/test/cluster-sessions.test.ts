import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitListener, CommitNotifier, COMMIT_CHANNEL } from '../src/cluster/commit-signal.js';
import { electLeader, soleLeadership, type Leadership } from '../src/cluster/leadership.js';
import { leaderScheduler } from '../src/cluster/leader-scheduler.js';
import type { Database } from '../src/db/client.js';
import type { Scheduler } from '../src/scheduler/scheduler.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';

/** Ends every session of this database whose application_name starts so (as a network fault or an admin would). */
async function terminate(sql: pg.Client, namePrefix: string): Promise<number> {
  const { rowCount } = await sql.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name like $1', [
    `${namePrefix}%`,
  ]);
  return rowCount ?? 0;
}

/** The cluster's own PostgreSQL sessions: the leader lock and the LISTEN connection, lost and regained. */
if (testDbKind === 'postgres') {
  describe('cluster sessions (postgres)', () => {
    let handle: TestDatabaseHandle;
    let database: Database;
    let url = '';
    let sql: pg.Client;
    const open: { close(): Promise<void> }[] = [];

    beforeAll(async () => {
      handle = await createTestDatabase();
      database = await handle.open();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      url = handle.target.url;
      sql = new pg.Client({ connectionString: url });
      await sql.connect();
    });
    afterAll(async () => {
      for (const item of open) await item.close();
      await sql?.end();
      await database?.close();
      await handle?.destroy();
    });

    const elect = (nodeId: string): Leadership => {
      const leadership = electLeader({ url, nodeId, intervalMs: 200 });
      open.push(leadership);
      return leadership;
    };

    it('elects exactly one leader; a lost leader session steps down at once and another node takes over', { timeout: 60_000 }, async () => {
      const a = elect('a');
      await expect.poll(() => a.isLeader(), { timeout: 5_000 }).toBe(true);
      const b = elect('b');
      const c = elect('c');
      // Several rounds of tries: the followers never get the lock while the leader holds it.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([a, b, c].map((node) => node.isLeader())).toEqual([true, false, false]);
      const changes: boolean[] = [];
      a.subscribe((leader) => changes.push(leader));
      // The leader's session is cut (what a killed process or a dead link does to it).
      expect(await terminate(sql, 'vigil-leader a')).toBe(1);
      await expect.poll(() => changes[1], { timeout: 5_000 }).toBe(false);
      // Whoever tries first wins the freed lock (the old leader too, on its new session): one leader.
      await expect.poll(() => [a, b, c].filter((node) => node.isLeader()).length, { timeout: 5_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([a, b, c].filter((node) => node.isLeader()).length).toBe(1);
      // A leader that closes hands over to another node without waiting for a keepalive.
      const leader = [a, b, c].find((node) => node.isLeader())!;
      const others = [a, b, c].filter((node) => node !== leader);
      await leader.close();
      await expect.poll(() => others.filter((node) => node.isLeader()).length, { timeout: 5_000 }).toBe(1);
      // The lock is one per database: free it for the tests below.
      for (const node of others) await node.close();
    });

    it('the LISTEN session wakes on another node\'s commit, comes back after it is lost and wakes once on return', { timeout: 60_000 }, async () => {
      let wakes = 0;
      const states: string[] = [];
      const listener = new CommitListener({ url, nodeId: 'listener', onWake: () => (wakes += 1), onState: (state) => states.push(state) });
      open.push(listener);
      listener.start();
      await expect.poll(() => listener.listening, { timeout: 5_000 }).toBe(true);
      expect(wakes).toBe(1);
      const notifier = new CommitNotifier(database.db, 'writer', () => undefined);
      notifier.committed(7);
      await expect.poll(() => wakes, { timeout: 5_000 }).toBe(2);
      // Its own node's notifications are not a wake: that node's broadcaster has the events already.
      await sql.query('select pg_notify($1, $2)', [COMMIT_CHANNEL, 'listener 8']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(wakes).toBe(2);
      expect(await terminate(sql, 'vigil-listen listener')).toBe(1);
      await expect.poll(() => states.includes('lost'), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => listener.listening, { timeout: 10_000 }).toBe(true);
      // Back: one wake for whatever was committed while it was away, then notifications again.
      expect(wakes).toBe(3);
      notifier.committed(9);
      await expect.poll(() => wakes, { timeout: 5_000 }).toBe(4);
      await notifier.close();
    });

    it('a burst of commits costs a few NOTIFYs, and the last carries the highest seq', { timeout: 30_000 }, async () => {
      const payloads: string[] = [];
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => payloads.push(message.payload ?? ''));
      await client.query(`LISTEN ${COMMIT_CHANNEL}`);
      const notifier = new CommitNotifier(database.db, 'burst', () => undefined);
      for (let seq = 1; seq <= 200; seq += 1) notifier.committed(seq);
      await expect.poll(() => payloads.at(-1), { timeout: 5_000 }).toBe('burst 200');
      expect(payloads.length).toBeLessThanOrEqual(3);
      await notifier.close();
      await client.end();
    });

    it('runs the scheduler only while leading, a fresh one per term', { timeout: 30_000 }, async () => {
      const made: { started: boolean; stopped: boolean }[] = [];
      const create = (): Scheduler => {
        const state = { started: false, stopped: false };
        made.push(state);
        return {
          start: () => void (state.started = true),
          wake: () => undefined,
          tick: async () => undefined,
          stop: async () => void (state.stopped = true),
        };
      };
      const a = elect('sched-a');
      await expect.poll(() => a.isLeader(), { timeout: 5_000 }).toBe(true);
      const b = elect('sched-b');
      const onA = leaderScheduler(create, a);
      const onB = leaderScheduler(create, b);
      onA.start();
      onB.start();
      expect(made).toEqual([{ started: true, stopped: false }]);
      await terminate(sql, 'vigil-leader sched-a');
      await expect.poll(() => made.length, { timeout: 5_000 }).toBe(2);
      expect(made).toEqual([
        { started: true, stopped: true },
        { started: true, stopped: false },
      ]);
      await onA.stop();
      await onB.stop();
      expect(made[1]).toEqual({ started: true, stopped: true });
    });
  });
}

describe(`one node (${testDbKind})`, () => {
  it('leads alone from the start: its scheduler starts at once, as before there were several nodes', async () => {
    let started = 0;
    const scheduler = leaderScheduler(
      () => ({ start: () => void (started += 1), wake: () => undefined, tick: async () => undefined, stop: async () => undefined }),
      soleLeadership(),
    );
    scheduler.start();
    expect(started).toBe(1);
    await scheduler.stop();
  });
});
