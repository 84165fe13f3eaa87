import { doublePrecision, integer, jsonb, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';
import type { CameraView, DeviceKind, DeviceStatus, Floor, GeoAnchor, SiteBackdrop, Zone, ZoneKind } from '@vigil/shared';

export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  planWidth: doublePrecision('plan_width').notNull(),
  planHeight: doublePrecision('plan_height').notNull(),
  floors: jsonb('floors').$type<Floor[]>().notNull(),
  anchor: jsonb('anchor').$type<GeoAnchor>(),
  backdrop: jsonb('backdrop').$type<SiteBackdrop>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const zones = pgTable(
  'zones',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').$type<ZoneKind>().notNull(),
    floor: integer('floor').notNull().default(0),
    geometry: jsonb('geometry').$type<Zone['geometry']>().notNull(),
  },
  (table) => [index('zones_site_idx').on(table.siteId)],
);

export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    zoneId: text('zone_id').references(() => zones.id),
    kind: text('kind').$type<DeviceKind>().notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    x: doublePrecision('x').notNull(),
    y: doublePrecision('y').notNull(),
    floor: integer('floor').notNull().default(0),
    status: text('status').$type<DeviceStatus>().notNull().default('online'),
    camera: jsonb('camera').$type<CameraView>(),
    linkedCameraIds: jsonb('linked_camera_ids').$type<string[]>().notNull().default([]),
    externalId: text('external_id').unique(),
  },
  (table) => [index('devices_site_idx').on(table.siteId)],
);
