import type { Device } from '@vigil/shared';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import type { SiteIndex } from '../sites/siteIndex';
import { useConsole } from './consoleStore';
import { CAMERA_DRAG_TYPE } from './MonitorCard';
import type { WallCommands } from './useWallCommands';

/** Every camera of the site by floor: drag one onto a tile, send it to the aimed tile, tick several for a tour. */
export function CameraList({ index, commands }: { index: SiteIndex; commands: WallCommands }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [filter, setFilter] = useState('');
  const target = useConsole((store) => store.target);
  const tourCameraIds = useConsole((store) => store.tourCameraIds);
  const toggleTourCamera = useConsole((store) => store.toggleTourCamera);
  const preview = useConsole((store) => store.preview);
  const previewCameraId = useConsole((store) => store.previewCameraId);

  const floors = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    const cameras = index.site.devices.filter(
      (device) =>
        device.kind === 'camera' &&
        (!wanted || [device.name, device.nameEn ?? '', device.id].some((text) => text.toLowerCase().includes(wanted))),
    );
    return index.site.floors
      .map((floor) => ({ floor, cameras: cameras.filter((camera) => camera.floor === floor.level) }))
      .filter((group) => group.cameras.length > 0);
  }, [index, filter]);

  const handleDragStart = (camera: Device) => (event: DragEvent) => {
    event.dataTransfer.setData(CAMERA_DRAG_TYPE, camera.id);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const handleSend = (camera: Device) => {
    if (target) void commands.assign(target, { kind: 'camera', cameraId: camera.id });
  };

  return (
    <section className="console-panel camera-list" aria-label={t('console.cameras')}>
      <header className="console-panel__header">
        <h2>{t('console.cameras')}</h2>
        <input
          className="input input--small"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder={t('console.filterCameras')}
          aria-label={t('console.filterCameras')}
        />
      </header>
      <div className="camera-list__body">
        {floors.map(({ floor, cameras }) => (
          <div key={floor.level} className="camera-list__floor">
            <h3 className="camera-list__floor-name">{nameOf(floor)}</h3>
            <ul className="camera-list__items">
              {cameras.map((camera) => {
                const tourOrder = tourCameraIds.indexOf(camera.id);
                return (
                  <li
                    key={camera.id}
                    className={`camera-list__item${previewCameraId === camera.id ? ' camera-list__item--previewed' : ''}`}
                    draggable
                    onDragStart={handleDragStart(camera)}
                    data-testid={`camera-${camera.id}`}
                  >
                    <label className="camera-list__tour" title={t('console.addToTour')}>
                      <input type="checkbox" checked={tourOrder >= 0} onChange={() => toggleTourCamera(camera.id)} aria-label={t('console.addToTourNamed', { name: nameOf(camera) })} />
                      {tourOrder >= 0 && <span className="camera-list__tour-order">{tourOrder + 1}</span>}
                    </label>
                    <button type="button" className="camera-list__name" onClick={() => preview(camera.id)} title={t('console.preview')}>
                      <span className={`status-dot status-dot--${camera.status}`} aria-hidden />
                      <span>{nameOf(camera)}</span>
                      {camera.status !== 'online' && <span className="camera-list__status">{t(`deviceStatus.${camera.status}`)}</span>}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => handleSend(camera)}
                      disabled={!target}
                      title={target ? t('console.sendToTarget') : t('console.chooseTargetFirst')}
                      data-testid={`send-${camera.id}`}
                    >
                      {t('console.send')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        {floors.length === 0 && <p className="console-panel__empty">{t('console.noCameras')}</p>}
      </div>
    </section>
  );
}
