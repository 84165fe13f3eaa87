import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../db/client.js';
import type { VigilServer } from '../realtime/socket-server.js';
import type { TrackerLookup } from '../services/positions/record-tracker-fixes.js';
import { TrackerDirectory, type TrackerDirectoryOptions } from './tracker-directory.js';
import { UnknownTrackerLog } from './unknown-trackers.js';

/** The server-side message (through the cluster adapter, to no socket) telling the other nodes a guard's tracker URL changed. */
export const TRACKER_CHANGED = 'vigil:tracker-changed';
const TrackerChanged = z.object({ guardId: z.string().min(1).max(200) });

/** The adapter's server-side messages, as `cluster.ts` uses them for fixes, with an event name of ours. */
interface ServerSideBus {
  serverSideEmit(event: string, message: unknown): unknown;
  of(namespace: '/'): { on(event: string, listener: (message: unknown) => void): unknown };
}

/** What the tracker ingest routes share on one node: the guard lookup cache and the unknown-id log. */
export interface Trackers {
  directory: TrackerDirectory;
  lookup: TrackerLookup;
  /** A guard's tracker URL was rotated or cleared (not an event): drop it here and on every other node. */
  changed(guardId: string): void;
  /** Several nodes: send and take `changed` through the cluster adapter. */
  share(io: VigilServer): void;
}

export function createTrackers(db: Executor, log: FastifyBaseLogger, options: TrackerDirectoryOptions = {}): Trackers {
  const directory = new TrackerDirectory(db, options);
  const unknown = new UnknownTrackerLog((details, message) => log.warn(details, message));
  let bus: ServerSideBus | null = null;
  return {
    directory,
    lookup: { directory, onUnknown: (trackerId) => unknown.seen(trackerId) },
    changed(guardId) {
      directory.forgetGuard(guardId);
      bus?.serverSideEmit(TRACKER_CHANGED, { guardId });
    },
    share(io) {
      bus = io as unknown as ServerSideBus;
      bus.of('/').on(TRACKER_CHANGED, (message) => {
        const parsed = TrackerChanged.safeParse(message);
        if (parsed.success) directory.forgetGuard(parsed.data.guardId);
        else log.warn('dropped a malformed tracker-changed message from another node');
      });
    },
  };
}
