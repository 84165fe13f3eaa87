import type { Alarm } from '@vigil/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useAlarmPlace } from './useAlarmPlace';

const SHOWN = 10;

const ResolvedRow = memo(function ResolvedRow({ alarm }: { alarm: Alarm }) {
  const { t, i18n } = useTranslation();
  const place = useAlarmPlace(alarm);
  return (
    <li className="resolved-row" data-testid="resolved-row" data-alarm-id={alarm.id}>
      <time dateTime={alarm.resolvedAt ?? alarm.lastAt}>{formatTime(alarm.resolvedAt ?? alarm.lastAt, i18n.language)}</time>
      <span className="resolved-row__kind">{t(`alarmKind.${alarm.kind}`)}</span>
      <span className="resolved-row__place">{place.label}</span>
      <span className="resolved-row__outcome">
        {t('alarms.resolvedLine', {
          name: alarm.resolvedBy?.name ?? '',
          disposition: alarm.disposition ? t(`disposition.${alarm.disposition}`) : '',
        })}
      </span>
    </li>
  );
});

/** Collapsed by default: the last alarms that left the queue, and how they were closed. */
export function RecentlyResolved({ alarms }: { alarms: readonly Alarm[] }) {
  const { t } = useTranslation();
  if (alarms.length === 0) return null;
  return (
    <details className="recently-resolved" data-testid="recently-resolved">
      <summary>{t('alarms.recentlyResolved', { count: alarms.length })}</summary>
      <ul>
        {alarms.slice(0, SHOWN).map((alarm) => (
          <ResolvedRow key={alarm.id} alarm={alarm} />
        ))}
      </ul>
    </details>
  );
}
