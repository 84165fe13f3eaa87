import { tourPosition, type TileContent } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import type { SiteIndex } from '../sites/siteIndex';

/** A tile's content in words: the camera's name, the tour's current camera, the map, the alarm list. */
export function useTileLabel(index: SiteIndex | null): (content: TileContent, now: number) => string {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  return useCallback(
    (content, now) => {
      const cameraName = (cameraId: string) => {
        const camera = index?.devices.get(cameraId);
        return camera ? nameOf(camera) : t('console.unknownCamera', { id: cameraId });
      };
      switch (content.kind) {
        case 'empty':
          return t('console.tile.empty');
        case 'camera':
          return cameraName(content.cameraId);
        case 'map':
          return t('console.tile.map');
        case 'alarms':
          return t('console.tile.alarms');
        case 'incident':
          return t('console.tile.incident');
        case 'tour': {
          const position = tourPosition(content, now);
          const where = position ? `${position.index + 1}/${content.cameraIds.length} ${cameraName(position.cameraId)}` : '';
          return content.pausedAt ? t('console.tile.tourPaused', { where }) : t('console.tile.tour', { where });
        }
      }
    },
    [index, nameOf, t],
  );
}
