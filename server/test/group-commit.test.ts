import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Alarm, Device, DomainEvent } from '@vigil/shared';
import { openDatabase, type Database, type Db } from '../src/db/client.js';
import { runCommand } from '../src/services/append.js';
import { APPEND_QUEUE_MAX, appendQueueOf } from '../src/services/append-queue.js';
import { placeAlarm, raiseAlarm, raiseAlarmIn } from '../src/services/alarms/raise-alarm.js';
import type { Deps } from '../src/services/deps.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { TestClient, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

/** A site with many devices: alarms from them are placed from the cache, with no read before the append. */
const base = buildSite();
const beams: Device[] = Array.from({ length: 40 }, (_, n) => ({ ...base.devices[0]!, id: `test-beam-x${n}`, name: `对射${n}`, nameEn: `Beam ${n}`, zoneId: null }));
const site = buildSite({ devices: [...base.devices, ...beams] });

const rows = async (db: Db, query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };

async function storedMessages(db: Db, prefix: string): Promise<string[]> {
  const result = await rows(db, sql`select message from alarms where message like ${`${prefix}%`} order by message`);
  return result.rows.map((row) => String(row.message));
}

const raisedOf = (client: TestClient, prefix: string) =>
  client.events.flatMap((event) => (event.type === 'alarm.raised' && event.payload.alarm.message.startsWith(prefix) ? [event] : []));

