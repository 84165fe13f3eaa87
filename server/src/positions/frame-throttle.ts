import { MAX_FRAMES_PER_SECOND, type GuardFix, type PositionsFrame } from '@vigil/shared';

const MIN_GAP_MS = 1000 / MAX_FRAMES_PER_SECOND;

interface SiteFrames {
  changed: Map<string, GuardFix>;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Frames per site: the first change goes out at once, later ones are merged (latest fix per
 * guard) and sent at most every 250 ms. Wall-clock time: this paces the wire, not the domain.
 */
export class FrameThrottle {
  private readonly sites = new Map<string, SiteFrames>();

  constructor(
    private readonly emit: (frame: PositionsFrame) => void,
    private readonly now: () => number = Date.now,
  ) {}

  changed(fix: GuardFix): void {
    let site = this.sites.get(fix.siteId);
    if (!site) {
      site = { changed: new Map(), lastSentAt: 0, timer: null };
      this.sites.set(fix.siteId, site);
    }
    site.changed.set(fix.guardId, fix);
    if (site.timer) return;
    const wait = Math.max(0, site.lastSentAt + MIN_GAP_MS - this.now());
    const target = site;
    site.timer = setTimeout(() => this.send(fix.siteId, target), wait);
  }

  /** A guard taken off the roster: its fix not yet sent is not sent. */
  forget(guardId: string): void {
    for (const site of this.sites.values()) site.changed.delete(guardId);
  }

  private send(siteId: string, site: SiteFrames): void {
    site.timer = null;
    if (site.changed.size === 0) return;
    site.lastSentAt = this.now();
    const fixes = [...site.changed.values()];
    site.changed.clear();
    this.emit({ siteId, full: false, fixes });
  }

  close(): void {
    for (const site of this.sites.values()) if (site.timer) clearTimeout(site.timer);
    this.sites.clear();
  }
}
