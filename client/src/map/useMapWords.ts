import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../i18n/useLocalizedName';
import type { MapWords } from './siteLayers';

export function useMapWords(): MapWords {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  return useMemo(
    () => ({
      zoneName: nameOf,
      deviceName: nameOf,
      deviceKind: (kind) => t(`deviceKind.${kind}`),
      deviceStatus: (status) => t(`deviceStatus.${status}`),
    }),
    [nameOf, t],
  );
}
