import { tileCount, type Monitor, type TileContent } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useConsole, DEFAULT_DWELL_SECONDS } from './consoleStore';
import type { WallCommands } from './useWallCommands';

/** What is aimed at, and what else than a camera can go there: the map, the alarm list, a tour, nothing. */
export function TargetBar({ monitors, siteId, commands }: { monitors: Monitor[]; siteId: string; commands: WallCommands }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const target = useConsole((store) => store.target);
  const tourCameraIds = useConsole((store) => store.tourCameraIds);
  const dwellSeconds = useConsole((store) => store.dwellSeconds);
  const setDwell = useConsole((store) => store.setDwell);
  const clearTour = useConsole((store) => store.clearTour);
  const monitor = target ? monitors.find((candidate) => candidate.id === target.monitorId) : undefined;
  const aimed = target && monitor && (target.index === null || target.index < tileCount(monitor.view.layout)) ? target : null;
  const tile: TileContent | undefined = aimed && aimed.index !== null ? monitor?.view.tiles[aimed.index] : undefined;

  const where = !aimed || !monitor
    ? t('console.noTarget')
    : aimed.index === null
      ? t('console.targetWhole', { monitor: nameOf(monitor) })
      : t('console.targetTile', { monitor: nameOf(monitor), tile: aimed.index + 1 });

  const handleTour = () => {
    if (!aimed || tourCameraIds.length === 0) return;
    void commands.assign(aimed, { kind: 'tour', cameraIds: tourCameraIds, dwellSeconds }).then((ok) => {
      if (ok) clearTour();
    });
  };
  const tourControl = (action: 'pause' | 'resume' | 'next' | 'previous') => {
    if (aimed && aimed.index !== null) void commands.tour(aimed.monitorId, aimed.index, action);
  };

  return (
    <section className="target-bar" aria-label={t('console.target')} data-testid="target-bar">
      <span className="target-bar__where" data-testid="target-where">
        {where}
      </span>
      <div className="target-bar__actions">
        <button type="button" className="button button--small" disabled={!aimed} onClick={() => aimed && void commands.assign(aimed, { kind: 'map', siteId, floor: 0 })}>
          {t('console.sendMap')}
        </button>
        <button type="button" className="button button--small" disabled={!aimed} onClick={() => aimed && void commands.assign(aimed, { kind: 'alarms' })}>
          {t('console.sendAlarms')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!aimed}
          onClick={() => aimed && void commands.assign(aimed, { kind: 'incident', incidentId: null })}
          data-testid="send-incident"
        >
          {t('incidents.sendTile')}
        </button>
        <button type="button" className="button button--small" disabled={!aimed} onClick={() => aimed && void commands.assign(aimed, { kind: 'empty' })}>
          {t('console.clear')}
        </button>
      </div>
      <div className="target-bar__tour">
        <span className="target-bar__tour-count">{t('console.tourCameras', { count: tourCameraIds.length })}</span>
        <label className="target-bar__dwell">
          {t('console.dwell')}
          <input
            className="input input--small input--number"
            type="number"
            min={3}
            max={600}
            value={dwellSeconds}
            onChange={(event) => setDwell(Number(event.target.value) || DEFAULT_DWELL_SECONDS)}
          />
        </label>
        <button type="button" className="button button--small button--primary" disabled={!aimed || tourCameraIds.length === 0} onClick={handleTour} data-testid="start-tour">
          {t('console.startTour')}
        </button>
        {tile?.kind === 'tour' && (
          <span className="target-bar__tour-controls" data-testid="tour-controls">
            <button type="button" className="button button--small" onClick={() => tourControl('previous')}>
              {t('console.tourPrevious')}
            </button>
            {tile.pausedAt ? (
              <button type="button" className="button button--small" onClick={() => tourControl('resume')}>
                {t('console.tourResume')}
              </button>
            ) : (
              <button type="button" className="button button--small" onClick={() => tourControl('pause')}>
                {t('console.tourPause')}
              </button>
            )}
            <button type="button" className="button button--small" onClick={() => tourControl('next')}>
              {t('console.tourNext')}
            </button>
          </span>
        )}
      </div>
    </section>
  );
}
