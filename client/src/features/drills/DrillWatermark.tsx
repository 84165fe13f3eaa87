import { useTranslation } from 'react-i18next';

const TILES = 48;

/** The diagonal DRILL 演练 across the whole screen, over everything, never in the way of a click. */
export function DrillWatermark() {
  const { t } = useTranslation();
  return (
    <div className="drill-watermark" data-testid="drill-watermark" aria-hidden="true">
      <div className="drill-watermark__grid">
        {Array.from({ length: TILES }, (_, index) => (
          <span key={index}>{t('drills.watermark')}</span>
        ))}
      </div>
    </div>
  );
}
