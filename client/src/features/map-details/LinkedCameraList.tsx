import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import type { SiteIndex } from '../sites/siteIndex';
import { useDetailsSelection } from './detailsSelection';

/** A device's linked cameras (set in the site editor), each opening its own details. */
export function LinkedCameraList({ deviceId, index }: { deviceId: string; index: SiteIndex }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const select = useDetailsSelection((selection) => selection.select);
  const device = index.devices.get(deviceId);
  if (!device) return null;
  const cameras = device.linkedCameraIds.flatMap((id) => {
    const camera = index.devices.get(id);
    return camera ? [camera] : [];
  });
  return (
    <section className="details-panel__alarms" data-testid="details-linked-cameras">
      <h3>{t('details.linkedCameras')}</h3>
      {cameras.length === 0 ? (
        <p>{t('details.noLinkedCameras')}</p>
      ) : (
        <ul className="details-panel__links">
          {cameras.map((camera) => (
            <li key={camera.id}>
              <button type="button" className="details-panel__link" onClick={() => select({ kind: 'device', id: camera.id })}>
                {nameOf(camera)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
