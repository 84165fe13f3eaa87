import type { Actor } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import { listConfiguredCameras } from '../repositories/camera-streams.repository.js';
import type { Deps } from '../services/deps.js';
import { changeDeviceStatus } from '../services/sites/devices.service.js';
import type { Relay } from './relay.js';

export interface CameraHealthOptions {
  /** Between the end of one round of checks and the start of the next. */
  intervalMs?: number;
  /** Consecutive failed checks before an online camera is marked offline. */
  failuresBeforeOffline?: number;
  /** Cameras checked at once. */
  concurrency?: number;
  /** Several nodes: only the leader checks (one status change per camera, not one per node). */
  isLeader?: () => boolean;
  /** Each round this node runs (/metrics: `vigil_duty_rounds_total{duty="camera_health"}`). */
  onRound?: () => void;
}

export const cameraHealthActor: Actor = { kind: 'system', id: 'camera-health', name: 'camera health check' };

/**
 * Loads every configured camera's main playlist through the relay, as a screen would. A camera
 * that fails `failuresBeforeOffline` times in a row goes from online to offline
 * (`device.statusChanged`); an offline camera whose playlist answers again goes back online.
 * Other statuses (fault, disabled, alarm) are left to whoever set them.
 */
export function startCameraHealth(deps: Deps, relay: Relay, log: FastifyBaseLogger, options: CameraHealthOptions = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 30_000;
  const threshold = options.failuresBeforeOffline ?? 3;
  const concurrency = options.concurrency ?? 4;
  const failures = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  /** Checked before every camera and in every status change's transaction: a round stops the moment leadership is lost. */
  const leading = () => !stopped && (!options.isLeader || options.isLeader());

  async function check(cameraId: string, status: string): Promise<void> {
    let failure: string | null = null;
    try {
      await relay.serve({ kind: 'playlist', cameraId, variant: 'main' }, null);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    // Leadership lost during the probe: the new leader decides this camera's status.
    if (!leading()) return;
    // And asked again in the write's transaction: it may wait there behind a storm's appends.
    const onlyIf = leading;
    if (failure === null) {
      failures.delete(cameraId);
      if (status === 'offline' && (await changeDeviceStatus(deps, cameraId, 'online', cameraHealthActor, { onlyIf })).changed) {
        log.info({ cameraId }, 'camera stream answers again: online');
      }
      return;
    }
    const count = (failures.get(cameraId) ?? 0) + 1;
    failures.set(cameraId, count);
    if (count >= threshold && status === 'online' && (await changeDeviceStatus(deps, cameraId, 'offline', cameraHealthActor, { onlyIf })).changed) {
      log.warn({ cameraId, failure }, 'camera stream failing: offline');
    }
  }

  async function checkAll(): Promise<void> {
    if (!leading()) {
      // A new leader counts failures from zero: this node's old counts are stale by then.
      failures.clear();
      return;
    }
    options.onRound?.();
    const cameras = await listConfiguredCameras(deps.db);
    const configured = new Set(cameras.map((camera) => camera.cameraId));
    for (const cameraId of failures.keys()) if (!configured.has(cameraId)) failures.delete(cameraId);
    const queue = [...cameras];
    const worker = async () => {
      for (let camera = queue.shift(); camera && leading(); camera = queue.shift()) await check(camera.cameraId, camera.status);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = checkAll()
        .catch((error: unknown) => log.error({ err: error }, 'camera health check failed'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
