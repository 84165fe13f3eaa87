import { tourPosition, type TourTile } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { CameraTile } from '../../video/CameraTile';
import type { StreamVariant } from '@vigil/shared';

/**
 * A camera tour (轮巡): the camera whose turn it is now, derived from the tour's start and
 * dwell, so every monitor showing it agrees: it reads the server's clock, not the PC's.
 */
export function TourTileView({ tour, variant }: { tour: TourTile; variant: StreamVariant }) {
  const { t } = useTranslation();
  useNow(1_000); // the turn moves on with the clock
  const position = tourPosition(tour, screenNow());
  if (!position) {
    return (
      <div className="wall-tile__quiet" data-testid="tour-empty">
        {t('monitor.tour.empty')}
      </div>
    );
  }
  const paused = tour.pausedAt !== null;
  const caption = (
    <span className={`tour-indicator${paused ? ' tour-indicator--paused' : ''}`} data-testid="tour-indicator" data-paused={paused}>
      <span className="tour-indicator__icon" aria-hidden="true" />
      {t('monitor.tour.position', { index: position.index + 1, count: tour.cameraIds.length })}
      {paused && <span className="tour-indicator__paused">{t('monitor.tour.paused')}</span>}
    </span>
  );
  return <CameraTile cameraId={position.cameraId} variant={variant} caption={caption} />;
}
