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

/** The site the page shows, live: what every place text is worded from, so a rename shows at once. */
export function useCurrentSiteIndex(): SiteIndex | null {
  return useLiveSiteIndex(useSiteIndex());
}
