import type { Alarm } from '@vigil/shared';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { placeOf, type AlarmPlace } from '../sites/siteIndex';
import { useCurrentSiteIndex } from '../sites/useLiveSiteIndex';

export interface AlarmPlaceText extends AlarmPlace {
  /** "Device · Zone", or whatever of the two is known; a removed one says so. */
  label: string;
  floorName: string | null;
}

type NameOf = (entity: { name: string; nameEn: string | null }) => string;

function deviceWords(place: AlarmPlace, nameOf: NameOf, t: TFunction): string | null {
  if (place.device) return nameOf(place.device);
  if (!place.removedDevice) return null;
  const last = place.removedDevice.entity;
  return last ? t('wallOps.place.deviceRemovedNamed', { name: nameOf(last) }) : t('wallOps.place.deviceRemoved');
}

function zoneWords(place: AlarmPlace, nameOf: NameOf, t: TFunction): string | null {
  if (place.zone) return nameOf(place.zone);
  if (!place.removedZone) return null;
  const last = place.removedZone.entity;
  return last ? t('wallOps.place.zoneRemovedNamed', { name: nameOf(last) }) : t('wallOps.place.zoneRemoved');
}

/**
 * Where an alarm is, in the words of the current language, from the live site: a device renamed
 * or removed while the page is open changes the text at once (wall PCs run for weeks).
 */
export function useAlarmPlace(alarm: Alarm): AlarmPlaceText {
  const { t } = useTranslation();
  const index = useCurrentSiteIndex();
  const nameOf = useLocalizedName();
  return useMemo(() => {
    const place: AlarmPlace = index
      ? placeOf(alarm, index)
      : { device: null, zone: null, removedDevice: null, removedZone: null, position: null, floor: null };
    const names = [deviceWords(place, nameOf, t), zoneWords(place, nameOf, t)].filter((words) => words !== null);
    const floor = index?.site.floors.find((candidate) => candidate.level === place.floor);
    return {
      ...place,
      label: names.length > 0 ? names.join(' · ') : t('alarms.unknownSource'),
      floorName: floor ? nameOf(floor) : null,
    };
  }, [alarm, index, nameOf, t]);
}
