import { GUARD_STATUSES, type GuardRanking, type GuardStatus } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSeconds } from './checklistModel';

type Reason = GuardRanking['ranked'][number]['reasons'][number];
const EXCLUSIONS = ['offShift', 'offDuty', 'noFix', 'staleFix', 'busy', 'sos', 'unreachable', 'otherSite'] as const;
const number = (value: string | number | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));

/** Why a guard ranks where it does, in words: "In the zone", "1:40 walk, 120 m", "fix 0:12 old". */
export function useRankingText(): { reason: (reason: Reason) => string; exclusion: (reason: string) => string } {
  const { t } = useTranslation();
  const reason = useCallback(
    (item: Reason) => {
      switch (item.code) {
        case 'inZone':
          return t('incidents.dispatch.reasons.inZone');
        case 'walk':
          return t('incidents.dispatch.reasons.walk', { time: formatSeconds(number(item.seconds)), metres: number(item.metres) });
        case 'detour':
          return t('incidents.dispatch.reasons.detour', { metres: number(item.metres) });
        case 'floors':
          return t('incidents.dispatch.reasons.floors', { floors: number(item.floors) });
        case 'fixAge':
          return t('incidents.dispatch.reasons.fixAge', { time: formatSeconds(number(item.seconds)) });
        case 'status': {
          const status = item.status as GuardStatus;
          return t('incidents.dispatch.reasons.status', { status: GUARD_STATUSES.includes(status) ? t(`guardStatus.${status}`) : String(item.status) });
        }
        default:
          return item.code;
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
