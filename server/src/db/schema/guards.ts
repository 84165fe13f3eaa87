import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FixSource, GuardStatus } from '@vigil/shared';
import { sites } from './sites.js';
import { users } from './auth.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const guards = pgTable('guards', {
  id: text('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  callsign: text('callsign').notNull(),
  name: text('name').notNull(),
  status: text('status').$type<GuardStatus>().notNull().default('off_duty'),
  onShift: boolean('on_shift').notNull().default(false),
  trackerId: text('tracker_id').unique(),
  /** sha256 of the secret in the guard's tracker URL (`/osmand/<token>`); null: legacy, the bare id. */
  trackerTokenHash: text('tracker_token_hash').unique(),
  userId: uuid('user_id')
    .unique()
    .references(() => users.id),
  /** The zones the guard was last seen in, so enter/exit survives a restart. */
  zoneIds: text('zone_ids').array().notNull().default([]),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/**
 * The positions lane (DESIGN.md §2): narrow, written in batches. One fix per guard per
 * instant, so a fix sent twice (a flushed offline queue, a retried tracker) is stored once.
 */
export const positions = pgTable(
  'positions',
  {
    guardId: text('guard_id').notNull(),
    at: tz('at').notNull(),
    receivedAt: tz('received_at').notNull(),
    siteId: text('site_id').notNull(),
    x: doublePrecision('x').notNull(),
    y: doublePrecision('y').notNull(),
    floor: integer('floor').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    accuracy: doublePrecision('accuracy'),
    heading: doublePrecision('heading'),
    speed: doublePrecision('speed'),
    battery: doublePrecision('battery'),
    source: text('source').$type<FixSource>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.guardId, table.at] }), index('positions_site_at_idx').on(table.siteId, table.at)],
);
