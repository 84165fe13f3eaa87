import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Actor } from '@vigil/shared';

/** The spine: every change of operational state, in commit order (DESIGN.md §1). */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    stream: text('stream').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    siteId: text('site_id').notNull(),
    type: text('type').notNull(),
    actor: jsonb('actor').$type<Actor>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    index('events_stream_seq_idx').on(table.stream, table.seq),
    // By time too: replay's range, markers and seeks find a moment's events by (stream, at).
    index('events_stream_at_idx').on(table.stream, table.at),
    // An alarm's timeline (GET /api/v1/alarms/:id/timeline): its events by the alarm id in the payload
    // (the expression is `eventAlarmId` in alarms.repository.ts); events about no alarm are not in it.
    index('events_alarm_idx')
      .on(sql`(coalesce(${table.payload} ->> 'alarmId', ${table.payload} -> 'alarm' ->> 'id'))`, table.seq)
      .where(sql`coalesce(${table.payload} ->> 'alarmId', ${table.payload} -> 'alarm' ->> 'id') is not null`),
    // The audit log (GET /api/v1/audit): the audit stream and every person's command, newest first by seq
    // (the expression is `isAuditEntry` in audit.repository.ts).
    index('events_audit_idx')
      .on(table.seq)
      .where(sql`${table.stream} = 'audit' or ${table.actor} ->> 'kind' = 'user'`),
  ],
);
