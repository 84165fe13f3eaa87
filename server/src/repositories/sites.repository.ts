import { eq } from 'drizzle-orm';
import type { Site } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { devices, sites, zones } from '../db/schema/index.js';

export type SiteRow = typeof sites.$inferSelect;
export type ZoneRow = typeof zones.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;

export async function listSiteRows(db: Executor): Promise<{ sites: SiteRow[]; zones: ZoneRow[]; devices: DeviceRow[] }> {
  const [siteRows, zoneRows, deviceRows] = await Promise.all([
    db.select().from(sites).orderBy(sites.id),
    db.select().from(zones).orderBy(zones.id),
    db.select().from(devices).orderBy(devices.id),
  ]);
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

/** Writes a whole site (its plan, zones and devices) in the caller's transaction. */
export async function insertSite(db: Executor, site: Site): Promise<void> {
  await db.insert(sites).values({
    id: site.id,
    name: site.name,
    nameEn: site.nameEn,
    planWidth: site.plan.width,
    planHeight: site.plan.height,
    floors: site.floors,
    anchor: site.anchor,
    backdrop: site.backdrop,
  });
  if (site.zones.length > 0) {
    await db.insert(zones).values(
      site.zones.map((zone) => ({
        id: zone.id,
        siteId: site.id,
        name: zone.name,
        nameEn: zone.nameEn,
        kind: zone.kind,
        floor: zone.floor,
        geometry: zone.geometry,
      })),
    );
  }
  if (site.devices.length > 0) {
    await db.insert(devices).values(
      site.devices.map((device) => ({
        id: device.id,
        siteId: site.id,
        zoneId: device.zoneId,
        kind: device.kind,
        name: device.name,
        nameEn: device.nameEn,
        x: device.position[0],
        y: device.position[1],
        floor: device.floor,
        status: device.status,
        camera: device.camera,
      })),
    );
  }
}
