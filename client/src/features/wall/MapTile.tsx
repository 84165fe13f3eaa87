import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteMap } from '../../map/SiteMap';
import { useMapView } from '../../map/mapViewStore';
import { useAlarmStore } from '../alarms/alarmStore';
import { indexSite } from '../sites/siteIndex';

/**
 * The site map at the tile's floor, with live alarms and guards on it. The map's floor is the
 * page's (one map store per page): a monitor shows one floor at a time.
 */
export function MapTile({ siteId, floor }: { siteId: string; floor: number }) {
  const { t } = useTranslation();
  const site = useAlarmStore((store) => store.live.sites[siteId]);
  const index = useMemo(() => (site ? indexSite(site) : null), [site]);

  useEffect(() => {
    useMapView.getState().setFloor(floor);
  }, [floor]);

  if (!index) return <div className="wall-tile__quiet">{t('monitor.map.noSite')}</div>;
  return <SiteMap index={index} />;
}
