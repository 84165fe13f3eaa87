import type { DomainEvent } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import {
  findDevice,
  findDeviceByExternalId,
  findSite,
  type DeviceRow,
  type SiteRow,
} from '../../repositories/sites.repository.js';

/**
 * Site configuration read on every alarm (which device, which site) changes rarely; a short
 * cache saves a round trip per alarm. A row not found is kept too (an integration that sends
 * its own ids for things Vigil has no device for would otherwise cost a lookup per alarm):
 * every site, zone or device change empties the cache, in this process at its commit and on
 * every node when its broadcaster applies the event (`observe`), so a device added a moment ago
 * is found at once. TTL_MS bounds how long an entry lives whatever happens.
 */
const TTL_MS = 5_000;
/** What an alarm's placement reads: sites, their zones and devices. */
const PLACEMENT_CHANGES: ReadonlySet<DomainEvent['type']> = new Set(['site.saved', 'site.zoneSaved', 'site.zoneRemoved', 'site.deviceSaved', 'site.deviceRemoved']);
const MAX_ENTRIES = 10_000;

interface Cached<T> {
  /** Null: looked up and not found. */
  value: T | null;
  until: number;
}

class LookupCache<T> {
  private readonly entries = new Map<string, Cached<T>>();
  private generation = 0;

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value ?? undefined;
    // A change committed while this lookup ran must not leave what it read behind.
    const generation = this.generation;
    const value = await load();
    if (generation !== this.generation) return value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value: value ?? null, until: Date.now() + TTL_MS });
    return value;
  }
}

const devicesById = new LookupCache<DeviceRow>();
const devicesByExternalId = new LookupCache<DeviceRow>();
const sitesById = new LookupCache<SiteRow>();

/** Keys are per database (several apps share a process in tests). */
const scopes = new WeakMap<object, string>();
let nextScope = 0;
function scope(db: Executor): string {
  let id = scopes.get(db);
  if (!id) scopes.set(db, (id = String((nextScope += 1))));
  return id;
}

export const placementCache = {
  device: (db: Executor, id: string) => devicesById.get(`${scope(db)}:${id}`, () => findDevice(db, id)),
  deviceByExternalId: (db: Executor, externalId: string) =>
    devicesByExternalId.get(`${scope(db)}:${externalId}`, () => findDeviceByExternalId(db, externalId)),
  site: (db: Executor, id: string) => sitesById.get(`${scope(db)}:${id}`, () => findSite(db, id)),
  /** After a site edit in this process: the next alarm reads the new rows. */
  invalidate,
  /** Every committed event, on every node (the broadcaster): a site, zone or device change empties the cache. */
  observe(event: DomainEvent): void {
    if (PLACEMENT_CHANGES.has(event.type)) invalidate();
  },
};

function invalidate(): void {
  devicesById.clear();
  devicesByExternalId.clear();
  sitesById.clear();
}
