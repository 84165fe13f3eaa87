import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toString as qrSvg } from 'qrcode';

/** A QR code of `url` (SVG, drawn here: no network needed), with the URL under it for typing. */
export function QrCode({ url, testId }: { url: string; testId: string }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void qrSvg(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [url]);
  return (
    <figure className="qr-code" data-testid={testId} data-url={url}>
      {source && <img className="qr-code__image" src={source} alt={t('phoneSetup.qrAlt', { url })} />}
      <figcaption className="qr-code__url">{url}</figcaption>
    </figure>
  );
}
