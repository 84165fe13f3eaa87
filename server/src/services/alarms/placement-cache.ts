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
 * cache saves a round trip per alarm. Only found rows are kept, so a device added a moment ago
 * is seen at once; an edit elsewhere shows within TTL_MS.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Cached<T> {
  value: T;
  until: number;
}

class LookupCache<T> {
  private readonly entries = new Map<string, Cached<T>>();

  clear(): void {
    this.entries.clear();
  }

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (value === undefined) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + TTL_MS });
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
  invalidate: () => {
    devicesById.clear();
    devicesByExternalId.clear();
    sitesById.clear();
  },
};
