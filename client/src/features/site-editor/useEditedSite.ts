import type { Site } from '@vigil/shared';
import { useAlarmStore } from '../alarms/alarmStore';
import { useConnection } from '../../realtime/connectionStore';

/**
 * The site being edited, from the live store: every saved edit comes back as its event, so the
 * editor shows exactly what every other screen shows. `?site=<id>` picks one; else the first.
 */
export function useEditedSite(): { site: Site | null; synced: boolean } {
  const siteId = new URLSearchParams(window.location.search).get('site');
  const site = useAlarmStore((store) => {
    const sites = store.live.sites;
    if (siteId) return sites[siteId] ?? null;
    const [first] = Object.keys(sites).sort();
    return first ? (sites[first] ?? null) : null;
  });
  const synced = useConnection((connection) => connection.synced || useAlarmStore.getState().live.seq > 0);
  return { site, synced };
}
