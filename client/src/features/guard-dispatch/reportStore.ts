import { createStore, del, delMany, get, keys, set, setMany, type UseStore } from 'idb-keyval';
import type { QueuedReport } from './reportOutbox';

/**
 * Where the report outbox keeps its reports between page loads. IndexedDB (through idb-keyval),
 * not localStorage: a photo is up to ~1–2 MB and localStorage holds ~5 MB of strings in all.
 * The list (small, rewritten on every change of phase) and each photo (written once, at the
 * press) are kept under separate keys, so a retry does not rewrite megabytes.
 */
export interface ReportStore {
  loadQueue: () => Promise<QueuedReport[]>;
  /** The list as it is now, and with it a new report's photo, in one transaction. */
  saveQueue: (reports: readonly QueuedReport[], photo?: { commandId: string; blob: Blob }) => Promise<void>;
  loadPhoto: (commandId: string) => Promise<Blob | null>;
  deletePhotos: (commandIds: readonly string[]) => Promise<void>;
  /** Photos no report in `keep` points to (left when the page died between two writes). */
  prunePhotos: (keep: readonly string[]) => Promise<void>;
  /** Everything of this user: sign-out. */
  clear: () => Promise<void>;
}

/** The photo as bytes and type: some phones' IndexedDB cannot keep a Blob (older Safari), every one keeps an ArrayBuffer. */
interface StoredPhoto {
  type: string;
  bytes: ArrayBuffer;
}

export const REPORT_DB = 'vigil-report-outbox';
const REPORT_STORE = 'reports';

let shared: UseStore | null = null;
/** One connection for the page (opened at first use: a page that never reports opens none). */
const defaultStore = () => (shared ??= createStore(REPORT_DB, REPORT_STORE));

const PHASES = ['waiting', 'sending', 'sent', 'failed'] as const;
const isQueuedReport = (value: unknown): value is QueuedReport => {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as QueuedReport;
  return (
    typeof report.commandId === 'string' &&
    typeof report.dispatchId === 'string' &&
    typeof report.note === 'string' &&
    (report.photoBytes === null || typeof report.photoBytes === 'number') &&
    typeof report.pressedAt === 'string' &&
    PHASES.includes(report.phase) &&
    typeof report.attempts === 'number' &&
    typeof report.refusals === 'number'
  );
};

/** One user's reports on this phone (keys `['queue', userId]` and `['photo', userId, commandId]`). */
export function idbReportStore(userId: string, store: () => UseStore = defaultStore): ReportStore {
  const queueKey = ['queue', userId];
  const photoKey = (commandId: string) => ['photo', userId, commandId];
  const photoKeys = async () =>
    (await keys<IDBValidKey>(store())).filter((key): key is string[] => Array.isArray(key) && key[0] === 'photo' && key[1] === userId);
  return {
    loadQueue: async () => {
      const loaded: unknown = await get(queueKey, store());
      return Array.isArray(loaded) ? loaded.filter(isQueuedReport) : [];
    },
    saveQueue: async (reports, photo) => {
      if (!photo) return set(queueKey, reports, store());
      const stored: StoredPhoto = { type: photo.blob.type, bytes: await photo.blob.arrayBuffer() };
      await setMany(
        [
          [photoKey(photo.commandId), stored],
          [queueKey, reports],
        ],
        store(),
      );
    },
    loadPhoto: async (commandId) => {
      const stored = await get<StoredPhoto>(photoKey(commandId), store());
      return stored ? new Blob([stored.bytes], { type: stored.type }) : null;
    },
    deletePhotos: (commandIds) => delMany(commandIds.map(photoKey), store()),
    prunePhotos: async (keep) => {
      const orphans = (await photoKeys()).filter((key) => !keep.includes(key[2] ?? ''));
      if (orphans.length > 0) await delMany(orphans, store());
    },
    clear: async () => {
      await delMany(await photoKeys(), store());
      await del(queueKey, store());
    },
  };
}
