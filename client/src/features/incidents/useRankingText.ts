import type { GuardRanking } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSeconds } from './checklistModel';

type Reason = GuardRanking['ranked'][number]['reasons'][number];
const EXCLUSIONS = ['offShift', 'offDuty', 'noFix', 'staleFix', 'busy', 'sos', 'unreachable', 'otherSite'] as const;

/** Why a guard ranks where it does, in words: "In the zone", "1:40 walk, 120 m", "fix 0:12 old". */
export function useRankingText(): { reason: (reason: Reason) => string; exclusion: (reason: string) => string } {
  const { t } = useTranslation();
  const reason = useCallback(
    (item: Reason) => {
      switch (item.code) {
        case 'inZone':
          return t('incidents.dispatch.reasons.inZone');
        case 'walk':
          return t('incidents.dispatch.reasons.walk', { time: formatSeconds(item.seconds), metres: item.metres });
        case 'detour':
          return t('incidents.dispatch.reasons.detour', { metres: item.metres });
        case 'floors':
          return t('incidents.dispatch.reasons.floors', { floors: item.floors });
        case 'fixAge':
          return t('incidents.dispatch.reasons.fixAge', { time: formatSeconds(item.seconds) });
        case 'status':
          return t('incidents.dispatch.reasons.status', { status: t(`guardStatus.${item.status}`) });
      }
    },
    [t],
  );
  const exclusion = useCallback(
    (code: string) => ((EXCLUSIONS as readonly string[]).includes(code) ? t(`incidents.dispatch.excluded.${code as (typeof EXCLUSIONS)[number]}`) : code),
    [t],
  );
  return { reason, exclusion };
}
