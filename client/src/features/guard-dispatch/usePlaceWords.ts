import type { Incident, Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useFloorName } from '../sites/useFloorName';

const NO_FLOORS: Pick<Site, 'floors'> = { floors: [] };

/** Where an incident is, in words: "Building 3 lobby · Ground floor". */
export function usePlaceWords(incident: Incident, site: Site | undefined): string {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floorName = useFloorName(site ?? NO_FLOORS);
  const location = incident.location;
  if (!location) return t('dispatchPhone.incident.noPlace');
  const zone = location.zoneId ? site?.zones.find((candidate) => candidate.id === location.zoneId) : undefined;
  return t('dispatchPhone.incident.place', { zone: zone ? nameOf(zone) : t('dispatchPhone.incident.noZone'), floor: floorName(location.floor) });
}
