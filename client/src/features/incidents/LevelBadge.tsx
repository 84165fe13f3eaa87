import type { IncidentLevel, IncidentState, PriorityBand } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { PriorityShape } from '../alarms/PriorityShape';

const BAND: Record<IncidentLevel, PriorityBand> = { 1: 'critical', 2: 'high', 3: 'medium' };

/** Level I/II/III in colour, shape and words (I is the most severe: the critical band's triangle). */
export function LevelBadge({ level }: { level: IncidentLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`priority-badge level-badge band-${BAND[level]}`} data-testid="incident-level" data-level={level} title={t('incidents.levelHint')}>
      <PriorityShape band={BAND[level]} />
      <span>{t(`incidents.level.${level}`)}</span>
    </span>
  );
}

export function IncidentStateBadge({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return (
    <span className={`incident-state incident-state--${state}`} data-testid="incident-state" data-state={state}>
      {t(`incidents.state.${state}`)}
    </span>
  );
}
