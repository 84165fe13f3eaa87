import { useTranslation } from 'react-i18next';

interface MapControlsProps {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFitSite: () => void;
}

export function MapControls({ onZoomIn, onZoomOut, onFitSite }: MapControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="map-controls">
      <button type="button" className="map-controls__button" title={t('map.zoomIn')} aria-label={t('map.zoomIn')} onClick={onZoomIn}>
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M4 10h12M10 4v12" />
        </svg>
      </button>
      <button type="button" className="map-controls__button" title={t('map.zoomOut')} aria-label={t('map.zoomOut')} onClick={onZoomOut}>
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M4 10h12" />
        </svg>
      </button>
      <button type="button" className="map-controls__button map-controls__button--text" onClick={onFitSite}>
        {t('map.fitSite')}
      </button>
    </div>
  );
}
