import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { placeOf, type SiteIndex } from '../features/sites/siteIndex';
import { useQueue } from '../features/alarms/useQueue';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { useMapView } from './mapViewStore';

/** One button per floor (shown only when the site has several), each with its open alarm count. */
export function FloorSwitcher({ index }: { index: SiteIndex }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floor = useMapView((view) => view.floor);
  const setFloor = useMapView((view) => view.setFloor);
  const { open } = useQueue();
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
