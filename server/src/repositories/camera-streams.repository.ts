import { and, eq } from 'drizzle-orm';
import type { DeviceStatus } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { cameraStreams, devices } from '../db/schema/index.js';
import type { CameraStreamsRow } from './wall.repository.js';

export type NewCameraStreamsRow = typeof cameraStreams.$inferInsert;

/** The streams of a camera; none when the device is not a camera (any more) or has none set. */
export async function findCameraStreams(db: Executor, cameraId: string): Promise<CameraStreamsRow | undefined> {
  const [row] = await db
    .select({ streams: cameraStreams })
    .from(cameraStreams)
    .innerJoin(devices, eq(devices.id, cameraStreams.deviceId))
    .where(and(eq(cameraStreams.deviceId, cameraId), eq(devices.kind, 'camera')))
    .limit(1);
  return row?.streams;
}

export async function upsertCameraStreams(db: Executor, row: NewCameraStreamsRow): Promise<CameraStreamsRow> {
  const { deviceId: _deviceId, ...set } = row;
  const [saved] = await db.insert(cameraStreams).values(row).onConflictDoUpdate({ target: cameraStreams.deviceId, set }).returning();
  return saved!;
}

/** Inserts rows for cameras that have none; configured ones are left alone. */
export async function insertMissingCameraStreams(db: Executor, rows: NewCameraStreamsRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(cameraStreams).values(rows).onConflictDoNothing({ target: cameraStreams.deviceId });
}

export async function deleteCameraStreams(db: Executor, cameraId: string): Promise<boolean> {
  const deleted = await db.delete(cameraStreams).where(eq(cameraStreams.deviceId, cameraId)).returning({ deviceId: cameraStreams.deviceId });
  return deleted.length > 0;
}

/** Every camera that has streams, with its current status (for the health check). */
export function listConfiguredCameras(db: Executor): Promise<{ cameraId: string; status: DeviceStatus }[]> {
  return db
    .select({ cameraId: devices.id, status: devices.status })
    .from(cameraStreams)
    .innerJoin(devices, eq(devices.id, cameraStreams.deviceId))
    .where(eq(devices.kind, 'camera'))
    .orderBy(devices.id);
}
