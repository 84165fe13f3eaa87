import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { placeOf, type SiteIndex } from '../features/sites/siteIndex';
import { useQueue } from '../features/alarms/useQueue';
import { useGuardFloorCounts } from '../features/guards/guardFloorCounts';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { useMapView } from './mapViewStore';

/** One button per floor (shown only when the site has several), each with its open alarm count. */
export function FloorSwitcher({ index }: { index: SiteIndex }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floor = useMapView((view) => view.floor);
  const setFloor = useMapView((view) => view.setFloor);
  const { open } = useQueue();
  const guardCounts = useGuardFloorCounts((store) => store.counts);
  const deviceCounts = useMemo(() => {
    const byFloor = new Map<number, number>();
    for (const device of index.site.devices) byFloor.set(device.floor, (byFloor.get(device.floor) ?? 0) + 1);
    return byFloor;
  }, [index]);
  const counts = useMemo(() => {
    const byFloor = new Map<number, number>();
    for (const alarm of open) {
      const level = placeOf(alarm, index).floor;
      if (level !== null) byFloor.set(level, (byFloor.get(level) ?? 0) + 1);
    }
    return byFloor;
  }, [open, index]);

  const floors = index.site.floors;
  if (floors.length < 2) return null;
  return (
    <nav className="floor-switcher" aria-label={t('map.floors')}>
      {[...floors]
        .sort((a, b) => b.level - a.level)
        .map((candidate) => {
          const count = counts.get(candidate.level) ?? 0;
          return (
            <button
              key={candidate.level}
              type="button"
              className="floor-switcher__floor"
              aria-pressed={candidate.level === floor}
              data-testid={`floor-${candidate.level}`}
              onClick={() => setFloor(candidate.level)}
            >
              <span>{nameOf(candidate)}</span>
              <span className="floor-switcher__meta" data-testid={`floor-${candidate.level}-devices`} data-count={deviceCounts.get(candidate.level) ?? 0}>
                {t('guards.floorDevices', { count: deviceCounts.get(candidate.level) ?? 0 })}
              </span>
              <span className="floor-switcher__meta" data-testid={`floor-${candidate.level}-guards`} data-count={guardCounts[candidate.level] ?? 0}>
                {t('guards.floorGuards', { count: guardCounts[candidate.level] ?? 0 })}
              </span>
              {count > 0 && (
                <span className="floor-switcher__count" title={t('map.floorAlarms', { count })}>
                  {count}
                </span>
              )}
            </button>
          );
        })}
    </nav>
  );
}
