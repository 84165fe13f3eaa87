import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Monitor, WallPreset } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { cameraStreams, monitors, wallPresets } from '../db/schema/index.js';

export type MonitorRow = typeof monitors.$inferSelect;
export type PresetRow = typeof wallPresets.$inferSelect;
export type CameraStreamsRow = typeof cameraStreams.$inferSelect;

/** `siteIds` (null: every site) limits the list to those sites' monitors. */
export function listMonitors(db: Executor, siteIds: readonly string[] | null = null): Promise<MonitorRow[]> {
  const only = siteIds === null ? undefined : siteIds.length === 0 ? sql`false` : inArray(monitors.siteId, [...siteIds]);
  return db.select().from(monitors).where(only).orderBy(asc(monitors.position), asc(monitors.id));
}

export async function findMonitor(db: Executor, id: string): Promise<MonitorRow | undefined> {
  const [row] = await db.select().from(monitors).where(eq(monitors.id, id)).limit(1);
  return row;
}

export function listPresets(db: Executor, siteIds: readonly string[] | null = null): Promise<PresetRow[]> {
  const only = siteIds === null ? undefined : siteIds.length === 0 ? sql`false` : inArray(wallPresets.siteId, [...siteIds]);
  return db.select().from(wallPresets).where(only).orderBy(asc(wallPresets.id));
}

export async function findPreset(db: Executor, id: string): Promise<PresetRow | undefined> {
  const [row] = await db.select().from(wallPresets).where(eq(wallPresets.id, id)).limit(1);
  return row;
}

function monitorValues(monitor: Monitor) {
  return {
    id: monitor.id,
    siteId: monitor.siteId,
    name: monitor.name,
    nameEn: monitor.nameEn,
    position: monitor.position,
    view: monitor.view,
    alarmRule: monitor.alarmRule,
    releasedAlarmIds: monitor.releasedAlarmIds,
  };
}

/** Statements for `changeWithEvent`: each returns the row it touched. */
export function monitorUpsert(db: Executor, monitor: Monitor) {
  const { id: _id, ...set } = monitorValues(monitor);
  return db.insert(monitors).values(monitorValues(monitor)).onConflictDoUpdate({ target: monitors.id, set }).returning({ id: monitors.id });
}

export function monitorUpdate(db: Executor, id: string, patch: Partial<Omit<Monitor, 'id'>>) {
  return db.update(monitors).set(patch).where(eq(monitors.id, id)).returning({ id: monitors.id });
}

export function monitorDelete(db: Executor, id: string) {
  return db.delete(monitors).where(eq(monitors.id, id)).returning({ id: monitors.id });
}

export function presetUpsert(db: Executor, preset: WallPreset) {
  const values = { id: preset.id, siteId: preset.siteId, name: preset.name, nameEn: preset.nameEn, view: preset.view };
  const { id: _id, ...set } = values;
  return db.insert(wallPresets).values(values).onConflictDoUpdate({ target: wallPresets.id, set }).returning({ id: wallPresets.id });
}

export function presetDelete(db: Executor, id: string) {
  return db.delete(wallPresets).where(eq(wallPresets.id, id)).returning({ id: wallPresets.id });
}
