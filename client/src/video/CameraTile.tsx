import { cameraSnapshotPath, type StreamVariant } from '@vigil/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { useReplaying } from '../lib/screenClock';
import type { OpenPlayer } from './openPlayer';
import type { StreamState } from './playerController';
import { StreamBadge } from './StreamBadge';
import { useCamera } from './useCamera';
import { useTileActive } from './useTileActive';

interface CameraTileProps {
  cameraId: string;
  /** `sub` in grids, `main` when the tile fills the monitor. */
  variant: StreamVariant;
  /** Shown under the camera's name (a tour's position, say). */
  caption?: ReactNode;
}

/**
 * One camera: live, or in a replay a clear "no recording" placeholder (playing a recording at
 * the replayed moment is a later step). A replay opens no stream and fetches no snapshot: a
 * picture of now would pass for the past.
 */
export function CameraTile(props: CameraTileProps) {
  return useReplaying() ? <NoRecordingTile {...props} /> : <LiveCameraTile {...props} />;
}

function NoRecordingTile({ cameraId, variant, caption }: CameraTileProps) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const camera = useCamera(cameraId);
  const name = camera ? nameOf(camera) : t('video.unknownCamera', { id: cameraId });
  return (
    <div className="camera-tile camera-tile--no-recording" data-testid="camera-tile" data-camera-id={cameraId} data-variant={variant} data-state="no-recording">
      <div className="camera-tile__placeholder">
        <span className="camera-tile__big-state" data-testid="no-recording" title={t('replay.noRecordingHint')}>
          <span className="camera-tile__camera-icon" aria-hidden="true" />
          {t('replay.noRecording')}
        </span>
      </div>
      <div className="camera-tile__overlay">
        <div className="camera-tile__title">
          <span className="camera-tile__name" data-testid="camera-name">
            {name}
          </span>
          {caption}
        </div>
      </div>
    </div>
  );
}

/**
 * One camera, live: its name and stream state over the picture, a snapshot (or a quiet
 * placeholder) while there is no picture. Plays only while on screen in a visible tab.
 */
function LiveCameraTile({ cameraId, variant, caption }: CameraTileProps) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const camera = useCamera(cameraId);
  const tileRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const active = useTileActive(tileRef);
  const [state, setState] = useState<StreamState>('connecting');
  const [snapshotFailed, setSnapshotFailed] = useState(false);

  useEffect(() => {
    const video = videoRef.current;
    if (!active || !video) return;
    setState('connecting');
    // hls.js comes in its own chunk, fetched by the first tile: pages without video never load it.
    let player: OpenPlayer | null = null;
    let closed = false;
    import('./openPlayer')
      .then(({ openPlayer }) => {
        if (!closed) player = openPlayer(video, cameraId, variant, setState);
      })
      .catch(() => setState('offline'));
    return () => {
      closed = true;
      player?.close();
    };
  }, [active, cameraId, variant]);

  useEffect(() => setSnapshotFailed(false), [cameraId]);

  const name = camera ? nameOf(camera) : t('video.unknownCamera', { id: cameraId });
  const showsPicture = active && (state === 'live' || state === 'stalled');

  return (
    <div
      ref={tileRef}
      className={`camera-tile camera-tile--${state}`}
      data-testid="camera-tile"
      data-camera-id={cameraId}
      data-variant={variant}
      data-state={active ? state : 'paused'}
    >
      <video ref={videoRef} className="camera-tile__video" muted playsInline disablePictureInPicture />
      {!showsPicture && (
        <div className="camera-tile__placeholder">
          {!snapshotFailed && <img className="camera-tile__snapshot" src={cameraSnapshotPath(cameraId)} alt="" onError={() => setSnapshotFailed(true)} />}
          <span className="camera-tile__big-state">
            <span className="camera-tile__camera-icon" aria-hidden="true" />
            {t(`video.state.${state}`)}
          </span>
        </div>
      )}
      <div className="camera-tile__overlay">
        <div className="camera-tile__title">
          <span className="camera-tile__name" data-testid="camera-name">
            {name}
          </span>
          {caption}
        </div>
        <div className="camera-tile__status">
          {variant === 'main' && <span className="camera-tile__variant">{t('video.mainStream')}</span>}
          <StreamBadge state={state} />
        </div>
      </div>
    </div>
  );
}
