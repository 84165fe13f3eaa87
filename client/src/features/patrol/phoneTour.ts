import { checkpointFromQr, nextCheckpointIndex, tourStatus, type PatrolTour } from '@vigil/shared';
import type { QueuedCheckin } from './checkinOutbox';
import type { CheckpointMark } from './PatrolMap';

/** A tour counts as due from this long before its start (the guard gets ready). */
export const SHOW_BEFORE_MS = 3 * 3_600_000;

/** The tour the phone shows: the earliest one in progress (the guard's own before a post's), else the next to start within SHOW_BEFORE_MS. */
export function dueTour(tours: readonly PatrolTour[], now: Date): PatrolTour | null {
  // The guard's own tours (a phone holds no other guard's) before their post's, then by start.
  const own = (tour: PatrolTour) => (tour.guardId ? 0 : 1);
  const sorted = [...tours].sort((a, b) => own(a) - own(b) || a.startsAt.localeCompare(b.startsAt));
  return (
    sorted.find((tour) => tourStatus(tour, now) === 'in_progress') ??
    sorted.find((tour) => tourStatus(tour, now) === 'upcoming' && Date.parse(tour.startsAt) - now.getTime() <= SHOW_BEFORE_MS) ??
    null
  );
}

/** The checkpoint a queued scan names, as far as the phone can tell (an NFC tag is mapped by the server). */
const deviceOfQueued = (item: QueuedCheckin) => item.deviceId ?? (item.qrText ? checkpointFromQr(item.qrText) : null);

/** The tour as the phone sees it: scans still in its queue count as checked here (they are on their way). */
export function withQueued(tour: PatrolTour, queued: readonly QueuedCheckin[]): PatrolTour {
  const pending = new Map(
    queued.filter((item) => item.tourId === tour.id && item.phase !== 'failed').flatMap((item) => {
      const deviceId = deviceOfQueued(item);
      return deviceId ? [[deviceId, item.scannedAt] as const] : [];
    }),
  );
  if (pending.size === 0) return tour;
  return { ...tour, checkpoints: tour.checkpoints.map((c) => (c.checkedAt || !pending.has(c.deviceId) ? c : { ...c, checkedAt: pending.get(c.deviceId)! })) };
}

export function marksOf(tour: PatrolTour): { deviceId: string; mark: CheckpointMark }[] {
  const next = nextCheckpointIndex(tour);
  return tour.checkpoints.map((c, index) => ({
    deviceId: c.deviceId,
    mark: c.checkedAt ? (c.flagged ? 'flagged' : 'checked') : c.missedAt ? 'missed' : index === next ? 'next' : 'pending',
  }));
}
