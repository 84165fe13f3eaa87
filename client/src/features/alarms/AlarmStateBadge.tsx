import type { AlarmState } from '@vigil/shared';
import { useTranslation } from 'react-i18next';

export function AlarmStateBadge({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return (
    <span className={`state-badge state-badge--${state}`} data-testid="alarm-state">
      {t(`alarmState.${state}`)}
    </span>
  );
}
