import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { CameraFrame } from '../../video/CameraFrame';
import type { SiteIndex } from '../sites/siteIndex';
import { useConsole } from './consoleStore';
import type { WallCommands } from './useWallCommands';

/** The camera last picked in the list: what it is, and sending it to the aimed tile or monitor. */
export function CameraPreview({ index, commands }: { index: SiteIndex; commands: WallCommands }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const cameraId = useConsole((store) => store.previewCameraId);
  const target = useConsole((store) => store.target);
  const preview = useConsole((store) => store.preview);
  const camera = cameraId ? index.devices.get(cameraId) : undefined;
  if (!camera) return null;
  const zone = camera.zoneId ? index.zones.get(camera.zoneId) : undefined;
  return (
    <section className="console-panel camera-preview" data-testid="camera-preview" data-camera-id={camera.id}>
      <header className="console-panel__header">
        <h2>{nameOf(camera)}</h2>
        <button type="button" className="button button--small button--quiet" onClick={() => preview(null)}>
          {t('console.closePreview')}
        </button>
      </header>
      <CameraFrame cameraId={camera.id} variant="sub" />
      <p className="camera-preview__facts">
        {[zone ? nameOf(zone) : null, t(`deviceStatus.${camera.status}`)].filter(Boolean).join(' · ')}
      </p>
      <button
        type="button"
        className="button button--primary"
        disabled={!target}
        onClick={() => target && void commands.assign(target, { kind: 'camera', cameraId: camera.id })}
      >
        {target ? t('console.sendToTarget') : t('console.chooseTargetFirst')}
      </button>
    </section>
  );
}
