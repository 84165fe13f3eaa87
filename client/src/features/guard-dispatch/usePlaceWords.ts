import type { Incident, Site } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { indexSite, zoneAt } from '../sites/siteIndex';
import { useFloorName } from '../sites/useFloorName';

const NO_FLOORS: Pick<Site, 'floors'> = { floors: [] };

/** Where an incident is, in words: "Building 3 · Ground" (the zone it names, else the one its point is in). */
export function usePlaceWords(incident: Incident, site: Site | undefined): string {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floorName = useFloorName(site ?? NO_FLOORS);
  const index = useMemo(() => (site ? indexSite(site) : null), [site]);
  const location = incident.location;
  if (!location) return t('dispatchPhone.incident.noPlace');
  const named = location.zoneId ? index?.zones.get(location.zoneId) : undefined;
  const zone = named ?? (index ? zoneAt(index, location.position, location.floor) : null);
  return t('dispatchPhone.incident.place', { zone: zone ? nameOf(zone) : t('dispatchPhone.incident.noZone'), floor: floorName(location.floor) });
}
