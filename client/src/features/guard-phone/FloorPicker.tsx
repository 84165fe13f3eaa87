import type { Floor } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { usePhoneStore } from './phoneStore';

/**
 * "I am on": GPS cannot tell the garage from the ground above it, so the guard says which
 * floor they are on; every fix carries it until changed. Shown only where there is a choice.
 */
export function FloorPicker({ floors }: { floors: readonly Floor[] }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const picked = usePhoneStore((phone) => phone.floor);
  const set = usePhoneStore((phone) => phone.set);
  if (floors.length < 2) return null;
  const current = picked ?? (floors.some((floor) => floor.level === 0) ? 0 : floors[0]!.level);
  return (
    <section className="guard-page__floors" aria-label={t('guardPage.floor')}>
      <h2 className="guard-page__section-title">{t('guardPage.floor')}</h2>
      <div className="guard-page__status-grid">
        {floors.map((floor) => (
          <button
            key={floor.level}
            type="button"
            className="guard-status-button"
            aria-pressed={current === floor.level}
            data-testid={`guard-floor-${floor.level}`}
            onClick={() => set({ floor: floor.level })}
          >
            {nameOf(floor)}
          </button>
        ))}
      </div>
    </section>
  );
}
