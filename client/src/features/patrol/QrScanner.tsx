import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The phone's camera looking for a QR code (jsQR on each frame, drawn to a canvas). The camera
 * needs a secure page: the phone opens Vigil by its HTTPS LAN address (README, phone section).
 */
export function QrScanner({ onText, onClose }: { onText: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(onText);
  done.current = onText;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const look = () => {
      if (stopped) return;
      const element = video.current;
      if (element && context && element.readyState >= 2 && element.videoWidth > 0) {
        // A smaller copy decodes faster; a label fills much of the picture anyway.
        const scale = Math.min(1, 640 / element.videoWidth);
        canvas.width = Math.round(element.videoWidth * scale);
        canvas.height = Math.round(element.videoHeight * scale);
        context.drawImage(element, 0, 0, canvas.width, canvas.height);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' });
        if (found?.data) {
          done.current(found.data);
          return;
        }
      }
      frame = requestAnimationFrame(look);
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(window.isSecureContext ? 'getUserMedia' : 'https');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((media) => {
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play().catch(() => undefined);
        }
        frame = requestAnimationFrame(look);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.name : String(reason)));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="qr-scanner" data-testid="qr-scanner">
      <video ref={video} muted playsInline />
      <div className="qr-scanner__bar">
        <p className="patrol-card__notice" role="status">
          {error ? t('patrol.phone.cameraDenied', { detail: error }) : t('patrol.phone.scanning')}
        </p>
        <button type="button" onClick={onClose}>
          {t('patrol.phone.cancelScan')}
        </button>
      </div>
    </div>
  );
}
