import { DEVICE_KINDS } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteIndex } from '../features/sites/siteIndex';
import { DEVICE_GLYPHS } from './deviceStyles';

/** What the letters in the device markers mean (only the kinds this floor has); folded away until asked for. */
export function MapLegend({ index, floor }: { index: SiteIndex; floor: number }) {
  const { t } = useTranslation();
  const kinds = useMemo(() => {
    const present = new Set(index.site.devices.filter((device) => device.floor === floor).map((device) => device.kind));
    return DEVICE_KINDS.filter((kind) => present.has(kind));
  }, [index, floor]);
  if (kinds.length === 0) return null;
  return (
    <details className="map-legend" data-testid="map-legend">
      <summary>{t('map.legend')}</summary>
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>
            <span className="map-legend__glyph" aria-hidden="true">
              {DEVICE_GLYPHS[kind]}
            </span>
            {t(`deviceKind.${kind}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}
