import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { CameraFrame } from './CameraFrame';
import { useCamera } from './useCamera';

/** One camera large, on its main stream, over the page until closed (Esc or the button). */
export function CameraViewer({ cameraId, onClose }: { cameraId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const camera = useCamera(cameraId);
  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <section
        className="camera-viewer"
        role="dialog"
        aria-label={camera ? nameOf(camera) : cameraId}
        onClick={(event) => event.stopPropagation()}
        data-testid="camera-viewer"
      >
        <CameraFrame cameraId={cameraId} variant="main" />
        <button type="button" className="button camera-viewer__close" onClick={onClose}>
          {t('video.closeViewer')}
        </button>
      </section>
    </div>
  );
}
