import type { Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { placeOf, type AlarmPlace } from '../sites/siteIndex';
import { useSiteIndex } from '../sites/siteStore';

export interface AlarmPlaceText extends AlarmPlace {
  /** "Device · Zone", or whatever of the two is known. */
  label: string;
  floorName: string | null;
}

/** Where an alarm is, in the words of the current language. */
export function useAlarmPlace(alarm: Alarm): AlarmPlaceText {
  const { t } = useTranslation();
  const index = useSiteIndex();
  const nameOf = useLocalizedName();
  return useMemo(() => {
    const place: AlarmPlace = index ? placeOf(alarm, index) : { device: null, zone: null, position: null, floor: null };
    const names = [place.device, place.zone].flatMap((entity) => (entity ? [nameOf(entity)] : []));
    const floor = index?.site.floors.find((candidate) => candidate.level === place.floor);
    return {
      ...place,
      label: names.length > 0 ? names.join(' · ') : t('alarms.unknownSource'),
      floorName: floor ? nameOf(floor) : null,
    };
  }, [alarm, index, nameOf, t]);
}
