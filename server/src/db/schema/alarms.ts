import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AlarmKind, AlarmSource, AlarmState, AlarmText, Disposition, Point } from '@vigil/shared';
import { sites } from './sites.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const alarms = pgTable(
  'alarms',
  {
    id: uuid('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    stream: text('stream').notNull().default('live'),
    dedupKey: text('dedup_key').notNull(),
    kind: text('kind').$type<AlarmKind>().notNull(),
    priority: integer('priority').notNull(),
    state: text('state').$type<AlarmState>().notNull(),
    source: jsonb('source').$type<AlarmSource>().notNull(),
    deviceId: text('device_id'),
    zoneId: text('zone_id'),
    location: jsonb('location').$type<{ position: Point; floor: number }>(),
    message: text('message').notNull(),
    /** A server-made alarm's text as a code and params (the screen renders it); null for an integration's. */
    text: jsonb('text').$type<AlarmText>(),
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean>>().notNull(),
    occurredAt: tz('occurred_at').notNull(),
    firstAt: tz('first_at').notNull(),
    lastAt: tz('last_at').notNull(),
    count: integer('count').notNull().default(1),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    acknowledgedAt: tz('acknowledged_at'),
    heldAt: tz('held_at'),
    disposition: text('disposition').$type<Disposition>(),
    note: text('note'),
    resolvedAt: tz('resolved_at'),
    resolvedById: text('resolved_by_id'),
    resolvedByName: text('resolved_by_name'),
    /** The incident it is part of. */
    incidentId: uuid('incident_id'),
    /** When a top-priority alarm left unacknowledged escalated to the commander (the scheduler's, once). */
    escalatedAt: tz('escalated_at'),
  },
  (table) => [
    index('alarms_open_dedup_idx').on(table.stream, table.dedupKey, table.state),
    index('alarms_state_idx').on(table.stream, table.state),
    index('alarms_escalation_idx').on(table.state, table.escalatedAt, table.priority),
    // GET /api/v1/alarms pages newest first by (first_at, id).
    index('alarms_history_idx').on(table.stream, table.firstAt, table.id),
    // The history searched by one device or one zone: that device's or zone's pages without walking every alarm.
    index('alarms_device_history_idx').on(table.stream, table.deviceId, table.firstAt, table.id),
    index('alarms_zone_history_idx').on(table.stream, table.zoneId, table.firstAt, table.id),
    // The site report's scans (reports.repository.ts) and the history searched by one site: that site's period, not every site's.
    index('alarms_site_report_idx').on(table.stream, table.siteId, table.firstAt),
  ],
);
