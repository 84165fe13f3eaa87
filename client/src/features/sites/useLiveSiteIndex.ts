import type { Site } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { indexSite, type SiteIndex } from './siteIndex';
import { useSiteIndex } from './siteStore';

/**
 * One index per live site object, shared by every component that asks (the map, each queue
 * row, the details), and built from the index before it so removed devices keep their names.
 */
const latestBySite = new Map<string, SiteIndex>();

function liveIndex(site: Site, fetched: SiteIndex | null): SiteIndex {
  const latest = latestBySite.get(site.id);
  if (latest?.site === site) return latest;
  const index = indexSite(site, latest ?? fetched ?? undefined);
  latestBySite.set(site.id, index);
  return index;
}

/**
 * The wall's site as the live state has it (the sync, then `site.*` and `device.statusChanged`
 * events), falling back to the one fetched over HTTP until the sync has brought it.
 */
export function useLiveSiteIndex(fetched: SiteIndex | null): SiteIndex | null {
  const liveSite = useAlarmStore((store) => (fetched ? store.live.sites[fetched.site.id] : undefined));
  return useMemo(() => (liveSite ? liveIndex(liveSite, fetched) : fetched), [liveSite, fetched]);
}

/** Whether two versions of a site differ in their devices' statuses at most (a device went offline). */
export function sameButStatuses(a: Site, b: Site): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof Site)[]) if (key !== 'devices' && a[key] !== b[key]) return false;
  if (a.devices.length !== b.devices.length) return false;
  return a.devices.every((device, index) => {
    const other = b.devices[index]!;
    if (device === other) return true;
    for (const key of Object.keys(device) as (keyof typeof device)[]) if (key !== 'status' && device[key] !== other[key]) return false;
    return Object.keys(other).length === Object.keys(device).length;
  });
}

/** Per site, the index place words were last made from (kept while only statuses change). */
const placeIndexBySite = new Map<string, SiteIndex>();

/** Each live site object's answer, so the devices are compared once per change, not once per row and store change. */
const placeIndexOfSite = new WeakMap<Site, SiteIndex>();

function placeIndex(site: Site, fetched: SiteIndex | null): SiteIndex {
  const known = placeIndexOfSite.get(site);
  if (known) return known;
  const kept = placeIndexBySite.get(site.id);
  const index = kept && sameButStatuses(kept.site, site) ? kept : liveIndex(site, fetched);
  placeIndexBySite.set(site.id, index);
  placeIndexOfSite.set(site, index);
  return index;
}

/**
 * The site the page shows, live: what every place text is worded from, so a rename shows at
 * once. A device's status change keeps the index it gives (the words do not change), so a storm of
 * devices going offline does not re-render every queue row.
 */
export function useCurrentSiteIndex(): SiteIndex | null {
  const fetched = useSiteIndex();
  const live = useAlarmStore((store) => {
    const site = fetched ? store.live.sites[fetched.site.id] : undefined;
    return site ? placeIndex(site, fetched) : null;
  });
  return live ?? fetched;
}
