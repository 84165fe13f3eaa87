import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { AlarmQueue } from '../features/alarms/AlarmQueue';
import { WallPatrols } from '../features/patrol/WallPatrols';
import { useAlertReminder } from '../features/alarms/useAlertReminder';
import { useSiteStore } from '../features/sites/siteStore';
import { useLiveSiteIndex } from '../features/sites/useLiveSiteIndex';
import { SiteMap } from '../map/SiteMap';
import { useMapView } from '../map/mapViewStore';
import { ScreenDataProvider } from '../features/replay/ScreenDataProvider';
import { useShowingStale } from '../realtime/useStale';
import { WallHeader } from './WallHeader';
import { describeError } from '../i18n/describeError';

/** The video wall: the site map with live alarms on it, and the alarm queue beside it. */
export function WallScreen() {
  const { t } = useTranslation();
  const load = useSiteStore((store) => store.load);
  const fetchSite = useSiteStore((store) => store.fetch);
  const index = useLiveSiteIndex(load.status === 'ready' ? load.index : null);
  const stale = useShowingStale();
  useAlertReminder();

  useEffect(() => {
    void fetchSite();
  }, [fetchSite]);

  useEffect(() => {
    if (load.status !== 'ready') return;
    const levels = load.index.site.floors.map((floor) => floor.level);
    if (!levels.includes(useMapView.getState().floor)) useMapView.getState().setFloor(levels.includes(0) ? 0 : (levels[0] ?? 0));
  }, [load]);

  const handleRetry = () => {
    void fetchSite();
  };

  return (
    <ScreenDataProvider>
      {/* Not live: the map and the queue are dimmed, and the header says the time they are from. */}
      <div className={`wall${stale ? ' is-stale' : ''}`} data-testid="wall" data-stale={stale}>
        <WallHeader site={index?.site ?? null} />
        <main className="wall__main">
          {index && <SiteMap index={index} />}
          {load.status === 'loading' && <FullScreenMessage message={t('wall.loadingSite')} />}
          {load.status === 'empty' && <FullScreenMessage message={t('wall.noSite')} />}
          {load.status === 'failed' && (
            <FullScreenMessage message={t('wall.siteError', { message: describeError(load.error, t) })}>
              <button type="button" className="button" onClick={handleRetry}>
                {t('wall.retry')}
              </button>
            </FullScreenMessage>
          )}
          <div className="wall-side">
            <AlarmQueue />
            {index && <WallPatrols site={index.site} />}
          </div>
        </main>
      </div>
    </ScreenDataProvider>
  );
}
