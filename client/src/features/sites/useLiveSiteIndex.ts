import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { indexSite, type SiteIndex } from './siteIndex';

/**
 * The wall's site as the live state has it (the sync, then `site.*` and `device.statusChanged`
 * events), falling back to the one fetched over HTTP until the sync has brought it.
 */
export function useLiveSiteIndex(fetched: SiteIndex | null): SiteIndex | null {
  const liveSite = useAlarmStore((store) => (fetched ? store.live.sites[fetched.site.id] : undefined));
  return useMemo(() => (liveSite ? indexSite(liveSite) : fetched), [liveSite, fetched]);
}
