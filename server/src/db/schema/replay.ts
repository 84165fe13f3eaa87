import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { LiveStateJson } from '@vigil/shared';

/**
 * Replay's snapshots (DESIGN.md §1): a stream's projected state after the event `seq`, taken every
 * so many events or minutes (shared/domain/replay-seek.ts), so a seek reads one of these and a
 * bounded run of events. Derived data, written off the append path; a repeat of (stream, seq) is
 * the same state and is ignored.
 */
export const checkpoints = pgTable(
  'checkpoints',
  {
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The time of the event `seq`. */
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    state: jsonb('state').$type<LiveStateJson>().notNull(),
    /** The state's resolved alarms in the order they were resolved (server/src/replay/checkpoint-state.ts). */
    resolvedOrder: jsonb('resolved_order').$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.stream, table.seq] }), index('checkpoints_stream_at_idx').on(table.stream, table.at)],
);
