import { checkpointQrText, type Device, type PatrolRoute, type Site } from '@vigil/shared';
import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { fetchRoute } from '../features/patrol/patrolApi';
import { fetchSites } from '../features/sites/sitesApi';
import { describeError } from '../i18n/describeError';
import '../features/patrol/patrol.css';

interface Label {
  device: Device;
  index: number;
  image: string;
}

/** `/admin/patrols/:routeId/labels`: an A4 sheet of QR labels, one per checkpoint of the route, to print and stick up. */
export default function PatrolLabelsScreen() {
  const { t } = useTranslation();
  const { routeId = '' } = useParams();
  const [route, setRoute] = useState<PatrolRoute | null>(null);
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('patrol.labels.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    let current = true;
    void (async () => {
      const loaded = await fetchRoute(routeId);
      const site: Site | undefined = (await fetchSites()).find((s) => s.id === loaded.siteId);
      const made = await Promise.all(
        loaded.checkpoints.flatMap((stop, index) => {
          const device = site?.devices.find((d) => d.id === stop.deviceId);
          if (!device) return [];
          return [
            qrSvg(checkpointQrText(device.id), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => ({
              device,
              index,
              image: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
            })),
          ];
        }),
      );
      if (current) {
        setRoute(loaded);
        setLabels(made);
      }
    })().catch((reason: unknown) => current && setError(describeError(reason, t)));
    return () => {
      current = false;
    };
  }, [routeId, t]);

  return (
    <div className="qr-labels" data-testid="qr-labels">
      <div className="qr-labels__bar">
        <h1 style={{ margin: 0, flex: 1 }}>
          {t('patrol.labels.title')}
          {route ? ` · ${route.name}${route.nameEn ? ` / ${route.nameEn}` : ''}` : ''}
        </h1>
        <span>{t('patrol.labels.hint')}</span>
        <button type="button" onClick={() => window.print()} data-testid="labels-print">
          {t('patrol.labels.print')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      <div className="qr-labels__sheet">
        {(labels ?? []).map((label) => (
          <figure key={label.device.id} className="qr-label" data-testid="qr-label" data-device={label.device.id}>
            <img src={label.image} alt={checkpointQrText(label.device.id)} />
            <p className="qr-label__name">
              {label.device.name}
              {label.device.nameEn ? ` · ${label.device.nameEn}` : ''}
            </p>
            <p className="qr-label__meta">
              {t('patrol.labels.order', { index: label.index + 1 })} · {route?.name} · {checkpointQrText(label.device.id)}
            </p>
          </figure>
        ))}
      </div>
    </div>
  );
}
