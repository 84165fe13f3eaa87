import type { Site } from '@vigil/shared';
import { useCallback } from 'react';
import { useLocalizedName } from '../../i18n/useLocalizedName';

/** A floor's name in the current language ("Underground garage"), the bare level when the site has no such floor. */
export function useFloorName(site: Pick<Site, 'floors'>): (level: number) => string {
  const nameOf = useLocalizedName();
  return useCallback(
    (level: number) => {
      const floor = site.floors.find((candidate) => candidate.level === level);
      return floor ? nameOf(floor) : String(level);
    },
    [site.floors, nameOf],
  );
}
