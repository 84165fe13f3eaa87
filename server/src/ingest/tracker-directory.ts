import type { DomainEvent } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { findGuardByTracker, findGuardByTrackerToken, type GuardRow } from '../repositories/guards.repository.js';

export interface TrackerDirectoryOptions {
  /** Entries kept at most (least recently used dropped first). */
  maxEntries?: number;
  /** How long a found guard is trusted without asking the database again. */
  ttlMs?: number;
  /** How long "no guard has this tracker" is trusted: short, an unknown id is often one being set up. */
  missTtlMs?: number;
  now?: () => number;
}

export const TRACKER_CACHE_ENTRIES = 50_000;
export const TRACKER_CACHE_TTL_MS = 45_000;
export const TRACKER_MISS_TTL_MS = 5_000;

interface Entry {
  row: GuardRow | undefined;
  expiresAt: number;
}

/**
 * Which guard a tracker reports for, by tracker id (the bare `/osmand?id=`) or by the sha256 of
 * its tracker URL secret: a bounded LRU in front of the guards table, so a fix costs no query.
 * Every node drops a guard's entries when `guard.saved`/`guard.removed` reaches it through the
 * log (`observe`), and when its tracker URL is rotated or cleared (`forgetGuard`, sent to the
 * other nodes by the caller); the TTL bounds anything missed. A lookup that started before a
 * change is never cached after it (the generation check).
 */
export class TrackerDirectory {
  private readonly entries = new Map<string, Entry>();
  /** guard id → its keys in `entries`, to drop them all when the guard changes. */
  private readonly keysOfGuard = new Map<string, Set<string>>();
  /** The keys of cached misses. */
  private readonly missKeys = new Set<string>();
  /** Lookups in flight by key: a burst from one tracker asks the database once. */
  private readonly loading = new Map<string, Promise<GuardRow | undefined>>();
  private generation = 0;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly missTtlMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly db: Executor,
    options: TrackerDirectoryOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? TRACKER_CACHE_ENTRIES;
    this.ttlMs = options.ttlMs ?? TRACKER_CACHE_TTL_MS;
    this.missTtlMs = options.missTtlMs ?? TRACKER_MISS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  byTracker(trackerId: string): Promise<GuardRow | undefined> {
    return this.lookup(`id:${trackerId}`, () => findGuardByTracker(this.db, trackerId));
  }

  byTokenHash(tokenHash: string): Promise<GuardRow | undefined> {
    return this.lookup(`token:${tokenHash}`, () => findGuardByTrackerToken(this.db, tokenHash));
  }

  /** The guard changed (its tracker id, URL, site, removal): its entries, and every miss, are dropped. */
  forgetGuard(guardId: string): void {
    this.generation += 1;
    for (const key of this.keysOfGuard.get(guardId) ?? []) this.entries.delete(key);
    this.keysOfGuard.delete(guardId);
    // A miss may be the tracker id this guard just took: misses are not indexed by guard.
    for (const key of this.missKeys) this.entries.delete(key);
    this.missKeys.clear();
    this.loading.clear();
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.keysOfGuard.clear();
    this.missKeys.clear();
    this.loading.clear();
  }

  /** Every committed event this node applies: roster changes drop what they change. */
  observe(event: DomainEvent): void {
    if (event.type === 'guard.saved') this.forgetGuard(event.payload.guard.id);
    else if (event.type === 'guard.removed') this.forgetGuard(event.payload.guardId);
  }

  private async lookup(key: string, load: () => Promise<GuardRow | undefined>): Promise<GuardRow | undefined> {
    const entry = this.entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.now()) {
        // Most recently used last: Map keeps insertion order.
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.hits += 1;
        return entry.row;
      }
      this.drop(key, entry);
    }
    this.misses += 1;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const loaded = load().finally(() => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    });
    this.loading.set(key, loaded);
    const row = await loaded;
    if (generation === this.generation) this.store(key, row);
    return row;
  }

  private store(key: string, row: GuardRow | undefined): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { row, expiresAt: this.now() + (row ? this.ttlMs : this.missTtlMs) });
    if (row) {
      let keys = this.keysOfGuard.get(row.id);
      if (!keys) this.keysOfGuard.set(row.id, (keys = new Set()));
      keys.add(key);
    } else this.missKeys.add(key);
    while (this.entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.drop(oldestKey, oldest);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (!entry.row) {
      this.missKeys.delete(key);
      return;
    }
    const keys = this.keysOfGuard.get(entry.row.id);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfGuard.delete(entry.row.id);
  }
}
