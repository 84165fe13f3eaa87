/**
 * The messages between the server's thread and the worker thread that runs PGlite
 * (pglite.worker.ts). Everything here crosses by structured clone: no functions, so a query's
 * result parsers travel as the type OIDs to leave as text (drizzle's only kind of parser).
 */

/** What the worker is started with (`workerData`). */
export interface WorkerInit {
  /** PGlite's data directory; null: in memory (benchmarks). */
  dataDir: string | null;
  /** A session whose client sends nothing for this long is rolled back (idle in transaction). */
  idleInTransactionMs: number;
  /**
   * Shared with the server's thread, which watches it for a statement that runs too long (PGlite
   * has no `statement_timeout` of its own and cannot be interrupted but by ending its thread).
   * Int32 slots, see `Progress`.
   */
  progress: SharedArrayBuffer;
  /** A request that waited in the queue this long before its turn is refused (53300), as a pool refuses after its acquire timeout. */
  queueWaitMs: number;
}

/** Slots of `WorkerInit.progress`. */
export const Progress = {
  /** The id of the request whose statement runs now, 0 when none. */
  running: 0,
  /** Counts statements started, so the watcher can tell one long statement from many short ones. */
  started: 1,
  size: 2,
} as const;

export interface QueryRequest {
  id: number;
  /** When the server's thread sent it (Date.now()), for `queueWaitMs`. */
  at?: number;
  op: 'query';
  sql: string;
  params: unknown[];
  rowMode: 'array' | 'object';
  /** Type OIDs whose values stay the text PostgreSQL sent. */
  rawTypes: number[];
  /** The transaction it belongs to; none: on its own. */
  session?: number;
}

export interface ExecRequest {
  id: number;
  at?: number;
  op: 'exec';
  sql: string;
  session?: number;
}

/** Opens a session: the worker runs BEGIN and then only this session's statements until it ends. */
export interface BeginRequest {
  id: number;
  at?: number;
  op: 'begin';
  session: number;
}

/** COMMIT (`commit`) or ROLLBACK, and the session is released. */
export interface EndRequest {
  id: number;
  op: 'end';
  session: number;
  commit: boolean;
}

export interface CloseRequest {
  id: number;
  op: 'close';
}

/** Test hook: the worker throws on receiving it, outside any request, as a crash would; never answered. */
export interface CrashRequest {
  id: number;
  op: 'crash';
}

export type WorkerRequest = QueryRequest | ExecRequest | BeginRequest | EndRequest | CloseRequest | CrashRequest;

/** A PostgreSQL error's fields (PGlite's DatabaseError), enough for lib/db-errors.ts and the logs. */
export interface WireError {
  message: string;
  name: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  stack?: string;
}

export const WIRE_ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'constraint'] as const;

export type WorkerResponse =
  | { type: 'ready' }
  /** Opening the database failed; the worker exits after this. */
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WireError };

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const wire: WireError = { name: error.name, message: error.message, stack: error.stack };
  const source = error as unknown as Record<string, unknown>;
  for (const field of WIRE_ERROR_FIELDS) {
    if (typeof source[field] === 'string') wire[field] = source[field];
  }
  return wire;
}