async function metric(server: TestServer, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe(`group commit of the event log (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('stores a burst of 500 concurrent alarms once each, shows every one on every screen in seq order, and keeps them after a restart', async () => {
    const screens = [new TestClient(server, cookie), new TestClient(server, cookie), new TestClient(server, cookie)];
    await Promise.all(screens.map((screen) => screen.connected()));
    const answers = await Promise.all(Array.from({ length: 500 }, (_, n) => postAlarm(server, buildAlarm({ message: `burst ${String(n).padStart(3, '0')}` }))));
    expect(answers.map((answer) => answer.status)).toEqual(Array(500).fill(201));
    const seqs = answers.map((answer) => answer.body.seq as number);
    expect(new Set(seqs).size).toBe(500);

    for (const screen of screens) {
      await waitFor(() => raisedOf(screen, 'burst ').length >= 500, 'every alarm of the burst on the screen');
      const shown = raisedOf(screen, 'burst ');
      expect(shown).toHaveLength(500);
      const shownSeqs = shown.map((event) => event.seq);
      expect(shownSeqs).toEqual([...shownSeqs].sort((a, b) => a - b));
      expect(new Set(shownSeqs)).toEqual(new Set(seqs));
      // Every event the screen got, not only the burst's, came in rising seq order.
      const all = screen.events.map((event) => event.seq);
      expect(all).toEqual([...all].sort((a, b) => a - b));
      screen.close();
    }
    const expected = Array.from({ length: 500 }, (_, n) => `burst ${String(n).padStart(3, '0')}`);
    expect(await storedMessages(server.database.db, 'burst ')).toEqual(expected);

    const port = Number(new URL(server.url).port);
    await server.close();
    server = await startServer(handle, { port, site });
    cookie = await login(server);
    expect(await storedMessages(server.database.db, 'burst ')).toEqual(expected);
    const logged = await rows(server.database.db, sql`select count(*)::int as n from events where type = 'alarm.raised' and payload->'alarm'->>'message' like 'burst %'`);
    expect(Number(logged.rows[0]!.n)).toBe(500);
    // A screen that joins now gets all of them in its snapshot.
    const late = new TestClient(server, cookie);
    await late.connected();
    const snapshot = late.syncs[0]!;
    expect(snapshot.kind).toBe('snapshot');
    const open = snapshot.kind === 'snapshot' ? Object.values(snapshot.state.alarms as Record<string, Alarm>).filter((alarm) => alarm.message.startsWith('burst ')) : [];
    expect(open).toHaveLength(500);
    late.close();
  });

  it('commits the rest of a batch when one append in it fails, and gives the failed one its own error', async () => {
    const screen = new TestClient(server, cookie);
    await screen.connected();
    const deps: Deps = server.app.deps;
    const inputs = [1, 2, 3].map((n) => buildAlarm({ siteId: 'test', source: { deviceId: beams[30 + n]!.id }, message: `mixed ok ${n}` }));
    // Placed first: the appends below read nothing outside their transaction.
    const placements = await Promise.all(inputs.map((input) => placeAlarm(deps, input)));
    const raise = (n: number) =>
      runCommand(deps, { stream: 'live' }, (log) => raiseAlarmIn(log, placements[n - 1]!, inputs[n - 1]!, { actor: { kind: 'system', id: 'test', name: 'test' } }));
    const queue = appendQueueOf(server.database.db);
    const batchesBefore = queue.batches;
    // Issued in one turn: one batch. A database error (the transaction is aborted) and an error of the work itself.
    const outcomes = await Promise.allSettled([
      raise(1),
      runCommand(deps, { stream: 'live' }, async (log) => {
        await log.tx.execute(sql`select 1 / 0`);
      }),
      raise(2),
      runCommand(deps, { stream: 'live' }, async () => {
        throw new Error('this command refuses');
      }),
      raise(3),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const failed = (outcomes[1] as PromiseRejectedResult).reason as Error;
    expect(String((failed.cause as Error | undefined)?.message ?? failed.message)).toMatch(/division by zero/);
    expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(new Error('this command refuses'));
    // Run optimistically, then again with savepoints where the first failure was, then a third time after the second.
    expect(queue.batches - batchesBefore).toBeLessThanOrEqual(3);
    expect(await storedMessages(server.database.db, 'mixed ok')).toEqual(['mixed ok 1', 'mixed ok 2', 'mixed ok 3']);
    await waitFor(() => raisedOf(screen, 'mixed ok').length === 3, 'the three alarms on the screen');
    const shown = raisedOf(screen, 'mixed ok').map((event) => event.seq);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    screen.close();
  });

  it('raises the new alarms of a batch in one statement beside repeats of open ones, and an alarm that statement cannot store fails alone', async () => {
    const screen = new TestClient(server, cookie);
    await screen.connected();
    const deps: Deps = server.app.deps;
    const actor = { kind: 'system', id: 'test', name: 'test' } as const;
    const repeated = { deviceId: beams[20]!.id };
    expect((await postAlarm(server, buildAlarm({ siteId: 'test', source: repeated, kind: 'door_held', message: 'shared open' }))).status).toBe(201);
    // A row the database refuses (as a site deleted meanwhile would be): the shared statement fails, and only that alarm with it.
    await server.database.db.execute(sql`alter table alarms add constraint test_no_poison check (message <> 'shared poison')`);
    try {
      const queue = appendQueueOf(server.database.db);
      const sharedBefore = queue.sharedParts;
      const inputs = [
        ...beams.slice(0, 12).map((beam, n) => buildAlarm({ siteId: 'test', source: { deviceId: beam.id }, kind: 'vibration', message: `shared new ${String(n).padStart(2, '0')}` })),
        buildAlarm({ siteId: 'test', source: repeated, kind: 'door_held', message: 'shared repeat' }),
        buildAlarm({ siteId: 'test', source: { deviceId: beams[12]!.id }, kind: 'vibration', message: 'shared poison' }),
        // Two new alarms of one source in one batch: the second is its repeat, not a second alarm.
        buildAlarm({ siteId: 'test', source: { deviceId: beams[13]!.id }, kind: 'vibration', message: 'shared twice' }),
        buildAlarm({ siteId: 'test', source: { deviceId: beams[13]!.id }, kind: 'vibration', message: 'shared twice' }),
      ];
      // Placed once first (the devices are then cached), so all are queued in one turn: one batch.
      await Promise.all(inputs.map((input) => placeAlarm(deps, input)));
      const outcomes = await Promise.allSettled(inputs.map((input) => raiseAlarm(deps, input, { actor })));
      expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array(13).fill('fulfilled'), 'rejected', 'fulfilled', 'fulfilled']);
      expect(String(((outcomes[13] as PromiseRejectedResult).reason as Error).cause ?? (outcomes[13] as PromiseRejectedResult).reason)).toMatch(/test_no_poison/);
      const answers = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      expect(answers.map((answer) => answer.status)).toEqual([...Array(12).fill(201), 200, 201, 200]);
      expect(answers[12]!.body.alarm.count).toBe(2);
      expect(answers[14]!.body.alarm.id).toBe(answers[13]!.body.alarm.id);
      expect(answers[14]!.body.alarm.count).toBe(2);
      expect(await storedMessages(server.database.db, 'shared new')).toEqual(Array.from({ length: 12 }, (_, n) => `shared new ${String(n).padStart(2, '0')}`));
      expect(await storedMessages(server.database.db, 'shared poison')).toEqual([]);
      // The optimistic run shared one statement among the new ones (then rolled back); the rerun guards from the poison on.
      expect(queue.sharedParts - sharedBefore).toBeGreaterThanOrEqual(12);
      // Every answer's seq is its event's, and the screen got them in seq order.
      const news = answers.slice(0, 12);
      await waitFor(() => raisedOf(screen, 'shared new').length === 12, 'the twelve new alarms on the screen');
      const shown = raisedOf(screen, 'shared new');
      expect(shown.map((event) => [event.seq, event.payload.alarm.id])).toEqual(news.map((answer) => [answer.body.seq, answer.body.alarm.id]));
      expect(shown.map((event) => event.seq)).toEqual([...shown.map((event) => event.seq)].sort((a, b) => a - b));
    } finally {
      await server.database.db.execute(sql`alter table alarms drop constraint test_no_poison`);
      screen.close();
    }
  });

  it('merges a burst of repeats from one source into one alarm, counting every one', async () => {
    const source = { deviceId: beams[39]!.id };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => postAlarm(server, buildAlarm({ siteId: 'test', source, kind: 'door_held', message: `repeat ${n}` }))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((answer) => answer.body.alarm.id)).size).toBe(1);
    expect(answers.map((answer) => answer.body.alarm.count as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    const stored = await rows(server.database.db, sql`select count(*)::int as n, max(count)::int as count from alarms where device_id = ${beams[39]!.id}`);
    expect(stored.rows[0]).toEqual({ n: 1, count: 20 });
  });

  it('answers a retried POST with the same key with the same alarm, within one batch and across batches', async () => {
    const bodies = Array.from({ length: 10 }, (_, n) => buildAlarm({ message: `keyed ${n}` }));
    // Five copies of each key at once: they land in the same batches.
    const first = await Promise.all(bodies.flatMap((body, n) => [0, 1, 2, 3, 4].map(() => postAlarm(server, body, { 'idempotency-key': `storm-key-${n}` }))));
    expect(first.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    for (let n = 0; n < 10; n += 1) {
      const ofKey = first.slice(n * 5, n * 5 + 5).map((answer) => answer.body);
      for (const body of ofKey) expect(body).toEqual(ofKey[0]);
    }
    // Again later (another batch): the stored answer, nothing new. A different body under a used key is a 409 inside a batch of good ones.
    const again = await Promise.all([
      ...bodies.map((body, n) => postAlarm(server, body, { 'idempotency-key': `storm-key-${n}` })),
      postAlarm(server, { ...bodies[0]!, message: 'keyed other' }, { 'idempotency-key': 'storm-key-0' }),
      ...[0, 1, 2].map((n) => postAlarm(server, buildAlarm({ message: `keyed fresh ${n}` }))),
    ]);
    expect(again.map((answer) => answer.status)).toEqual([...Array(10).fill(201), 409, 201, 201, 201]);
    expect(again[10]!.body.error).toBe('idempotency_conflict');
    for (let n = 0; n < 10; n += 1) expect(again[n]!.body).toEqual(first[n * 5]!.body);
    expect(await storedMessages(server.database.db, 'keyed ')).toEqual([...Array.from({ length: 10 }, (_, n) => `keyed ${n}`), 'keyed fresh 0', 'keyed fresh 1', 'keyed fresh 2'].sort());
  });

  it('refuses appends beyond the queue bound with 503 busy and Retry-After, and stores none of them', async () => {
    const deps: Deps = server.app.deps;
    const queue = appendQueueOf(server.database.db);
    expect(queue.maxPending).toBe(APPEND_QUEUE_MAX);
    const bodies = beams.slice(0, 20).map((beam, n) => buildAlarm({ siteId: 'test', source: { deviceId: beam.id }, message: `bounded ${String(n).padStart(2, '0')}` }));
    // Placed once now, so the POSTs below read nothing before they reach the queue.
    for (const body of bodies) await placeAlarm(deps, body);
    const refusedBefore = queue.refused;
    queue.maxPending = 6;
    let release = () => {};
    let holding = false;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = runCommand(deps, { stream: 'live' }, async () => {
      holding = true;
      await gate;
    });
    try {
      await waitFor(() => holding, 'the batch that holds the queue');
      const pending = bodies.map((body) => postAlarm(server, body));
      await waitFor(() => queue.refused - refusedBefore === 15, 'fifteen refusals');
      expect(queue.depth).toBe(6);
      expect(await metric(server, 'vigil_append_queue_depth')).toBe(6);
      expect(await metric(server, 'vigil_append_refused_total')).toBe(queue.refused);
      release();
      const answers = await Promise.all(pending);
      const accepted = answers.flatMap((answer, n) => (answer.status === 201 ? [bodies[n]!.message] : []));
      const refused = answers.filter((answer) => answer.status === 503);
      expect(accepted).toHaveLength(5);
      expect(refused).toHaveLength(15);
      for (const answer of refused) {
        expect(answer.body.error).toBe('busy');
        expect(answer.headers.get('retry-after')).toBe('1');
      }
      expect(await storedMessages(server.database.db, 'bounded ')).toEqual([...accepted].sort());
    } finally {
      release();
      queue.maxPending = APPEND_QUEUE_MAX;
      await holder;
    }
    expect(await metric(server, 'vigil_append_queue_depth')).toBe(0);
    // Retried, the refused ones go in.
    const retried = await Promise.all(bodies.map((body) => postAlarm(server, body)));
    expect(retried.filter((answer) => answer.status === 201)).toHaveLength(15);
    expect(await storedMessages(server.database.db, 'bounded ')).toHaveLength(20);
  });
});

// Several pools are several connections: only PostgreSQL has them (PGlite is one connection).
if (testDbKind === 'postgres') {
  describe('appends from four pools keep seq = commit order (postgres)', () => {
    let handle: TestDatabaseHandle;
    let server: TestServer;
    const pools: Database[] = [];

    beforeAll(async () => {
      handle = await createTestDatabase();
      server = await startServer(handle, { site });
      for (let n = 0; n < 4; n += 1) pools.push(await openDatabase(handle.target));
    });
    afterAll(async () => {
      for (const pool of pools) await pool.close();
      await server?.close();
      await handle?.destroy();
    });

    it('a reader polling the log never sees seq N+1 before N, and every append is stored once', async () => {
      const start = Number((await rows(server.database.db, sql`select coalesce(max(seq), 0)::int as seq from events`)).rows[0]!.seq);
      let writing = true;
      const violations: string[] = [];
      const reader = (async () => {
        let seen: number[] = [];
        let polls = 0;
        while (writing || polls < 2) {
          if (!writing) polls += 1;
          const now = (await rows(server.database.db, sql`select seq::int as seq from events where seq > ${start} order by seq`)).rows.map((row) => Number(row.seq));
          const before = new Set(seen);
          const highest = seen.at(-1) ?? start;
          for (const seq of seen) if (!now.includes(seq)) violations.push(`seq ${seq} disappeared`);
          // A seq below the highest one already seen, appearing now, is a gap filled later.
          for (const seq of now) if (!before.has(seq) && seq < highest) violations.push(`seq ${seq} appeared after ${highest}`);
          seen = now;
        }
        return seen;
      })();
      const perPool = 150;
      const written = await Promise.all(
        pools.map(async (pool, p) => {
          const deps: Deps = { db: pool.db, clock: () => new Date(), stream: 'live', onCommitted: () => undefined };
          const events: DomainEvent[] = [];
          // In waves, so the pools' batches interleave.
          for (let wave = 0; wave < 5; wave += 1) {
            const raised = await Promise.all(
              Array.from({ length: perPool / 5 }, (_, n) =>
                raiseAlarm(deps, buildAlarm({ message: `pool ${p} ${wave} ${n}` }), { actor: { kind: 'system', id: 'test', name: 'test' } }),
              ),
            );
            events.push(...raised.map((answer) => ({ seq: answer.body.seq }) as DomainEvent));
          }
          return events;
        }),
      );
      writing = false;
      const seen = await reader;
      expect(violations).toEqual([]);
      const seqs = written.flat().map((event) => event.seq);
      expect(new Set(seqs).size).toBe(4 * perPool);
      expect(seen.filter((seq) => seqs.includes(seq))).toHaveLength(4 * perPool);
      expect(await storedMessages(server.database.db, 'pool ')).toHaveLength(4 * perPool);
    });
  });
}
