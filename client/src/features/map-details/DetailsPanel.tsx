import type { SiteIndex } from '../sites/siteIndex';
import { useTranslation } from 'react-i18next';
import { DeviceDetails } from './DeviceDetails';
import { GuardDetails } from './GuardDetails';
import { LinkedCameraList } from './LinkedCameraList';
import { useDetailsSelection } from './detailsSelection';
import { ZoneDetails } from './ZoneDetails';

/** The guard, device or zone last clicked on the map, over the map's corner away from it, until closed. */
export function DetailsPanel({ index, side = 'right' }: { index: SiteIndex; side?: 'left' | 'right' }) {
  const { t } = useTranslation();
  const feature = useDetailsSelection((selection) => selection.feature);
  const select = useDetailsSelection((selection) => selection.select);
  if (!feature) return null;
  const handleClose = () => select(null);
  return (
    <aside className="details-panel" data-testid="details-panel" data-kind={feature.kind} data-id={feature.id} data-side={side} aria-live="polite">
      <header className="details-panel__header">
        <span className="details-panel__kind">{t(`details.${feature.kind}`)}</span>
        <button type="button" className="details-panel__close" onClick={handleClose} aria-label={t('details.close')}>
          {t('details.close')}
        </button>
      </header>
      {feature.kind === 'guard' && <GuardDetails guardId={feature.id} index={index} />}
      {feature.kind === 'device' && (
        <>
          <DeviceDetails deviceId={feature.id} index={index} />
          <LinkedCameraList deviceId={feature.id} index={index} />
        </>
      )}
      {feature.kind === 'zone' && <ZoneDetails zoneId={feature.id} index={index} />}
    </aside>
  );
}
