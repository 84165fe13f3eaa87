import type { Hazard, Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';

/** Where a hazard is: its checkpoint or device by name, else the floor it was reported on (by the site's name for it). */
export function useHazardPlace(site: Site | undefined): (hazard: Hazard) => string {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  return (hazard) => {
    const device = hazard.deviceId ? site?.devices.find((d) => d.id === hazard.deviceId) : undefined;
    if (device) return nameOf(device);
    if (!hazard.location) return t('patrol.hazard.noPlace');
    const { floor: level } = hazard.location;
    const floor = site?.floors.find((candidate) => candidate.level === level);
    return floor ? nameOf(floor) : t('patrol.hazard.onFloor', { floor: level });
  };
}

/** The hazard's photos, each a link opening it full size. */
export function HazardPhotos({ hazard, className }: { hazard: Hazard; className?: string }) {
  const { t } = useTranslation();
  if (hazard.photoIds.length === 0) return null;
  return (
    <span className={className}>
      {hazard.photoIds.map((photoId, index) => (
        <a key={photoId} href={`/api/v1/hazards/${hazard.id}/photos/${photoId}`} target="_blank" rel="noreferrer" data-testid="hazard-photo-link">
          {t('patrol.hazard.photoN', { index: index + 1 })}
        </a>
      ))}
    </span>
  );
}
