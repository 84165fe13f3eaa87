import { priorityBand } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { PriorityShape } from './PriorityShape';

/** Colour, shape and words together: never colour alone. */
export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const band = priorityBand(priority);
  return (
    <span className={`priority-badge band-${band}`} data-band={band} data-testid="alarm-priority">
      <PriorityShape band={band} />
      <span>{t('priority.label', { priority, band: t(`priority.band.${band}`) })}</span>
    </span>
  );
}
