import type { MatchedCondition } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { formatList } from '../../i18n/format';
import { useSiteIndex } from '../sites/siteStore';

/** The rule that matched an alarm to a plan, in the screen's words: "alarm kind Smoke, zone kind Garage". */
export function useMatchText(): (matched: readonly MatchedCondition[]) => string {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const index = useSiteIndex();
  return useCallback(
    (matched) => {
      if (matched.length === 0) return t('incidents.open.anyAlarm');
      const parts = matched.map((condition) => {
        switch (condition.on) {
          case 'alarmKind':
            return t('incidents.open.condition.alarmKind', { kind: t(`alarmKind.${condition.alarmKind}`) });
          case 'zoneId': {
            const zone = index?.zones.get(condition.zoneId);
            return t('incidents.open.condition.zoneId', { zone: zone ? nameOf(zone) : condition.zoneId });
          }
          case 'zoneKind':
            return t('incidents.open.condition.zoneKind', { kind: t(`zoneKind.${condition.zoneKind}`) });
          case 'priority':
            return t('incidents.open.condition.priority', { priority: condition.priority, max: condition.maxPriority });
        }
      });
      return formatList(parts, i18n.language);
    },
    [t, i18n.language, index, nameOf],
  );
}
