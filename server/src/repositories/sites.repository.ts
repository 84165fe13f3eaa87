import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Device, DeviceStatus, Site, Zone } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { devices, sites, zones } from '../db/schema/index.js';

export type SiteRow = typeof sites.$inferSelect;
export type ZoneRow = typeof zones.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;

/*
 * An Executor may be a transaction, which is one connection: its queries run one after another
 * (never Promise.all, which pg 8 queues with a deprecation warning and pg 9 refuses).
 */

/** Every site with its zones and devices; `siteIds` (null: every site) limits it to those. */
export async function listSiteRows(db: Executor, siteIds: readonly string[] | null = null): Promise<{ sites: SiteRow[]; zones: ZoneRow[]; devices: DeviceRow[] }> {
  if (siteIds !== null && siteIds.length === 0) return { sites: [], zones: [], devices: [] };
  const only = siteIds === null ? undefined : [...siteIds];
  const siteRows = await db.select().from(sites).where(only ? inArray(sites.id, only) : undefined).orderBy(sites.id);
  const zoneRows = await db.select().from(zones).where(only ? inArray(zones.siteId, only) : undefined).orderBy(zones.id);
  const deviceRows = await db.select().from(devices).where(only ? inArray(devices.siteId, only) : undefined).orderBy(devices.id);
  return { sites: siteRows, zones: zoneRows, devices: deviceRows };
}

export async function findSite(db: Executor, id: string): Promise<SiteRow | undefined> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row;
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.id, id)).limit(1);
  return row;
}

export async function findDeviceByExternalId(db: Executor, externalId: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.externalId, externalId)).limit(1);
  return row;
}

export async function findZone(db: Executor, id: string): Promise<ZoneRow | undefined> {
  const [row] = await db.select().from(zones).where(eq(zones.id, id)).limit(1);
  return row;
}

function siteValues(site: Omit<Site, 'zones' | 'devices'>) {
  return {
    id: site.id,
    name: site.name,
    nameEn: site.nameEn,
    planWidth: site.plan.width,
    planHeight: site.plan.height,
    floors: site.floors,
    anchor: site.anchor,
    backdrop: site.backdrop,
  };
}

function zoneValues(zone: Zone) {
  return { id: zone.id, siteId: zone.siteId, name: zone.name, nameEn: zone.nameEn, kind: zone.kind, floor: zone.floor, geometry: zone.geometry };
}

function deviceValues(device: Device) {
  return {
    id: device.id,
    siteId: device.siteId,
    zoneId: device.zoneId,
    kind: device.kind,
    name: device.name,
    nameEn: device.nameEn,
    x: device.position[0],
    y: device.position[1],
    floor: device.floor,
    status: device.status,
    camera: device.camera,
    linkedCameraIds: device.linkedCameraIds,
  };
}

/** Writes a whole site (its plan, zones and devices) in the caller's transaction. */
export async function insertSite(db: Executor, site: Site): Promise<void> {
  await db.insert(sites).values(siteValues(site));
  await insertChildren(db, site);
}

async function insertChildren(db: Executor, site: Site): Promise<void> {
  for (let i = 0; i < site.zones.length; i += 500) await db.insert(zones).values(site.zones.slice(i, i + 500).map(zoneValues));
  for (let i = 0; i < site.devices.length; i += 500) await db.insert(devices).values(site.devices.slice(i, i + 500).map(deviceValues));
}

/** One site with its zones and devices, rows as stored. */
export async function findSiteRows(db: Executor, id: string): Promise<{ site: SiteRow; zones: ZoneRow[]; devices: DeviceRow[] } | undefined> {
  const site = await findSite(db, id);
  if (!site) return undefined;
  const zoneRows = await db.select().from(zones).where(eq(zones.siteId, id)).orderBy(zones.id);
  const deviceRows = await db.select().from(devices).where(eq(devices.siteId, id)).orderBy(devices.id);
  return { site, zones: zoneRows, devices: deviceRows };
}

export async function devicesInZone(db: Executor, zoneId: string): Promise<DeviceRow[]> {
  return db.select().from(devices).where(eq(devices.zoneId, zoneId)).orderBy(devices.id);
}

/** Zones and devices with these ids that belong to another site (an import must not take them over). */
export async function idsOwnedElsewhere(db: Executor, siteId: string, ids: string[]): Promise<{ id: string; siteId: string }[]> {
  if (ids.length === 0) return [];
  const zoneRows = await db.select({ id: zones.id, siteId: zones.siteId }).from(zones).where(and(inArray(zones.id, ids), ne(zones.siteId, siteId)));
  const deviceRows = await db
    .select({ id: devices.id, siteId: devices.siteId })
    .from(devices)
    .where(and(inArray(devices.id, ids), ne(devices.siteId, siteId)));
  return [...zoneRows, ...deviceRows];
}

/** The devices of a site that name this camera among their linked cameras. */
export async function devicesLinkingTo(db: Executor, siteId: string, cameraId: string): Promise<DeviceRow[]> {
  return db
    .select()
    .from(devices)
    .where(and(eq(devices.siteId, siteId), sql`${devices.linkedCameraIds} @> ${JSON.stringify([cameraId])}::jsonb`))
    .orderBy(devices.id);
}

/* Changes for `changeWithEvent`: each returns the row it touched. */

export function zoneUpsert(db: Executor, zone: Zone) {
  const { id: _id, ...set } = zoneValues(zone);
  return db.insert(zones).values(zoneValues(zone)).onConflictDoUpdate({ target: zones.id, set }).returning({ id: zones.id });
}

export function zoneDelete(db: Executor, zoneId: string) {
  return db.delete(zones).where(eq(zones.id, zoneId)).returning({ id: zones.id });
}

export function deviceUpsert(db: Executor, device: Device) {
  const { id: _id, ...set } = deviceValues(device);
  return db.insert(devices).values(deviceValues(device)).onConflictDoUpdate({ target: devices.id, set }).returning({ id: devices.id });
}

export function deviceDelete(db: Executor, deviceId: string) {
  return db.delete(devices).where(eq(devices.id, deviceId)).returning({ id: devices.id });
}

/** Touches the row only when the status really changes. */
export function deviceStatusUpdate(db: Executor, deviceId: string, status: DeviceStatus) {
  return db
    .update(devices)
    .set({ status })
    .where(and(eq(devices.id, deviceId), ne(devices.status, status)))
    .returning({ id: devices.id });
}

export function siteUpsert(db: Executor, site: Omit<Site, 'zones' | 'devices'>) {
  const { id: _id, ...set } = siteValues(site);
  return db.insert(sites).values(siteValues(site)).onConflictDoUpdate({ target: sites.id, set }).returning({ id: sites.id });
}

/** Replaces a site's zones and devices (an import): the old ones go, the new ones come. */
export async function replaceSiteChildren(db: Executor, site: Site): Promise<void> {
  // The document has no integration ids: a device that stays keeps its own.
  const kept = await db
    .select({ id: devices.id, externalId: devices.externalId })
    .from(devices)
    .where(eq(devices.siteId, site.id));
  await db.delete(devices).where(eq(devices.siteId, site.id));
  await db.delete(zones).where(eq(zones.siteId, site.id));
  await insertChildren(db, site);
  for (const { id, externalId } of kept) {
    if (externalId && site.devices.some((device) => device.id === id)) await db.update(devices).set({ externalId }).where(eq(devices.id, id));
  }
}
