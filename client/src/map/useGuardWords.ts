import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAgo } from '../i18n/format';
import type { GuardWords } from './guardLayer';

export function useGuardWords(): GuardWords {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      listLabel: t('guards.listLabel'),
      status: (status) => t(`guardStatus.${status}`),
      staleLabel: ({ callsign, at, now }) => t('guards.staleLabel', { callsign, ago: formatAgo(at, now.getTime(), language) }),
      describe: ({ callsign, status, floor, stale, at, now }) =>
        t(stale ? 'guards.describeStale' : 'guards.describe', {
          callsign,
          status: t(`guardStatus.${status}`),
          floor,
          ago: formatAgo(at, now.getTime(), language),
        }),
    }),
    [t, language],
  );
}
