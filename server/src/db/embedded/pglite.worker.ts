/**
 * PGlite on a thread of its own (worker_threads), so a long statement or a storm of small ones
 * never holds the server's event loop: PGlite runs each statement synchronously in WebAssembly.
 *
 * The worker runs one request at a time, in the order they arrive, and keeps its own queue: while
 * a session (a transaction) is open only that session's statements run, none interleaved, from
 * its BEGIN to its COMMIT or ROLLBACK. A session whose client sends nothing for
 * `idleInTransactionMs` is rolled back. Before each statement it records which request runs in
 * the shared `progress` slots, for the server's thread to end a statement that runs too long.
 *
 * Bundled beside server.js by scripts/build.mjs; from source, by worker-client.ts (see there).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { Progress, toWireError, type WorkerInit, type WorkerRequest, type WorkerResponse } from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const progress = new Int32Array(init.progress);

const keepText = (value: string) => value;

function send(message: WorkerResponse): void {
  port.postMessage(message);
}

/** A PostgreSQL-shaped error: its SQLSTATE is what lib/db-errors.ts reads. */
function sqlError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

interface Session {
  id: number;
  inbox: WorkerRequest[];
  /** A statement in it failed: PostgreSQL would turn its COMMIT into a silent ROLLBACK. */
  failed: boolean;
  idle: NodeJS.Timeout | null;
}

/** Sessions rolled back for idling: their next request is told so (bounded, oldest forgotten). */
const expired = new Set<number>();
const EXPIRED_KEPT = 1_000;

let db: PGlite;
const queue: WorkerRequest[] = [];
let session: Session | null = null;
let busy = false;
let closing = false;

async function statement<T>(id: number, run: () => Promise<T>): Promise<T> {
  Atomics.store(progress, Progress.running, id);
  Atomics.add(progress, Progress.started, 1);
  try {
    return await run();
  } finally {
    Atomics.store(progress, Progress.running, 0);
  }
}

function queryOptions(request: Extract<WorkerRequest, { op: 'query' }>): QueryOptions {
  return { rowMode: request.rowMode, parsers: Object.fromEntries(request.rawTypes.map((oid) => [oid, keepText])) };
}

async function run(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return statement(request.id, () => db.query(request.sql, request.params, queryOptions(request)));
    case 'exec':
      return statement(request.id, () => db.exec(request.sql));
    case 'begin':
      await statement(request.id, () => db.exec('begin'));
      session = { id: request.session, inbox: [], failed: false, idle: null };
      return null;
    case 'end': {
      const ending = session!;
      session = null;
      if (request.commit && !ending.failed) {
        await statement(request.id, () => db.exec('commit'));
        return null;
      }
      await statement(request.id, () => db.exec('rollback'));
      if (request.commit) throw sqlError('25P02', 'current transaction was aborted by an earlier statement; it was rolled back, nothing was committed');
      return null;
    }
    case 'close':
      closing = true;
      await db.close();
      return null;
    case 'crash':
      return null; // handled on arrival, see `receive`
  }
}

function armIdle(current: Session): void {
  if (current.idle) clearTimeout(current.idle);
  current.idle = setTimeout(() => {
    current.idle = null;
    if (session !== current || busy) return;
    // The client stopped sending: roll it back so every other request may run again.
    session = null;
    expired.add(current.id);
    if (expired.size > EXPIRED_KEPT) expired.delete(expired.values().next().value!);
    busy = true;
    statement(-current.id, () => db.exec('rollback'))
      .catch(() => undefined)
      .finally(() => {
        busy = false;
        pump();
      });
  }, init.idleInTransactionMs);
}

function next(): WorkerRequest | undefined {
  if (session) return session.inbox.shift();
  return queue.shift();
}

/** Refuses a request that waited past `queueWaitMs` for its turn: its caller gets a prompt 503, not a late answer. */
function stale(request: WorkerRequest): boolean {
  if (!('at' in request) || request.at === undefined || Date.now() - request.at <= init.queueWaitMs) return false;
  const waited = Date.now() - request.at;
  send({ type: 'error', id: request.id, error: toWireError(sqlError('53300', `the embedded database is busy: the request waited ${waited} ms for its turn; try again in 5 s`)) });
  return true;
}

function pump(): void {
  if (busy) return;
  let request = next();
  // Only requests outside a session wait in the queue; a session's statements are its own.
  while (request && !session && stale(request)) request = next();
  if (!request) return;
  busy = true;
  const current = session;
  if (current?.idle) {
    clearTimeout(current.idle);
    current.idle = null;
  }
  run(request).then(
    (result) => send({ type: 'result', id: request.id, result }),
    (error: unknown) => {
      if (current && session === current) current.failed = true;
      send({ type: 'error', id: request.id, error: toWireError(error) });
    },
  ).finally(() => {
    busy = false;
    if (session) armIdle(session);
    if (closing) {
      port.close();
      return;
    }
    pump();
  });
}

function receive(request: WorkerRequest): void {
  // Test hook: an uncaught fault, as one inside PGlite would be; the thread ends with every request after it unanswered.
  if (request.op === 'crash') throw new Error('the embedded database worker was told to crash (test)');
  const sessionId = request.op === 'query' || request.op === 'exec' || request.op === 'end' ? request.session : undefined;
  if (sessionId === undefined) {
    queue.push(request);
  } else if (session?.id === sessionId) {
    session.inbox.push(request);
  } else if (expired.has(sessionId)) {
    if (request.op === 'end') expired.delete(sessionId);
    if (request.op === 'end' && !request.commit) {
      send({ type: 'result', id: request.id, result: null });
    } else {
      const error = sqlError('25P03', `terminating the transaction: idle in transaction for longer than ${init.idleInTransactionMs} ms; it was rolled back`);
      send({ type: 'error', id: request.id, error: toWireError(error) });
    }
    return;
  } else {
    send({ type: 'error', id: request.id, error: toWireError(sqlError('08003', `no open transaction ${sessionId} on the embedded database`)) });
    return;
  }
  pump();
}

try {
  db = await PGlite.create(init.dataDir ?? undefined);
} catch (error) {
  send({ type: 'failed', error: toWireError(error) });
  port.close();
  throw error;
}
port.on('message', receive);
send({ type: 'ready' });
