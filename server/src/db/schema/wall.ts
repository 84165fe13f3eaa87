import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { AlarmRule, WallView } from '@vigil/shared';
import { devices, sites } from './sites.js';

/** A monitor of the video wall; its view is what the operators last sent to it. */
export const monitors = pgTable('monitors', {
  id: text('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  position: integer('position').notNull().default(0),
  view: jsonb('view').$type<WallView>().notNull(),
  alarmRule: jsonb('alarm_rule').$type<AlarmRule>(),
  releasedAlarmIds: text('released_alarm_ids').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A saved view that operators send to a monitor. */
export const wallPresets = pgTable('wall_presets', {
  id: text('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  view: jsonb('view').$type<WallView>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Where the relay fetches a camera's video. Never sent to screens (the URLs may carry the
 * camera's credentials); screens only see the relay's own paths.
 */
export const cameraStreams = pgTable('camera_streams', {
  deviceId: text('device_id')
    .primaryKey()
    .references(() => devices.id, { onDelete: 'cascade' }),
  mainUrl: text('main_url').notNull(),
  subUrl: text('sub_url'),
  snapshotUrl: text('snapshot_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
