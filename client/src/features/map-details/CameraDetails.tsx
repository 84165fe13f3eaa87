import { can, type Device } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { CameraFrame } from '../../video/CameraFrame';
import { CameraViewer } from '../../video/CameraViewer';
import { useSession } from '../auth/sessionStore';
import { ConsoleFailure } from '../wall/ConsoleFailure';
import { useMonitors } from '../wall/useWall';
import { useWallCommands } from '../wall/useWallCommands';

/** A camera clicked on the map: its live picture, a large view, and (for operators) sending it to a monitor. */
export function CameraDetails({ camera }: { camera: Device }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [viewing, setViewing] = useState(false);
  const mayWatch = useSession((session) => (session.user ? can(session.user.role, 'wall.watch') : false));
  const mayControl = useSession((session) => (session.user ? can(session.user.role, 'wall.control') : false));
  const monitors = useMonitors().filter((monitor) => monitor.siteId === camera.siteId);
  const commands = useWallCommands();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (!mayWatch) return null;

  const handleSend = (monitorId: string) => {
    if (!monitorId) return;
    void commands.assign({ monitorId, index: null }, { kind: 'camera', cameraId: camera.id }).then((ok) => setSentTo(ok ? monitorId : null));
  };
  const sentMonitor = monitors.find((monitor) => monitor.id === sentTo);

  return (
    <section className="camera-details" data-testid="camera-details">
      <CameraFrame cameraId={camera.id} variant="sub" />
      <div className="camera-details__actions">
        <button type="button" className="button button--small" onClick={() => setViewing(true)} data-testid="open-camera">
          {t('video.openLarge')}
        </button>
        {mayControl && monitors.length > 0 && (
          <select className="select select--small" value="" onChange={(event) => handleSend(event.target.value)} aria-label={t('video.sendToMonitor')} data-testid="send-camera-to-monitor">
            <option value="">{t('video.sendToMonitor')}</option>
            {monitors.map((monitor) => (
              <option key={monitor.id} value={monitor.id}>
                {nameOf(monitor)}
              </option>
            ))}
          </select>
        )}
      </div>
      <ConsoleFailure />
      {sentMonitor && <p className="camera-details__sent">{t('video.sentTo', { monitor: nameOf(sentMonitor) })}</p>}
      {viewing && <CameraViewer cameraId={camera.id} onClose={() => setViewing(false)} />}
    </section>
  );
}
