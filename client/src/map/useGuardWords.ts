import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardWords } from './guardLayer';

export function useGuardWords(): GuardWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      listLabel: t('guards.listLabel'),
      status: (status) => t(`guardStatus.${status}`),
      describe: ({ callsign, status, floor, stale }) =>
        t(stale ? 'guards.describeStale' : 'guards.describe', { callsign, status: t(`guardStatus.${status}`), floor }),
    }),
    [t],
  );
}
