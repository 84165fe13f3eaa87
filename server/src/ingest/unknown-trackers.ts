/** At most one warning per this long, however many unknown trackers report. */
export const UNKNOWN_WARN_EVERY_MS = 30_000;
/** Ids named in one warning; the rest are only counted. */
const SAMPLE_IDS = 10;

/**
 * Fixes from tracker ids no guard has: a device set up before its guard, or one left reporting
 * after its guard was removed. Logged at warn so the admin finds them, but rate-limited: a fleet
 * of misconfigured trackers must not flood the log (one line per interval: count and a few ids).
 */
export class UnknownTrackerLog {
  private count = 0;
  private readonly sample = new Set<string>();
  private lastWarnAt = -Infinity;

  constructor(
    private readonly warn: (details: { unknownFixes: number; trackerIds: string[] }, message: string) => void,
    private readonly everyMs = UNKNOWN_WARN_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  seen(trackerId: string): void {
    this.count += 1;
    if (this.sample.size < SAMPLE_IDS) this.sample.add(trackerId);
    const now = this.now();
    if (now - this.lastWarnAt < this.everyMs) return;
    this.lastWarnAt = now;
    this.warn(
      { unknownFixes: this.count, trackerIds: [...this.sample] },
      'fixes from tracker ids no guard has were refused (400); give the guard that tracker id on the roster, or stop the device',
    );
    this.count = 0;
    this.sample.clear();
  }
}
